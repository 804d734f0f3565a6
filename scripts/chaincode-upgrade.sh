#!/usr/bin/env bash
# A new definition of the registry chaincode (sequence + 1), approved by each region on its own
# and committed only when both have (docs/operations.md "Upgrading the chaincode definition"):
# the channel's LifecycleEndorsement is MAJORITY Endorsement, which of two regions is both, so a
# definition one region alone approved cannot be committed. Each region runs `approve` on its own
# hosts with its own admin; either runs `commit` once both have.
#
# The definition changes what the channel runs the chaincode under: its version label and its
# endorsement policy (AND: both regions endorse every write; OR: either). The package is the one
# each region's peer has and its chaincode server runs; new chaincode code is a new package, which
# scripts/start.sh installs, serves and defines the same way (scripts/upgrade-test.sh runs that).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/chaincode-upgrade.sh [--data DIR] status   [--version V] [--policy AND|OR]
       scripts/chaincode-upgrade.sh [--data DIR] approve REGION [--version V] [--policy AND|OR]
       scripts/chaincode-upgrade.sh [--data DIR] commit  [--version V] [--policy AND|OR]

  status    the committed definition, and which regions approved the next one (sequence + 1)
  approve   REGION (chengdu or chongqing) approves the next definition for its organization,
            with the package its peer0 has installed and its chaincode server runs
  commit    commits the next definition; refused, naming the region, unless both approved it
  --version the next definition's version label (default: the committed one with ".sN" for the
            new sequence N)
  --policy  the next definition's endorsement policy (default: the committed one's)
  --no-check  commit without this script's own check of the approvals, so that the channel's
            lifecycle policy is what refuses a definition one region alone approved (the test
            of the procedure uses it)
  --data    the running network's data folder (default CDCQ_DATA or .data/network)
USAGE
}
data_dir="" sub="" region="" version="" policy_kind="" check=1
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --data) data_dir=$2; shift 2;;
    --version) version=$2; shift 2;;
    --policy) policy_kind=$2; shift 2;;
    --no-check) check=0; shift;;
    status|approve|commit) sub=$1; shift;;
    chengdu|chongqing) region=$1; shift;;
    *) echo "unknown argument $1" >&2; usage >&2; exit 2;;
  esac
done
[[ -n "$sub" ]] || { usage >&2; exit 2; }
[[ $sub != approve || -n "$region" ]] || { echo "approve needs a REGION" >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/onboarding.sh"
onboard_init "${data_dir:-${CDCQ_DATA:-$ROOT/.data/network}}"

committed=$(peer_cli chengdu lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" -O json 2>/dev/null) \
  || die "no committed definition of $CC_NAME on $CHANNEL (scripts/start.sh makes the first)"
cur_seq=$(jq -r '.sequence' <<<"$committed")
cur_version=$(jq -r '.version' <<<"$committed")
seq=$((cur_seq + 1))
[[ -n "$version" ]] || version="${cur_version%.s[0-9]*}.s$seq"
if [[ -z "$policy_kind" ]]; then
  # The committed definition's policy, as a signature policy in the CLI's syntax.
  policy_kind=$(sed -n 's/^endorsement=//p' "$DATA/network.properties")
fi
ENDORSEMENT=$policy_kind
policy=$(endorsement_policy)

readiness=$(commit_readiness "$CC_NAME" "$version" "$seq" "$policy")
approved() { grep -qF "$(msp_of "$1"): true" <<<"$readiness"; }

case $sub in
  status)
    echo "committed: sequence $cur_seq, version $cur_version"
    echo "next:      sequence $seq, version $version, policy $policy"
    for org in chengdu chongqing; do
      approved "$org" && echo "  $(msp_of "$org"): approved" || echo "  $(msp_of "$org"): not approved"
    done
    ;;
  approve)
    approved "$region" && { log "$(msp_of "$region") has already approved sequence $seq ($version)"; exit 0; }
    id=$(cat "$DATA/run/chaincode-$region.package" 2>/dev/null) \
      || die "no $DATA/run/chaincode-$region.package: which package $region's chaincode server runs is unknown (scripts/start.sh records it)"
    # Read whole, then searched (a `| grep -q` pipe fails under pipefail when the CLI writes more after the match).
    grep -qF "$id" <<<"$(peer_cli "$region" lifecycle chaincode queryinstalled 2>/dev/null || true)" \
      || die "peer0-$region has not installed $id"
    # In the split layout as the region's own Unix user (PEER_CLI_AS_REGION, scripts/lib/network.sh).
    PEER_CLI_AS_REGION=1 approve_definition "$region" "$CC_NAME" "$version" "$seq" "$policy" "$id" \
      || die "approving sequence $seq for $region failed; see $DATA/logs/chaincode-deploy.log"
    log "$(msp_of "$region") approved sequence $seq ($version, $policy) for package ${id%%:*}"
    ;;
  commit)
    missing=()
    for org in chengdu chongqing; do approved "$org" || missing+=("$(msp_of "$org")"); done
    (( ${#missing[@]} == 0 || ! check )) || die "sequence $seq ($version) is not approved by ${missing[*]}: each region approves first (approve REGION); nothing was committed"
    if ! PEER_CLI_AS_REGION=1 commit_definition "$CC_NAME" "$version" "$seq" "$policy"; then
      # The peers' and the orderer's reason, e.g. "chaincode definition not agreed to by this org (ChongqingMSP)".
      grep -o 'Error: .*' "$DATA/logs/chaincode-deploy.log" | tail -1 >&2
      die "committing sequence $seq was refused (reason above; see $DATA/logs/chaincode-deploy.log)"
    fi
    wait_chaincode_callable "$CC_NAME" chaincode "chaincode"
    sed -i "s/^endorsement=.*/endorsement=$ENDORSEMENT/" "$DATA/network.properties"
    log "sequence $seq committed: version $version, endorsement $policy"
    ;;
esac
