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
  command -v gcc >/dev/null || missing+=(gcc libc6-dev)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  if [[ -z "${FABRIC_BIN:-}" ]] && ! command -v go >/dev/null; then missing+=(golang-go); fi
  (( ${#missing[@]} == 0 )) || apt_install "${missing[@]}"

  local jv
  jv=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  [[ "${jv%%.*}" -ge 17 ]] 2>/dev/null || die "Java $jv found; the project needs Java 17 or later (set JAVA_HOME or install openjdk-17-jdk-headless)"
  if [[ -z "${FABRIC_BIN:-}" ]]; then
    local gv
    gv=$(go env GOVERSION 2>/dev/null | sed 's/^go//')
    local major=${gv%%.*} rest=${gv#*.}; local minor=${rest%%.*}
    if (( major < 1 || (major == 1 && minor < 22) )); then
      die "Go $gv is too old to build Fabric 2.5.9 (needs 1.22 or later): install a newer Go, or set FABRIC_BIN to a folder of official Fabric 2.5 binaries"
    fi
  fi
}
