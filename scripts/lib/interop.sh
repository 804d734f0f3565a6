# The independent verifier the end-to-end tests run against the services' credentials
# (client/src/test/node: npm canonicalize, Node's WebCrypto, @digitalbazaar/vc-bitstring-status-list),
# installed with `npm ci` from its committed package-lock.json into .data/node-interop (git-ignored),
# again only when package.json or the lock changed. Sourced by test.sh.

ensure_node_interop() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  (( major >= 18 )) || die "Node.js $(node -v) found; the interop verifier needs 18 or later (fetch, WebCrypto)"
  local src="$ROOT/client/src/test/node" dst="$ROOT/.data/node-interop" stamp
  stamp=$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-64)
  mkdir -p "$dst"
  if [[ ! -f "$dst/.installed" || $(cat "$dst/.installed") != "$stamp" ]]; then
    log "installing the Node interop verifier (npm ci) into $dst"
    cp "$src/package.json" "$src/package-lock.json" "$dst/"
    (cd "$dst" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci of the interop verifier failed (see above)"
    echo "$stamp" > "$dst/.installed"
  fi
  cp "$src/verify-credential.mjs" "$dst/"
}
