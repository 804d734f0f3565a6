#!/usr/bin/env bash
# Rotates the TLS certificate of a peer or an orderer to a new key (docs/operations.md "Rotating a
# TLS certificate"). A peer: the new certificate from its region's CA, the old one kept aside, the
# peer restarted; whoever dials it checks the region's TLS root, so nothing in the channel changes.
# An orderer: Raft consenters know each other by their TLS certificates (the consenter set of the
# channel configuration), so the new certificate first replaces the old one there, by an update
# signed by the joint office's orderer admin and both regions; then the node restarts with it
# (Fabric's order, docs/source/raft_configuration.md "TLS certificate rotation"; the orderers treat
# one entry removed and one added as a rotation of the same Raft node). One node at a time, with
# every other consenter up.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/rotate-tls.sh [--data DIR] NODE

  NODE        peer0-chengdu, peer0-chongqing, peer1-chengdu, ... or orderer0, orderer1, ...
  --data DIR  the running network's data folder (default CDCQ_DATA or .data/network)
The old TLS folder is kept as NODE/tls.before-TIME. Prints the new certificate's serial number.
USAGE
}
data_dir="" node=""
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --data) data_dir=$2; shift 2;;
    peer[0-9]-chengdu|peer[0-9]-chongqing|orderer[0-9]) node=$1; shift;;
    *) echo "unknown argument $1" >&2; usage >&2; exit 2;;
  esac
done
[[ -n "$node" ]] || { usage >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/onboarding.sh"
onboard_init "${data_dir:-${CDCQ_DATA:-$ROOT/.data/network}}"
started=$SECONDS
stamp=$(date +%Y%m%dT%H%M%S)

case $node in
  peer*)
    org=${node#*-} dir="$DATA/peers/$node"
    [[ -f "$dir/tls/signcerts/cert.pem" ]] || die "no TLS certificate for $node in $dir/tls"
    proc_alive "$node" || die "$node is not running"
    caport=$CA_CD_PORT; [[ $org == chongqing ]] && caport=$CA_CQ_PORT
    old=$(x509_serial "$dir/tls/signcerts/cert.pem")
    enroll_tls "$org" "$caport" "${node%%-*}" "$(tls_hosts "$node")" "$WORK/tls"
    new=$(x509_serial "$WORK/tls/signcerts/cert.pem")
    stop_proc "$node"
    mv "$dir/tls" "$dir/tls.before-$stamp"
    mv "$WORK/tls" "$dir/tls"
    extra_peer_start "$node"
    wait_pending
    read -r port _ ops < <(peer_ports "$node")
    wait_gossip_membership "$org" "$ops"
    # The peer serves the new certificate (what a client's TLS handshake sees).
    served=$(openssl s_client -connect "$(region_host "$node"):$port" -servername "$(node_name "$node")" </dev/null 2>/dev/null \
      | openssl x509 -noout -serial 2>/dev/null | cut -d= -f2)
    [[ $served == "$new" ]] || die "$node restarted but serves certificate serial '${served:-none}', not the new $new"
    ;;
  orderer*)
    index=${node#orderer} dir="$DATA/orderers/$node"
    [[ -f "$dir/tls/signcerts/cert.pem" ]] || die "no TLS certificate for $node in $dir/tls"
    for i in $(orderer_indexes); do
      proc_alive "orderer$i" || die "orderer$i is not running: rotate a consenter's certificate only while every consenter is up (Fabric's Raft reconfiguration rule); a lost orderer is scripts/replace-orderer.sh"
    done
    read -r port _ < <(orderer_ports "$index")
    old=$(x509_serial "$dir/tls/signcerts/cert.pem")
    enroll_tls orderer "$CA_ORD_PORT" "$node" "$(tls_hosts "$node")" "$WORK/tls"
    new=$(x509_serial "$WORK/tls/signcerts/cert.pem")
    # 1. The consenter set names the new certificate (signed by the joint office and both regions).
    fetch_config "$WORK/original.json"
    host=$(region_host "$node")
    grep -qx "$host:$port" <<<"$(consenters_of "$WORK/original.json")" || die "$node ($host:$port) is not a consenter of $CHANNEL"
    cert=$(base64 -w0 < "$WORK/tls/signcerts/cert.pem")
    jq --arg h "$host" --arg p "$port" --arg c "$cert" '
      .channel_group.groups.Orderer.values.ConsensusType.value.metadata.consenters |=
        map(if .host == $h and .port == ($p | tonumber) then .client_tls_cert = $c | .server_tls_cert = $c else . end)' \
      "$WORK/original.json" > "$WORK/modified.json"
    block=$(submit_update "$WORK/original.json" "$WORK/modified.json" "$ORDERING_SIGNERS")
    log "config block $block: the consenter set names $node's new certificate (serial $new)"
    # 2. The node restarts with it; until then the other consenters no longer accept its old one.
    stop_proc "$node"
    mv "$dir/tls" "$dir/tls.before-$stamp"
    mv "$WORK/tls" "$dir/tls"
    # shellcheck disable=SC2046
    orderer_start "$index" $(orderer_ports "$index")
    wait_pending
    wait_orderer "$index" consenter 120
    ;;
esac
log "$node: TLS certificate serial $old replaced by $new in $((SECONDS - started)) s (old one in tls.before-$stamp)"
echo "$new"
