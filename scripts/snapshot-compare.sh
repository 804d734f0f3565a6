#!/usr/bin/env bash
# Fork check by ledger snapshot (docs/operations.md): asks both regions' peers for a snapshot of
# the channel at the same block, waits for both, and compares their hashes, as Fabric intends
# snapshots to be compared across organizations. Equal: both peers hold the same ledger and world
# state at that block. Different: the files that differ are named (an altered state database, a
# fork). Exit 0 equal, 1 different, 2 could not compare.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/snapshot-compare.sh [--data DIR] [--help]
  --data DIR   the running network's data folder (default .data/network, or CDCQ_DATA)
Prints the block and the snapshot hash of each region's peer; the snapshots stay in
DATA/peers/peer0-<region>/ledger/snapshots/completed/ (a backup a new peer can join from).
USAGE
}
data_dir=""
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --data) data_dir=$2; shift 2;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/prereqs.sh"
source "$ROOT/scripts/lib/network.sh"
adopt_running_network "${data_dir:-${CDCQ_DATA:-$ROOT/.data/network}}"
command -v jq >/dev/null || die "jq is missing (scripts/lib/prereqs.sh installs it)"
BIN=$(network_bin)
network_setup_vars
started=$SECONDS

snapdir() { echo "$DATA/peers/peer0-$1/ledger/snapshots/completed/$CHANNEL/$2"; }

# The same block on both: the last one both have committed, asked for while neither has gone
# past it (a peer refuses a block below its last); a block committed in between means asking again.
block=""
for attempt in $(seq 1 20); do
  hcd=$(channel_height chengdu); hcq=$(channel_height chongqing)
  [[ -n "$hcd" && -n "$hcq" ]] || die "cannot read the channel height from both peers (are they running?)"
  if [[ $hcd == "$hcq" ]]; then
    b=$((hcd - 1))
    # An earlier run's snapshots of this block are taken again: the state may have changed since.
    rm -rf "$(snapdir chengdu "$b")" "$(snapdir chongqing "$b")"
    out_cd=$(peer_cli chengdu snapshot submitrequest -c "$CHANNEL" -b "$b" --peerAddress "$HOST_CD:$PEER_CD_PORT" \
      --tlsRootCertFile "$DATA/orgs/chengdu/msp/tlscacerts/ca.pem" 2>&1) || true
    out_cq=$(peer_cli chongqing snapshot submitrequest -c "$CHANNEL" -b "$b" --peerAddress "$HOST_CQ:$PEER_CQ_PORT" \
      --tlsRootCertFile "$DATA/orgs/chongqing/msp/tlscacerts/ca.pem" 2>&1) || true
    ok_cd=0; ok_cq=0
    [[ $out_cd == *"Snapshot request submitted successfully"* || -d "$(snapdir chengdu "$b")" ]] && ok_cd=1
    [[ $out_cq == *"Snapshot request submitted successfully"* || -d "$(snapdir chongqing "$b")" ]] && ok_cq=1
    if (( ok_cd && ok_cq )); then block=$b; break; fi
    log "snapshot at block $b not taken by both peers (attempt $attempt): chengdu: ${out_cd:0:200}; chongqing: ${out_cq:0:200}"
  else
    log "heights differ (Chengdu $hcd, Chongqing $hcq); waiting for the peers to agree"
  fi
  sleep 1
done
[[ -n "$block" ]] || { log "could not ask both peers for a snapshot at the same block"; exit 2; }
log "snapshot of $CHANNEL at block $block asked of both peers; waiting for them"

for org in chengdu chongqing; do
  d=$(snapdir "$org" "$block")
  for _ in $(seq 1 120); do
    [[ -f "$d/_snapshot_additional_metadata.json" ]] && break
    sleep 0.5
  done
  [[ -f "$d/_snapshot_additional_metadata.json" ]] || { log "peer0-$org made no snapshot in $d within 60 s (see DATA/logs/peer0-$org.log)"; exit 2; }
done

hash_cd=$(jq -r '.snapshot_hash' "$(snapdir chengdu "$block")/_snapshot_additional_metadata.json")
hash_cq=$(jq -r '.snapshot_hash' "$(snapdir chongqing "$block")/_snapshot_additional_metadata.json")
size() { du -sb "$1" | cut -f1; }
log "block $block: Chengdu's peer snapshot hash $hash_cd ($(size "$(snapdir chengdu "$block")") bytes)"
log "block $block: Chongqing's peer snapshot hash $hash_cq ($(size "$(snapdir chongqing "$block")") bytes)"
if [[ $hash_cd == "$hash_cq" ]]; then
  log "EQUAL: both regions' peers hold the same ledger and state at block $block ($((SECONDS - started)) s)"
  exit 0
fi
# Which files differ: the signable metadata lists each file's hash.
files=$(jq -r --slurpfile other "$(snapdir chongqing "$block")/_snapshot_signable_metadata.json" '
  .snapshot_files_raw_hashes as $a | $other[0].snapshot_files_raw_hashes as $b
  | ($a | keys) + ($b | keys) | unique | map(select($a[.] != $b[.])) | join(", ")' \
  "$(snapdir chengdu "$block")/_snapshot_signable_metadata.json")
log "DIFFERENT at block $block: $files differ between the regions' peers; one peer's ledger or state was altered or has forked"
exit 1
