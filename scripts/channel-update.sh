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
  set-batch-timeout T      the ordering service's batch timeout (e.g. 250ms, 1s): a change of
                           the Orderer group, which its Admins policy gives to the joint
                           office's orderer admin and both regions together (--signers
                           orderer,chengdu,chongqing)
  set-orderer-admins       make the Orderer group's Admins policy AND('OrdererMSP.admin',
                           'ChengduMSP.admin', 'ChongqingMSP.admin'), as networks made since
                           7 December 2026 have it (network/configtx.yaml.tmpl): the migration of
                           an older network, whose Fabric default MAJORITY Admins lets the joint
                           office alone change the ordering service. Signed by all three unless
                           --signers says otherwise (the old policy needs only the joint office;
                           the regions sign to agree to the change)
  show-orderer-admins      print the Orderer group's Admins policy ("MAJORITY Admins", or
                           "3 of OrdererMSP.admin, ChengduMSP.admin, ChongqingMSP.admin")
  show-acl RESOURCE        print the channel's ACL entry for RESOURCE (nothing: the default)
  show-crl ORG             print the serial numbers on ORG's revocation list in the channel
  show                     print the channel configuration as JSON

Options:
  --signers chengdu,chongqing   which organizations' admins sign, in that order (default both
                                regions; "orderer" is the joint office's orderer admin; the
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
BIN=$(network_bin)
source "$ROOT/scripts/lib/network.sh"
source "$ROOT/scripts/lib/channel-config.sh"
set_ports "$PORT_BASE"
[[ -x "$BIN/configtxlator" ]] || die "no configtxlator in $BIN (scripts/fabric-bin.sh builds it)"
command -v jq >/dev/null || die "jq is missing: install it (apt-get install jq)"

SIGNERS=chengdu,chongqing signers_given=0
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --signers) SIGNERS=${2:-} signers_given=1; shift 2;;
    *) break;;
  esac
done
[[ $# -ge 1 ]] || { usage >&2; exit 2; }
SUB=$1; shift
# The Orderer group's Admins policy of a decoded configuration, in words.
orderer_admins() { # config.json
  jq -r '.channel_group.groups.Orderer.policies.Admins.policy
    | if .type == 3 then "\(.value.rule) \(.value.sub_policy)"
      else "\(.value.rule.n_out_of.n) of " + ([.value.identities[].principal | "\(.msp_identifier).\(.role | ascii_downcase)"] | join(", ")) end' "$1"
}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/channel-update.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

case $SUB in
  set-crl)
    [[ $# -ge 2 ]] || die "usage: set-crl ORG CRL_PEM..."
    org=$1; shift; msp=$(msp_of "$org")
    [[ $org != orderer ]] || die "set-crl changes a region's MSP (chengdu or chongqing)"
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
    submit_update "$WORK/original.json" "$WORK/modified.json" "$SIGNERS"
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
    submit_update "$WORK/original.json" "$WORK/modified.json" "$SIGNERS"
    ;;
  set-batch-timeout)
    [[ $# -eq 1 && $1 =~ ^[0-9]+(ms|s)$ ]] || die "usage: set-batch-timeout DURATION (e.g. 250ms or 1s)"
    fetch_config "$WORK/original.json"
    jq --arg t "$1" '.channel_group.groups.Orderer.values.BatchTimeout.value.timeout = $t' \
      "$WORK/original.json" > "$WORK/modified.json"
    log "batch timeout -> $1"
    submit_update "$WORK/original.json" "$WORK/modified.json" "$SIGNERS"
    ;;
  set-orderer-admins)
    [[ $# -eq 0 ]] || die "usage: set-orderer-admins (no arguments)"
    (( signers_given )) || SIGNERS=orderer,chengdu,chongqing
    fetch_config "$WORK/original.json"
    jq '.channel_group.groups.Orderer.policies.Admins.policy = {type: 1, value: {
          identities: [ {principal: {msp_identifier: "OrdererMSP", role: "ADMIN"}, principal_classification: "ROLE"},
                        {principal: {msp_identifier: "ChengduMSP", role: "ADMIN"}, principal_classification: "ROLE"},
                        {principal: {msp_identifier: "ChongqingMSP", role: "ADMIN"}, principal_classification: "ROLE"} ],
          rule: {n_out_of: {n: 3, rules: [{signed_by: 0}, {signed_by: 1}, {signed_by: 2}]}}, version: 0}}' \
      "$WORK/original.json" > "$WORK/modified.json"
    if [[ "$(orderer_admins "$WORK/original.json")" == "$(orderer_admins "$WORK/modified.json")" ]]; then
      log "the Orderer group's Admins policy is already $(orderer_admins "$WORK/original.json"): nothing to do"
      exit 0
    fi
    log "Orderer group's Admins policy: $(orderer_admins "$WORK/original.json") -> $(orderer_admins "$WORK/modified.json") (signed by $SIGNERS)"
    submit_update "$WORK/original.json" "$WORK/modified.json" "$SIGNERS"
    ;;
  show-orderer-admins)
    fetch_config "$WORK/config.json"
    orderer_admins "$WORK/config.json"
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
