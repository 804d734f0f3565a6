#!/usr/bin/env bash
# Adds a peer to a region (docs/operations.md "Adding a peer to a region"): the region's CA issues
# its identity and TLS certificate, the peer starts (finding its region's peer0 through gossip),
# gets the chaincode packages its region's peer0 has installed (chaincode as a service: the same
# connection to the region's chaincode server), joins the channel from the genesis block and pulls
# every block from the orderers; then it becomes one of the region's anchor peers by a channel
# configuration update signed by that region alone (an organization's AnchorPeers value is its own:
# mod_policy Admins of that organization), so the other region's peers learn of it too.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/add-peer.sh [--data DIR] [--no-anchor] REGION [N]

  REGION       chengdu or chongqing
  N            the peer's number (default 1: peer1-REGION); ports PORT_BASE + 320 + 10 * k with
               k = 2 * (N - 1) for Chengdu, + 1 for Chongqing (client), +1 chaincode, +2 metrics
  --no-anchor  do not add it to the region's anchor peers
  --data DIR   the running network's data folder (default CDCQ_DATA or .data/network)
USAGE
}
data_dir="" org="" n=1 anchor=1
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --data) data_dir=$2; shift 2;;
    --no-anchor) anchor=0; shift;;
    chengdu|chongqing) org=$1; shift;;
    [1-9]) n=$1; shift;;
    *) echo "unknown argument $1" >&2; usage >&2; exit 2;;
  esac
done
[[ -n "$org" ]] || { usage >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/onboarding.sh"
onboard_init "${data_dir:-${CDCQ_DATA:-$ROOT/.data/network}}"
started=$SECONDS
name="peer$n-$org" dir="$DATA/peers/peer$n-$org"
read -r port cc ops < <(peer_ports "$name")
caport=$CA_CD_PORT msp=ChengduMSP; [[ $org == chongqing ]] && caport=$CA_CQ_PORT msp=ChongqingMSP

# The other region's peer0: how many peers it knows through gossip before (it must learn of this one).
other_ops=$PEER_CQ_OPS; [[ $org == chongqing ]] && other_ops=$PEER_CD_OPS
known_before=$(peer_metric "$other_ops" "gossip_membership_total_peers_known{channel=\"$CHANNEL\"}" || echo 0)
known_before=${known_before%.*}

# 1. Identity and TLS certificate from the region's CA; the peer started.
identity "$org" "$caport" "peer$n" peer "" "$dir" "$(tls_hosts "$name")"
extra_peer_start "$name"
wait_pending
log "$name enrolled at ca-$org and started on $(region_host "$name"):$port"

# 2. The chaincode packages peer0 of the region has, installed on the new peer.
installed=0
while read -r id; do
  [[ -n "$id" ]] || continue
  label=${id%%:*}
  # The registry's package is DATA/chaincode/LABEL/LABEL-HASH.tar.gz (one for both regions), the
  # benchmark's reference chaincode DATA/chaincode/LABEL-REGION/package.tar.gz (one per region).
  file=""
  for f in "$DATA/chaincode/$label-$org/package.tar.gz" "$DATA/chaincode/$label/$label"-*.tar.gz; do
    [[ -f "$f" ]] && { file=$f; break; }
  done
  [[ -n "$file" ]] || die "peer0-$org has $id installed but its package file is neither $DATA/chaincode/$label-$org/package.tar.gz nor under $DATA/chaincode/$label"
  # The answer read whole, then searched: `| grep -q` stops reading at the first match, and under
  # pipefail the peer CLI's SIGPIPE on the rest would count as "not installed".
  if ! grep -qF "$id" <<<"$(peer_cli_at "$port" "$org" lifecycle chaincode queryinstalled 2>/dev/null || true)"; then
    peer_cli_at "$port" "$org" lifecycle chaincode install "$file" >>"$DATA/logs/chaincode-deploy.log" 2>&1 \
      || die "installing $label on $name failed; see $DATA/logs/chaincode-deploy.log"
  fi
  installed=$((installed + 1))
done < <(peer_cli "$org" lifecycle chaincode queryinstalled -O json 2>/dev/null | jq -r '.installed_chaincodes[]?.package_id')
log "$name: $installed chaincode package(s) installed, as on peer0-$org"

# 3. The channel, from its genesis block; then every block from the orderers.
if ! peer_cli_at "$port" "$org" channel getinfo -c "$CHANNEL" >/dev/null 2>&1; then
  peer_cli_at "$port" "$org" channel join -b "$DATA/channel/$CHANNEL.block" >>"$DATA/logs/channel.log" 2>&1 \
    || die "$name could not join $CHANNEL; see $DATA/logs/channel.log and $DATA/logs/$name.log"
fi
target=$(channel_height "$org") deadline=$((SECONDS + 300))
until h=$(peer_height "$org" "$port") \
      && [[ -n "$h" ]] && (( h >= target )); do
  (( SECONDS < deadline )) || die "$name reached height ${h:-none} of $target in 300 s; see $DATA/logs/$name.log"
  sleep 1
done
log "$name joined $CHANNEL and caught up to height $h in $((SECONDS - started)) s"
# It calls the region's chaincode server like peer0 does.
until peer_cli_at "$port" "$org" chaincode query -C "$CHANNEL" -n "$CC_NAME" \
      -c '{"function":"org.hyperledger.fabric:GetMetadata","Args":[]}' >/dev/null 2>>"$DATA/logs/chaincode-deploy.log"; do
  (( SECONDS < deadline )) || die "$name cannot call the $CC_NAME chaincode; see $DATA/logs/chaincode-deploy.log and $DATA/logs/$name.log"
  sleep 1
done

# 4. One of the region's anchor peers (the region's own update).
if (( anchor )); then
  fetch_config "$WORK/original.json"
  jq --arg m "$msp" --arg h "$(region_host "$name")" --arg p "$port" '
    .channel_group.groups.Application.groups[$m].values.AnchorPeers.value.anchor_peers |=
      ((. // []) + [{host: $h, port: ($p | tonumber)}] | unique)' \
    "$WORK/original.json" > "$WORK/modified.json"
  block=$(submit_update "$WORK/original.json" "$WORK/modified.json" "$org")
  log "config block $block: $name is an anchor peer of $msp, signed by $org alone"
fi
wait_gossip_membership "$org" "$ops"
# The other region's peers learn of it through the anchor peers (gossip alive messages, a few seconds).
deadline=$((SECONDS + 60))
until known=$(peer_metric "$other_ops" "gossip_membership_total_peers_known{channel=\"$CHANNEL\"}") \
      && (( ${known%.*} > known_before )); do
  (( SECONDS < deadline )) || die "the other region's peer0 still knows ${known:-?} peers (as before $name) after 60 s; see $DATA/logs/$name.log (gossip)"
  sleep 1
done
log "the other region's peer0 knows ${known%.*} peers through gossip (was $known_before)"
log "$name added to $org in $((SECONDS - started)) s"
