#!/usr/bin/env bash
# A rolling upgrade of the Fabric binaries within 2.5 LTS (docs/operations.md "Upgrading Fabric
# within 2.5"): every orderer, then every peer, restarted one at a time on the binaries in --bin,
# each back in the network (an active consenter in a whole Raft cluster; a peer at the others'
# height that knows the other region's peers) before the next goes down, so the ordering service
# never loses more than one node and each region loses its peer for a few seconds only. The Raft
# leader goes last. Ledgers, keys and configuration stay as they are: a patch release of 2.5 reads
# them as they are (Fabric's upgrade guide: binaries first, capabilities only when a release needs
# them, and 2.5 needs none beyond V2_5 for the application, which the channel has).
#
# The new binaries come from the tools module (network/fabric-tools): raise the pinned version
# there, run scripts/fabric-bin.sh, and give this script the folder it prints.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/fabric-upgrade.sh [--data DIR] [--only orderers|peers] --bin NEWBIN

  --bin DIR    folder with the new peer and orderer binaries (scripts/fabric-bin.sh prints it)
  --only       restart only the orderers or only the peers
  --data DIR   the running network's data folder (default CDCQ_DATA or .data/network)
Prints, per node, the seconds it was away.
USAGE
}
data_dir="" newbin="" only=""
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --data) data_dir=$2; shift 2;;
    --bin) newbin=$2; shift 2;;
    --only) only=$2; shift 2;;
    *) echo "unknown argument $1" >&2; usage >&2; exit 2;;
  esac
done
[[ -n "$newbin" ]] || { usage >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/onboarding.sh"
onboard_init "${data_dir:-${CDCQ_DATA:-$ROOT/.data/network}}"
newbin=$(cd "$newbin" && pwd) || die "no folder $newbin"
for b in peer orderer; do [[ -x "$newbin/$b" ]] || die "no $b binary in $newbin"; done
version=$("$newbin/peer" version 2>/dev/null | sed -n 's/^ *Version: *//p')
[[ $version == 2.5.* ]] || die "$newbin/peer is version '${version:-unknown}': this procedure stays within Fabric 2.5 (docs/operations.md for Fabric 3)"
started=$SECONDS
log "rolling upgrade onto $newbin (Fabric $version)"

running_from() { readlink "/proc/$(proc_pid "$1")/exe" 2>/dev/null || true; } # name

if [[ $only != peers ]]; then
  # Every consenter up first: a restart while one is down would stop the ordering.
  for i in $(orderer_indexes); do proc_alive "orderer$i" || die "orderer$i is not running: bring it back (or replace it) before an upgrade"; done
  leader=$(raft_leader)
  order=()
  for i in $(orderer_indexes); do [[ $i == "$leader" ]] || order+=("$i"); done
  [[ -n "$leader" ]] && order+=("$leader")
  for i in "${order[@]}"; do
    [[ $(running_from "orderer$i") == "$newbin/orderer" ]] && { log "orderer$i already runs $newbin/orderer"; continue; }
    t=$SECONDS
    stop_proc "orderer$i"
    # shellcheck disable=SC2046
    BIN=$newbin orderer_start "$i" $(orderer_ports "$i")
    wait_pending
    wait_orderer "$i" consenter 120
    log "orderer$i upgraded$([[ $i == "$leader" ]] && echo " (it was the Raft leader)"): back as a consenter in $((SECONDS - t)) s"
    echo "orderer$i $((SECONDS - t))"
  done
fi

if [[ $only != orderers ]]; then
  for org in chengdu chongqing; do
    for name in $(region_peers "$org"); do
      [[ $(running_from "$name") == "$newbin/peer" ]] && { log "$name already runs $newbin/peer"; continue; }
      t=$SECONDS
      read -r port _ ops < <(peer_ports "$name")
      stop_proc "$name"
      BIN=$newbin extra_peer_start "$name"
      wait_pending
      wait_gossip_membership "$org" "$ops"
      target=$(orderers_height) deadline=$((SECONDS + 120))
      until h=$(peer_height "$org" "$port") \
            && [[ -n "$h" ]] && (( h >= target )); do
        (( SECONDS < deadline )) || die "$name reached height ${h:-none} of $target in 120 s after its restart; see $DATA/logs/$name.log"
        sleep 0.5
      done
      log "$name upgraded: back at height $h in $((SECONDS - t)) s"
      echo "$name $((SECONDS - t))"
    done
  done
fi
log "rolling upgrade onto Fabric $version done in $((SECONDS - started)) s"
