#!/usr/bin/env bash
# Changes the channel configuration the way Fabric does it: fetch the latest config block,
# decode it to JSON with configtxlator, edit the JSON, compute the update between the two,
# wrap it in an envelope, have each organization's admin sign it, submit it to the ordering
# service, and wait until both regions' peers have committed the new config block.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/channel-update.sh [--signers ORG[,ORG]] SUBCOMMAND ARGS...

Subcommands:
  set-crl ORG CRL_PEM...   make the CRL(s) the revocation list of ORG's MSP (chengdu or
                           chongqing) in the channel configuration, replacing the list there
                           (Fabric CA's gencrl writes a CRL of every certificate it revoked)
  set-acl RESOURCE POLICY  point the channel ACL of RESOURCE (e.g. event/Block) at POLICY
                           (e.g. /Channel/Application/Readers; "-" removes the entry, back to
                           Fabric's default): a change of the Application group itself, so
                           MAJORITY Admins, both regions, must sign it
  show-acl RESOURCE        print the channel's ACL entry for RESOURCE (nothing: the default)
  show-crl ORG             print the serial numbers on ORG's revocation list in the channel
  show                     print the channel configuration as JSON

Options:
  --signers chengdu,chongqing   which regions' admins sign, in that order (default both; the
                                last one submits). A change to an organization's MSP is governed
                                by that organization's Admins policy; a change to the Application
                                or Channel groups by MAJORITY Admins, which of two regions is both
                                (network/configtx.yaml.tmpl). The orderer refuses an update whose
                                signatures do not satisfy the policies it touches.
Environment:
  CDCQ_DATA    data folder of the network (default: .data/network in the repository); its port
               base is the one recorded there
Prints, on success, the number of the new config block.
USAGE
}

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
adopt_running_network "${CDCQ_DATA:-$ROOT/.data/network}" # its data folder and recorded port base
BIN=$("$ROOT/scripts/fabric-bin.sh")
source "$ROOT/scripts/lib/network.sh"
set_ports "$PORT_BASE"
[[ -x "$BIN/configtxlator" ]] || die "no configtxlator in $BIN (scripts/fabric-bin.sh builds it)"
command -v jq >/dev/null || die "jq is missing: install it (apt-get install jq)"

SIGNERS=chengdu,chongqing
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --signers) SIGNERS=${2:-}; shift 2;;
    *) break;;
  esac
done
[[ $# -ge 1 ]] || { usage >&2; exit 2; }
SUB=$1; shift

msp_of() {
  case $1 in chengdu) echo ChengduMSP;; chongqing) echo ChongqingMSP;;
    *) die "unknown organization '$1' (chengdu or chongqing)";; esac
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/channel-update.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ORDERER_ARGS=(-o "127.0.0.1:$ORDERER0_PORT" --tls --cafile "$DATA/orgs/orderer/msp/tlscacerts/ca.pem")

# The current channel configuration (the config of the latest config block) as JSON.
fetch_config() { # out.json
  peer_cli chengdu channel fetch config "$WORK/config_block.pb" -c "$CHANNEL" "${ORDERER_ARGS[@]}" \
    >>"$WORK/log" 2>&1 || { cat "$WORK/log" >&2; die "could not fetch the config block of $CHANNEL"; }
  "$BIN/configtxlator" proto_decode --input "$WORK/config_block.pb" --type common.Block --output "$WORK/block.json"
  jq '.data.data[0].payload.data.config' "$WORK/block.json" > "$1"
}

