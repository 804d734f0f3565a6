#!/usr/bin/env bash
# Revokes identities of a region at its Fabric CA and puts the CA's new CRL into the region's
# MSP in the channel configuration (docs/operations.md, "Revoking an identity").
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/revoke-identity.sh [--reason REASON] [--signers ORG[,ORG]] ORG NAME...

  ORG      chengdu or chongqing: the region whose CA issued the identities
  NAME     the enrollment ID at that CA (a service account's name is its enrollment ID)

Revokes every certificate of each NAME at ORG's CA (fabric-ca-client revoke, as the CA's
bootstrap administrator in DATA/ca-admin/ORG), has the CA write its CRL (gencrl: every
revoked, unexpired certificate of that CA), and makes that CRL the revocation list of ORG's MSP
in the channel configuration (scripts/channel-update.sh set-crl, signed by --signers, default
both regions' admins). From the commit of that config block on, both peers and the orderers
refuse the revoked certificates. Prints the serial numbers on the CRL and the config block.

  --reason   RFC 5280 reason (default: keycompromise; also affiliationchanged, superseded,
             cessationofoperation, certificatehold, ...)
Environment: CDCQ_DATA, the network's data folder (default .data/network); its port base is the
one recorded there.
USAGE
}

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
adopt_running_network "${CDCQ_DATA:-$ROOT/.data/network}" # its data folder and recorded port base
BIN=$(network_bin)
source "$ROOT/scripts/lib/network.sh"
set_ports "$PORT_BASE"

REASON=keycompromise SIGNERS=chengdu,chongqing
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --reason) REASON=${2:-}; shift 2;;
    --signers) SIGNERS=${2:-}; shift 2;;
    *) break;;
  esac
done
[[ $# -ge 2 ]] || { usage >&2; exit 2; }
ORG=$1; shift
case $ORG in chengdu) port=$CA_CD_PORT;; chongqing) port=$CA_CQ_PORT;; *) die "unknown region '$ORG' (chengdu or chongqing)";; esac

mkdir -p "$DATA/logs"
for name in "$@"; do
  # Revoking an identity revokes all its certificates and disables the name at the CA, so it
  # cannot enroll again. An identity revoked before is not an error (the CRL below still has it).
  if ! out=$(ca_client "$ORG" "$port" revoke -e "$name" -r "$REASON" 2>&1); then
    grep -qi "already revoked" <<<"$out" || { echo "$out" >&2; die "ca-$ORG could not revoke $name"; }
  fi
  echo "$out" >>"$DATA/logs/revoke.log"
  log "revoked $name at ca-$ORG ($REASON)"
done
crl="$DATA/ca-admin/$ORG/msp/crls/crl.pem"
rm -f "$crl"
ca_client "$ORG" "$port" gencrl >>"$DATA/logs/revoke.log" 2>&1 || die "ca-$ORG could not generate its CRL; see $DATA/logs/revoke.log"
[[ -s "$crl" ]] || die "gencrl wrote no $crl"
# Kept with the org's verifying MSP (DATA/orgs/ORG/msp/crls), as an MSP folder holds its CRLs;
# configtxgen would put it in a new channel's configuration from there.
mkdir -p "$DATA/orgs/$ORG/msp/crls"
cp "$crl" "$DATA/orgs/$ORG/msp/crls/crl.pem"
log "CRL of ca-$ORG: $(openssl crl -in "$crl" -noout -text | grep -c 'Serial Number') revoked certificate(s)"
block=$("$ROOT/scripts/channel-update.sh" --signers "$SIGNERS" set-crl "$ORG" "$crl")
echo "config block: $block"
