#!/usr/bin/env bash
# Replaces a lost Raft orderer (docs/operations.md "A lost orderer and its replacement"): the host
# is gone with its ledger, its Raft log and its keys. First the lost node leaves the consenter set
# (and the ordering endpoints), then a new node at the same address, with a new key and TLS
# certificate from the joint office's CA, joins as a follower, replicates every block and becomes
# a consenter: two updates, each signed by the joint office's orderer admin and both regions.
# Not one update that swaps the certificate in place: the orderers would then treat the new node
# as the lost one with its certificate rotated, keep its Raft ID, and expect its Raft log; a node
# that starts empty under that ID panics ("tocommit(23) is out of range [lastIndex(0)]. Was the
# raft log corrupted, truncated, or lost?", etcd raft log.go; tried on Fabric 2.5.9). A node with
# its data intact and only a new certificate is scripts/rotate-tls.sh. The remaining consenters
# must be a quorum of the current set: the updates need them.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/replace-orderer.sh [--data DIR] INDEX

  INDEX       the lost orderer's number (its address, its site's host and PORT_BASE+200+10*INDEX, is kept)
  --data DIR  the running network's data folder (default CDCQ_DATA or .data/network)
What is left of the lost node's folder is kept as orderers/ordererINDEX.lost-TIME. Prints the
config block that made the new node a consenter.
USAGE
}
data_dir="" index=""
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --data) data_dir=$2; shift 2;;
    [0-9]*) index=$1; shift;;
    *) echo "unknown argument $1" >&2; usage >&2; exit 2;;
  esac
done
[[ $index =~ ^[0-9]+$ ]] || { usage >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/onboarding.sh"
onboard_init "${data_dir:-${CDCQ_DATA:-$ROOT/.data/network}}"
started=$SECONDS
name="orderer$index" dir="$DATA/orderers/orderer$index"
read -r port admin ops < <(orderer_ports "$index")
proc_alive "$name" && die "$name is running: it is not lost (a new certificate for a running node is scripts/rotate-tls.sh)"
host=$(region_host "$name")
port_in_use "$port" && die "port $port is in use by another program: the replacement takes the lost node's address ($host:$port)"

fetch_config "$WORK/original.json"
grep -qx "$host:$port" <<<"$(consenters_of "$WORK/original.json")" || die "$name ($host:$port) is not a consenter of $CHANNEL"
total=$(consenters_of "$WORK/original.json" | wc -l) up=0
for i in $(orderer_indexes); do [[ $i != "$index" ]] && proc_alive "orderer$i" && up=$((up + 1)); done
(( up >= total / 2 + 1 )) || die "only $up of $total consenters are up: the update needs a quorum of $((total / 2 + 1)); bring one back first"

# The leader judges a change of the consenter set by the nodes it has heard from since it became
# leader (etcdraft's active nodes). When the lost node was the leader, the one elected after it
# counts no node alive for its first heartbeats and refuses the update as quorum loss ("0 out of 4
# nodes are alive, configuration will result in quorum loss"): wait until it has heard from a quorum.
deadline=$((SECONDS + 60))
until seen=$(raft_quorum_active); do
  (( SECONDS < deadline )) || die "the ordering service's leader has not heard from a quorum of consenters in 60 s ($seen)"
  sleep 1
done

# 1. The lost node out of the consenter set.
block=$(remove_consenter "$port")
log "config block $block: $name left the consenter set ($(consenters_of "$WORK/after.json" | wc -l) consenters)"

# 2. What is left of the lost node set aside; a new key and certificates for its identity.
if [[ -e "$dir" ]]; then
  mv "$dir" "$dir.lost-$(date +%Y%m%dT%H%M%S)"
  log "what was left of $name set aside"
fi
identity orderer "$CA_ORD_PORT" "$name" orderer "" "$dir" "$(tls_hosts "$name")"
log "new key and TLS certificate for $name from ca-orderer (serial $(x509_serial "$dir/tls/signcerts/cert.pem"))"

# 3. The new node, empty, joined as a follower, then a consenter (a new Raft ID).
block=$(add_consenter "$index")
log "$name replaced: a consenter again at height $(orderers_height), in $((SECONDS - started)) s"
echo "$block"
