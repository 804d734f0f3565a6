# The independent verifier the end-to-end tests run against the services' credentials
# (client/src/test/node: npm canonicalize, Node's WebCrypto, @digitalbazaar/vc-bitstring-status-list),
# installed with `npm ci` from its committed package-lock.json into .data/node-interop (git-ignored),
# again only when package.json or the lock changed. Sourced by test.sh.

ensure_node_interop() {
  npm_install_locked "$ROOT/client/src/test/node" "$ROOT/.data/node-interop" "the Node interop verifier"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  (( major >= 18 )) || die "Node.js $(node -v) found; the interop verifier needs 18 or later (fetch, WebCrypto)"
  local src="$ROOT/client/src/test/node" dst="$ROOT/.data/node-interop"
  cp "$src/verify-credential.mjs" "$dst/"
}
