# Makes sure the tools the project builds with are present, installing Debian packages
# when they are missing (as root, with apt-get). Sourced by start.sh and test.sh.

apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    die "missing $*: install them (e.g. 'sudo apt-get install $*') and run again"
  fi
  if [[ -z "${APT_UPDATED:-}" ]]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed; check the package mirror"
    APT_UPDATED=1
  fi
  log "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 \
    || die "apt-get install $* failed"
}

ensure_prereqs() {
  local missing=()
  command -v tar >/dev/null || missing+=(tar)
  command -v gzip >/dev/null || missing+=(gzip)
  command -v sha256sum >/dev/null || missing+=(coreutils)
  command -v setsid >/dev/null || missing+=(util-linux)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq) # scripts/fault-test.sh reads the API's answers with it
  command -v openssl >/dev/null || missing+=(openssl) # scripts/revoke-identity.sh reads the CRL and certificates with it
  command -v gcc >/dev/null || missing+=(gcc libc6-dev)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  # Go is not taken from Debian (bookworm's golang-go 1.19 is too old for Fabric 2.5): without
  # a Go on the PATH, the official toolchain comes from the Go module proxy (below).
  if [[ -z "${FABRIC_BIN:-}" ]] && ! command -v go >/dev/null; then
    command -v curl >/dev/null || missing+=(curl ca-certificates)
    command -v unzip >/dev/null || missing+=(unzip)
  fi
  # Chinese glyphs for the certificate PDFs the service makes (loaded from the system path, embedded).
  [[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]] || missing+=(fonts-wqy-zenhei)
  (( ${#missing[@]} == 0 )) || apt_install "${missing[@]}"

  local jv
  jv=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  [[ "${jv%%.*}" -ge 21 ]] 2>/dev/null || die "Java $jv found; the project needs Java 21 or later (web3j; see scripts/lib/jdk.sh)"
  if [[ -z "${FABRIC_BIN:-}" ]] && ! command -v go >/dev/null; then
    install_go_toolchain
  fi
  if [[ -z "${FABRIC_BIN:-}" ]]; then
    local gv
    gv=$(go env GOVERSION 2>/dev/null | sed 's/^go//')
    local major=${gv%%.*} rest=${gv#*.}; local minor=${rest%%.*}
    if (( major < 1 || (major == 1 && minor < 22) )); then
      die "Go $gv is too old to build Fabric 2.5.9 (needs 1.22 or later): install a newer Go, or set FABRIC_BIN to a folder of official Fabric 2.5 binaries"
    fi
  fi
}

# The Go toolchain as the go command itself fetches it (GOTOOLCHAIN): the module
# golang.org/toolchain on the Go module proxy, unpacked into the cache outside the repo.
GO_TOOLCHAIN_VERSION=1.23.12
install_go_toolchain() {
  local ver="v0.0.1-go$GO_TOOLCHAIN_VERSION.linux-amd64"
  local dir="${CDCQ_CACHE:-$HOME/.cache/cdcq-labor-registry}/go/$ver"
  local gobin="$dir/golang.org/toolchain@$ver/bin"
  if [[ ! -x "$gobin/go" ]]; then
    [[ "$(uname -m)" == x86_64 ]] || die "Go is not installed and no toolchain download is set up for $(uname -m): install Go 1.22 or later"
    log "Go is not installed: fetching Go $GO_TOOLCHAIN_VERSION from the Go module proxy"
    local proxy="${GOPROXY:-https://proxy.golang.org}"; proxy=${proxy%%,*}
    mkdir -p "$dir"
    curl -fsSL "$proxy/golang.org/toolchain/@v/$ver.zip" -o "$dir/toolchain.zip" \
      || die "could not download Go $GO_TOOLCHAIN_VERSION from $proxy; install Go 1.22 or later by hand"
    (cd "$dir" && unzip -q -o toolchain.zip && rm toolchain.zip) || die "could not unpack the Go toolchain in $dir"
    chmod +x "$gobin"/* "$dir/golang.org/toolchain@$ver/pkg/tool/"*/* 2>/dev/null || true
  fi
  export PATH="$gobin:$PATH"
  log "using Go from $gobin"
}

# The browser tests of the pages (PagesIT) drive Debian's headless Chromium through its own
# chromedriver; a browser download by a test tool would fail here, so they come from apt.
ensure_browser() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
  (( ${#missing[@]} == 0 )) || apt_install "${missing[@]}"
}

# Node.js packages from a committed package.json and package-lock.json (npm ci: the locked
# versions only), installed into a git-ignored folder, again only when either file changed.
npm_install_locked() { # source-folder target-folder what
  local src=$1 dst=$2 what=$3 stamp
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  stamp=$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-64)
  mkdir -p "$dst"
  if [[ ! -f "$dst/.installed" || $(cat "$dst/.installed") != "$stamp" ]]; then
    log "installing $what (npm ci) into $dst"
    cp "$src/package.json" "$src/package-lock.json" "$dst/"
    (cd "$dst" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci of $what failed (see above)"
    echo "$stamp" > "$dst/.installed"
  fi
}
