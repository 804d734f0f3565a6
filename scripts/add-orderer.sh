#!/usr/bin/env bash
# Adds a Raft orderer to the running network the way Fabric 2.5 does it without a system channel
# (docs/operations.md "Adding an orderer"): the joint office's CA issues the node's identity and
# TLS certificate, the node starts and joins the channel from the latest config block as a
# follower, replicates every block, and only then becomes a consenter by a channel configuration
# update signed by the joint office's orderer admin and both regions; its endpoint is added in the
# same update. One node at a time, with every consenter up (Fabric's rule: a change of the
# consenter set while one is down can leave the cluster without a quorum).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/add-orderer.sh [--data DIR] INDEX

  INDEX       the new orderer's number (3 for the first after orderer0-2); its ports follow the
              pattern of the others: PORT_BASE + 200 + 10 * INDEX (client), +1 (admin), +2 (metrics).
              Also what finishes a replacement (scripts/replace-orderer.sh) that stopped after
              the lost node left the consenter set: the number of the node it replaces
  --data DIR  the running network's data folder (default CDCQ_DATA or .data/network)
Prints the number of the config block that made it a consenter.
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
[[ $index =~ ^[0-9]$ ]] || { echo "INDEX must be 0 to 9" >&2; usage >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/onboarding.sh"
onboard_init "${data_dir:-${CDCQ_DATA:-$ROOT/.data/network}}"
started=$SECONDS
name="orderer$index" dir="$DATA/orderers/orderer$index"
read -r port admin ops < <(orderer_ports "$index")

fetch_config "$WORK/original.json"
host=$(region_host "$name")
if grep -qx "$host:$port" <<<"$(consenters_of "$WORK/original.json")"; then
  die "$name ($host:$port) is already a consenter of $CHANNEL"
fi
for i in $(orderer_indexes); do
  [[ $i == "$index" ]] && continue
  proc_alive "orderer$i" || die "orderer$i is not running: add a consenter only while every consenter is up (Fabric's Raft reconfiguration rule)"
done

# 1. Identity and TLS certificate from the joint office's CA (the key is made here).
identity orderer "$CA_ORD_PORT" "$name" orderer "" "$dir" "$(tls_hosts "$name")"
log "$name enrolled at ca-orderer (TLS certificate serial $(x509_serial "$dir/tls/signcerts/cert.pem"))"

# 2. Started, joined as a follower, then a consenter.
block=$(add_consenter "$index")
log "$name added in $((SECONDS - started)) s"
echo "$block"
