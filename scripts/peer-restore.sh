#!/usr/bin/env bash
# Restore a region's peer from a ledger snapshot (docs/operations.md): the snapshot both regions'
# peers agree on (scripts/snapshot-compare.sh) is kept as a backup, the peer is stopped, its
# channel ledger set aside (never deleted), the peer started empty and joined to the channel from
# the backup (peer channel joinbysnapshot); it then fetches the blocks after the snapshot from
# the orderers. Ends with the two peers' snapshots compared again.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/peer-restore.sh [--data DIR] REGION
  REGION       chengdu or chongqing: the peer to restore
  --data DIR   the running network's data folder (default .data/network, or CDCQ_DATA)
The old ledger is kept in DATA/peers/peer0-REGION/ledger/ledgersData.before-restore-TIME, the
backup in DATA/backups/peer0-REGION-BLOCK.
USAGE
}
data_dir="" org=""
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --data) data_dir=$2; shift 2;;
    chengdu|chongqing) org=$1; shift;;
    *) echo "unknown argument $1" >&2; usage >&2; exit 2;;
  esac
done
[[ -n "$org" ]] || { usage >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/prereqs.sh"
source "$ROOT/scripts/lib/network.sh"
adopt_running_network "${data_dir:-${CDCQ_DATA:-$ROOT/.data/network}}"
BIN=$(network_bin)
network_setup_vars
started=$SECONDS
other=chongqing; [[ $org == chongqing ]] && other=chengdu

# 1. A snapshot both regions agree on.
out=$("$ROOT/scripts/snapshot-compare.sh" --data "$DATA" 2>&1) || { echo "$out" >&2; die "the peers' snapshots do not agree: restore from an agreed snapshot only"; }
block=$(sed -n 's/.*EQUAL: .* at block \([0-9]*\).*/\1/p' <<<"$out" | tail -1)
[[ -n "$block" ]] || die "could not read the snapshot's block from: $out"
backup="$DATA/backups/peer0-$org-$block"
rm -rf "$backup"; mkdir -p "$DATA/backups"
cp -a "$DATA/peers/peer0-$org/ledger/snapshots/completed/$CHANNEL/$block" "$backup"
log "backup of peer0-$org at block $block in $backup ($(du -sb "$backup" | cut -f1) bytes, hash agreed with peer0-$other)"

# 2. The peer stopped, its channel ledger set aside; the installed chaincode (lifecycle/) stays.
t=$SECONDS
service_log="$DATA/logs/service-$org.log"
log_lines=$( [[ -f "$service_log" ]] && wc -l < "$service_log" || echo 0)
stop_proc "peer0-$org"
aside="$DATA/peers/peer0-$org/ledger/ledgersData.before-restore-$(date +%Y%m%dT%H%M%S)"
mv "$DATA/peers/peer0-$org/ledger/ledgersData" "$aside"
rm -rf "$DATA/peers/peer0-$org/ledger/transientstore" "$DATA/peers/peer0-$org/ledger/transientStoreFileLock"
log "peer0-$org stopped; its ledger set aside in $aside"
if [[ $org == chengdu ]]; then
  peer_start chengdu ChengduMSP "$PEER_CD_PORT" "$PEER_CD_CC" "$PEER_CD_OPS" "$CC_CD_PORT"
else
  peer_start chongqing ChongqingMSP "$PEER_CQ_PORT" "$PEER_CQ_CC" "$PEER_CQ_OPS" "$CC_CQ_PORT"
fi
wait_pending

# 3. Joined from the backup, then caught up from the orderers.
peer_cli "$org" channel joinbysnapshot --snapshotpath "$backup" >&2 || die "peer channel joinbysnapshot failed (see DATA/logs/peer0-$org.log)"
for _ in $(seq 1 240); do
  status=$(peer_cli "$org" channel joinbysnapshotstatus 2>&1 || true)
  [[ $status == *"No joinbysnapshot operation is in progress"* ]] && break
  sleep 0.5
done
target=$(channel_height "$other")
for _ in $(seq 1 240); do
  h=$(channel_height "$org" || true)
  [[ -n "$h" ]] && (( h >= target )) && break
  sleep 0.5
done
(( ${h:-0} >= target )) || die "peer0-$org reached height ${h:-none}, not $target, within 2 minutes"
log "peer0-$org joined from the snapshot at block $block and caught up to height $h in $((SECONDS - t)) s"
ops=$PEER_CD_OPS; [[ $org == chongqing ]] && ops=$PEER_CQ_OPS
wait_gossip_membership "$org" "$ops"

# The region's service follows the restored peer's events again (from the block after the snapshot).
if proc_alive "service-$org"; then
  resumed=""
  for _ in $(seq 1 60); do
    resumed=$(tail -n +"$((log_lines + 1))" "$service_log" | sed -n 's/.*listening to chaincode .* events from block \([0-9]*\).*/\1/p' | tail -1)
    [[ -n "$resumed" ]] && (( resumed > block )) && break
    sleep 0.5
  done
  [[ -n "$resumed" ]] && (( resumed > block )) \
    || die "service-$org does not follow the restored peer's events (see $service_log: 'cannot serve block'?)"
  log "service-$org follows the peer's events again from block $resumed"
fi

# 4. Both peers agree again.
out=$("$ROOT/scripts/snapshot-compare.sh" --data "$DATA" 2>&1) || { echo "$out" >&2; die "after the restore the peers' snapshots differ"; }
log "$(tail -1 <<<"$out" | cut -c10-)"
log "peer0-$org restored in $((SECONDS - started)) s"