# Computes the update from original.json to modified.json, signs it with each signer's admin
# (peer channel signconfigtx) and submits it with the last one (peer channel update, which adds
# that admin's signature), then waits for both peers to commit the new config block.
submit_update() { # original.json modified.json
  local original=$1 modified=$2
  local previous; previous=$(jq -r '.header.number' "$WORK/block.json") # the config block original.json came from
  "$BIN/configtxlator" proto_encode --input "$original" --type common.Config --output "$WORK/original.pb"
  "$BIN/configtxlator" proto_encode --input "$modified" --type common.Config --output "$WORK/modified.pb"
  "$BIN/configtxlator" compute_update --channel_id "$CHANNEL" --original "$WORK/original.pb" \
    --updated "$WORK/modified.pb" --output "$WORK/update.pb" 2>"$WORK/compute.log" \
    || { grep -q "no differences" "$WORK/compute.log" && { log "the channel configuration already says so: nothing to update"; echo unchanged; return 0; }
         cat "$WORK/compute.log" >&2; die "configtxlator compute_update failed"; }
  "$BIN/configtxlator" proto_decode --input "$WORK/update.pb" --type common.ConfigUpdate --output "$WORK/update.json"
  jq -n --arg ch "$CHANNEL" --slurpfile u "$WORK/update.json" \
    '{payload: {header: {channel_header: {channel_id: $ch, type: 2}}, data: {config_update: $u[0]}}}' \
    > "$WORK/envelope.json"
  "$BIN/configtxlator" proto_encode --input "$WORK/envelope.json" --type common.Envelope --output "$WORK/envelope.pb"
  local -a orgs; IFS=, read -r -a orgs <<<"$SIGNERS"
  (( ${#orgs[@]} >= 1 )) || die "--signers names no organization"
  local i
  for ((i = 0; i < ${#orgs[@]} - 1; i++)); do
    msp_of "${orgs[i]}" >/dev/null
    peer_cli "${orgs[i]}" channel signconfigtx -f "$WORK/envelope.pb" >>"$WORK/log" 2>&1 \
      || { cat "$WORK/log" >&2; die "the admin of ${orgs[i]} could not sign the update"; }
    log "signed by the admin of ${orgs[i]}"
  done
  local last=${orgs[-1]}
  msp_of "$last" >/dev/null
  if ! peer_cli "$last" channel update -f "$WORK/envelope.pb" -c "$CHANNEL" "${ORDERER_ARGS[@]}" >"$WORK/update.log" 2>&1; then
    # The orderer's reason (e.g. "implicit policy evaluation failed - 1 sub-policies were
    # satisfied, but this policy requires 2 of the 'Admins' sub-policies to be satisfied").
    sed -n 's/.*\(Error: .*\)/\1/p' "$WORK/update.log" >&2
    die "the ordering service refused the update signed by ${SIGNERS//,/ and } (reason above)"
  fi
  log "signed by the admin of $last and submitted"
  # The new config block, as the orderer has it; both peers must have committed it (and so
  # apply the new configuration) before the caller relies on it.
  local block deadline=$((SECONDS + 60)) cd cq
  while :; do # the orderer has accepted the update; its block may take a moment to be cut
    fetch_config "$WORK/after.json"
    block=$(jq -r '.header.number' "$WORK/block.json")
    [[ "$block" != "$previous" ]] && break
    (( SECONDS < deadline )) || die "the update was accepted but no new config block appeared in 60 s"
    sleep 0.3
  done
  while :; do
    cd=$(channel_height chengdu); cq=$(channel_height chongqing)
    [[ -n "$cd" && -n "$cq" && "$cd" -gt "$block" && "$cq" -gt "$block" ]] && break
    (( SECONDS < deadline )) || die "config block $block was accepted but a peer has not committed it in 60 s (heights: chengdu $cd, chongqing $cq)"
    sleep 0.3
  done
  echo "$block"
}

case $SUB in
  set-crl)
    [[ $# -ge 2 ]] || die "usage: set-crl ORG CRL_PEM..."
    org=$1; shift; msp=$(msp_of "$org")
    crls='[]'
    for f in "$@"; do
      [[ -f "$f" ]] || die "no CRL file $f"
      grep -q -- '-----BEGIN X509 CRL-----' "$f" || die "$f is not a PEM CRL (fabric-ca-client gencrl writes one)"
      crls=$(jq -c --arg c "$(base64 -w0 < "$f")" '. + [$c]' <<<"$crls")
    done
    fetch_config "$WORK/original.json"
    jq --arg m "$msp" --argjson crls "$crls" \
      '.channel_group.groups.Application.groups[$m].values.MSP.value.config.revocation_list = $crls' \
      "$WORK/original.json" > "$WORK/modified.json"
    log "revocation list of $msp in $CHANNEL: $(jq length <<<"$crls") CRL(s)"
    submit_update "$WORK/original.json" "$WORK/modified.json"
    ;;
  set-acl)
    [[ $# -eq 2 ]] || die "usage: set-acl RESOURCE POLICY"
    fetch_config "$WORK/original.json"
    if [[ $2 == - ]]; then # back to Fabric's default: no entry (and no ACLs value when none is left)
      jq --arg r "$1" 'del(.channel_group.groups.Application.values.ACLs.value.acls[$r])
        | if (.channel_group.groups.Application.values.ACLs.value.acls // {}) == {}
          then del(.channel_group.groups.Application.values.ACLs) else . end' \
        "$WORK/original.json" > "$WORK/modified.json"
    else
      jq --arg r "$1" --arg p "$2" '.channel_group.groups.Application.values.ACLs //= {mod_policy: "Admins", value: {acls: {}}}
        | .channel_group.groups.Application.values.ACLs.value.acls[$r] = {policy_ref: $p}' \
        "$WORK/original.json" > "$WORK/modified.json"
    fi
    log "channel ACL $1 -> $2"
    submit_update "$WORK/original.json" "$WORK/modified.json"
    ;;
  show-acl)
    [[ $# -eq 1 ]] || die "usage: show-acl RESOURCE"
    fetch_config "$WORK/config.json"
    jq -r --arg r "$1" '.channel_group.groups.Application.values.ACLs.value.acls[$r].policy_ref // empty' "$WORK/config.json"
    ;;
  show-crl)
    [[ $# -eq 1 ]] || die "usage: show-crl ORG"
    msp=$(msp_of "$1")
    fetch_config "$WORK/config.json"
    jq -r --arg m "$msp" '.channel_group.groups.Application.groups[$m].values.MSP.value.config.revocation_list // [] | .[]' \
      "$WORK/config.json" | while read -r c; do
        base64 -d <<<"$c" | openssl crl -noout -text | sed -n 's/^ *Serial Number: *//p'
      done
    ;;
  show)
    fetch_config "$WORK/config.json"
    cat "$WORK/config.json"
    ;;
  *) usage >&2; exit 2;;
esac
