#!/usr/bin/env bash
# Builds the Fabric 2.5.9 and Fabric CA 1.5.15 commands from the Go modules pinned in
# network/fabric-tools/ into a cache outside the repo and prints the folder that holds them.
# The cache key is a hash of the pins and the Go version, so changed pins rebuild.
# With FABRIC_BIN set (a folder holding the official binaries), nothing is built.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/fabric-bin.sh [--help]
Prints the folder holding peer, orderer, configtxgen, configtxlator, osnadmin, fabric-ca-server and
fabric-ca-client, building them first when the cache lacks them (about 3 minutes on 2 cores).
Environment:
  FABRIC_BIN        use these official binaries instead of building
  CDCQ_CACHE        cache root (default: ~/.cache/cdcq-labor-registry)
USAGE
}
[[ "${1:-}" == "--help" || "${1:-}" == "-h" ]] && { usage; exit 0; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
tools="$root/network/fabric-tools"
needed=(peer orderer configtxgen configtxlator osnadmin fabric-ca-server fabric-ca-client)

if [[ -n "${FABRIC_BIN:-}" ]]; then
  for b in "${needed[@]}"; do
    [[ -x "$FABRIC_BIN/$b" ]] || { echo "FABRIC_BIN=$FABRIC_BIN has no executable $b; unset FABRIC_BIN to build from source" >&2; exit 1; }
  done
  echo "$FABRIC_BIN"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "Go is not installed: install a Go toolchain (1.22 or later, e.g. 'apt-get install golang') or set FABRIC_BIN to a folder of official Fabric binaries" >&2
  exit 1
fi
if ! command -v gcc >/dev/null 2>&1; then
  echo "gcc is missing: Fabric CA needs cgo; install it with 'apt-get install gcc'" >&2
  exit 1
fi

key=$(cat "$tools"/fabric/go.mod "$tools"/fabric/go.sum "$tools"/fabric-ca/go.mod "$tools"/fabric-ca/go.sum <(go env GOVERSION) "$0" | sha256sum | cut -c1-16)
cache="${CDCQ_CACHE:-$HOME/.cache/cdcq-labor-registry}/fabric-bin/$key"
is_complete() { local b; for b in "${needed[@]}"; do [[ -x "$cache/$b" ]] || return 1; done; }
if is_complete; then echo "$cache"; exit 0; fi

# Two checkouts (or a test run and start.sh) may need the binaries at once: one builds while the
# other waits on the lock, and a finished cache is never removed, because a network may be
# running from it.
mkdir -p "$(dirname "$cache")"
exec 9>"$cache.lock"
if ! flock -n 9; then
  echo "Another build of the Fabric binaries is running; waiting for it ($cache.lock)" >&2
  flock 9
fi
if is_complete; then echo "$cache"; exit 0; fi
tmp=$(mktemp -d "$cache.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# -mod=readonly: the committed go.sum is the only source of checksums; nothing is rewritten.
export GOFLAGS=-mod=readonly
build() { # module-dir package output ldflags
  local dir=$1 pkg=$2 out=$3 ldflags=$4 start=$SECONDS
  echo "  building $out ..." >&2
  (cd "$dir" && go build -trimpath -ldflags "$ldflags" -o "$tmp/$out" "$pkg") >&2
  echo "  built $out in $((SECONDS - start)) s" >&2
}
echo "Building Fabric 2.5.9 and Fabric CA 1.5.15 into $cache (first time only, a few minutes)" >&2
fv="-X github.com/hyperledger/fabric/common/metadata.Version=2.5.9"
for cmd in peer orderer configtxgen configtxlator osnadmin; do
  build "$tools/fabric" "github.com/hyperledger/fabric/cmd/$cmd" "$cmd" "$fv"
done
cav="-X github.com/hyperledger/fabric-ca/lib/metadata.Version=1.5.15"
for cmd in fabric-ca-server fabric-ca-client; do
  CGO_ENABLED=1 build "$tools/fabric-ca" "github.com/hyperledger/fabric-ca/cmd/$cmd" "$cmd" "$cav"
done
chmod 755 "$tmp"
# A partial folder left by an older version of this script is replaced; a complete one was
# returned above.
rm -rf "$cache"
mv "$tmp" "$cache"
trap - EXIT
echo "$cache"
