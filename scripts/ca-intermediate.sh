#!/usr/bin/env bash
# A region's CA as a root kept offline and an intermediate online (docs/deployment.md "Each
# region's CA"), on the running network: a new root for the region is made and enrols an
# intermediate CA, then goes offline; the region's MSP definition in the channel learns both, by
# an update signed by that region alone; an identity the intermediate issues is refused by the
# peer before that update and accepted after it, with the new root offline; the identities the
# region's first CA issued keep working.
#
# Why a new root beside the first, not an intermediate under the region's first CA: Fabric takes
# an identity as valid only when its issuer is a leaf of the MSP's certification tree ("Parent
# certificate should be a leaf of the certification tree", msp/mspimpl.go). Once the first CA's
# own intermediate is in the MSP, every identity that CA issued directly (peers, orderer, admins,
# services) is refused at once, the admin who could undo the change included: tried on this
# network, Chengdu was locked out of its own channel. The first root stays a leaf here (it issued
# no CA the MSP knows); the region re-enrols its identities at the intermediate over time and then
# removes the first root from its MSP (docs/deployment.md; not done by this script).
#
# The NodeOUs stop naming the first root's certificate: Fabric classifies an identity as client,
# peer, admin or orderer only when the OU identifier's certificate is where the identity's chain
# ends (the whole chain above the identity, msp/mspimplvalidate.go), so NodeOUs naming the first
# root would refuse every identity of the intermediate. Without a certificate an OU identifier
# holds for any CA of the MSP.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/ca-intermediate.sh [--data DIR] [--keep] REGION
  REGION       chengdu or chongqing
  --data DIR   the running network's data folder (default CDCQ_DATA or .data/network)
  --keep       leave the intermediate CA running (it is the region's online CA from now on;
               scripts/stop.sh stops it with the rest)
The new root is ca-root-REGION (home DATA/ca/root-REGION, port PORT_BASE + 130 for Chengdu, + 140
for Chongqing, operations + 1), the intermediate ca-int-REGION (DATA/ca/int-REGION, + 2 and + 3);
the root runs only to enrol the intermediate, the intermediate is stopped at the end unless
--keep; both certificates stay in the region's MSP. Run again, it skips what is done (the MSP change).
USAGE
}
data_dir="" org="" keep=0
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --data) data_dir=$2; shift 2;;
    --keep) keep=1; shift;;
    chengdu|chongqing) org=$1; shift;;
    *) echo "unknown argument $1" >&2; usage >&2; exit 2;;
  esac
done
[[ -n "$org" ]] || { usage >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/onboarding.sh"
onboard_init "${data_dir:-${CDCQ_DATA:-$ROOT/.data/network}}"
started=$SECONDS
msp=$(msp_of "$org")
base=$((PORT_BASE + 130)); [[ $org == chongqing ]] && base=$((PORT_BASE + 140))
host=$(region_host "$org")
root="ca-root-$org" root_home="$DATA/ca/root-$org" root_port=$base root_ops=$((base + 1))
name="ca-int-$org" home="$DATA/ca/int-$org" port=$((base + 2)) ops=$((base + 3))
mkdir -p "$home"
[[ -f "$home/bootstrap.secret" ]] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$home/bootstrap.secret")

# The intermediate CA's process; on its first start it enrols at the new root (INT_ENV: the
# parent's URL with the enrolment secret, in its environment rather than on the command line).
INT_ENV=()
int_start() { # extra fabric-ca-server arguments...
  check_ports_free "$port" "$ops"
  PROC_ENV=(FABRIC_CA_SERVER_HOME="$home" FABRIC_CA_SERVER_BOOT="admin:$(cat "$home/bootstrap.secret")" "${INT_ENV[@]}")
  start_proc "$name" "$BIN/fabric-ca-server" start --port "$port" --address "$host" \
    --operations.listenaddress "$host:$ops" --tls.enabled --ca.name "$name" --csr.hosts "$(tls_hosts "$name")" "$@"
  wait_port_later "$name" "$port" "$LAST_PID" 60 "$DATA/logs/$name.log"
  wait_pending
}

# 1. The new root, started for the intermediate's enrolment only (offline on a real host: see
# docs/deployment.md), registers the intermediate's identity (hf.IntermediateCA).
if [[ ! -f "$home/ca-chain.pem" ]]; then
  # The same start as every CA of the network (ca_start: its home DATA/ca/root-REGION, CA name
  # ca-root-REGION), and its bootstrap registrar in DATA/ca-admin/root-REGION.
  ca_start "root-$org" "$root_port" "$root_ops"
  wait_pending
  log "$root (the new root) started on $host:$root_port for the intermediate's enrolment"
  ca_enroll_registrar "root-$org" "$root_port"
  secretfile="$DATA/ca-admin/root-$org/secrets/$name"
  mkdir -p "$(dirname "$secretfile")"
  if [[ ! -f "$secretfile" ]]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$secretfile.new")
    ca_client "root-$org" "$root_port" register --id.name "$name" --id.secret "$(cat "$secretfile.new")" \
      --id.type client --id.attrs "hf.IntermediateCA=true" >>"$DATA/logs/enroll.log" 2>&1 \
      || die "$root could not register the intermediate's identity $name; see $DATA/logs/enroll.log"
    mv "$secretfile.new" "$secretfile"
  fi
  # 2. The intermediate starts, enrolling at the new root for its CA certificate (fabric-ca-server's
  # intermediate mode). No --csr.cn: an intermediate takes its subject from the root's enrolment.
  INT_ENV=(FABRIC_CA_SERVER_INTERMEDIATE_PARENTSERVER_URL="https://$name:$(cat "$secretfile")@$host:$root_port")
  int_start --intermediate.parentserver.caname "$root" --intermediate.tls.certfiles "$root_home/ca-cert.pem"
  INT_ENV=()
  # The new root goes offline.
  stop_proc "$root"
  log "$root (the new root) stopped: offline from here on"
elif ! proc_alive "$name"; then
  int_start
fi
proc_alive "$root" && die "$root is running: the new root must stay offline"
root_cert="$root_home/ca-cert.pem" int_cert="$home/ca-cert.pem" chain="$home/ca-chain.pem"
[[ -f "$int_cert" && -f "$chain" ]] || die "$name wrote no ca-cert.pem and ca-chain.pem in $home; see $DATA/logs/$name.log"
openssl verify -CAfile "$root_cert" "$int_cert" >/dev/null || die "$name's certificate does not verify under $root"
log "$name runs on $host:$port; its certificate ($(openssl x509 -noout -subject -in "$int_cert" | sed 's/^subject=//')) issued by $root"

# 3. An identity the intermediate issues (a client with no role: it may read what the channel's
# Readers may read, nothing more), enrolled while the root is offline.
int_client() { # args...: fabric-ca-client as the intermediate's bootstrap registrar
  FABRIC_CA_CLIENT_HOME="$DATA/ca-admin/int-$org" "$BIN/fabric-ca-client" "$@" \
    -u "https://$host:$port" --caname "$name" --tls.certfiles "$chain"
}
if [[ ! -f "$DATA/ca-admin/int-$org/msp/signcerts/cert.pem" ]]; then
  FABRIC_CA_CLIENT_HOME="$DATA/ca-admin/int-$org" "$BIN/fabric-ca-client" enroll \
    -u "https://admin:$(cat "$home/bootstrap.secret")@$host:$port" --caname "$name" --tls.certfiles "$chain" \
    >>"$DATA/logs/enroll.log" 2>&1 || die "could not enroll the registrar of $name; see $DATA/logs/enroll.log"
fi
probe="int-probe-$(date +%s)" probe_secret=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
int_client register --id.name "$probe" --id.secret "$probe_secret" --id.type client >>"$DATA/logs/enroll.log" 2>&1 \
  || die "$name could not register $probe; see $DATA/logs/enroll.log"
FABRIC_CA_CLIENT_HOME="$WORK/probe" "$BIN/fabric-ca-client" enroll -u "https://$probe:$probe_secret@$host:$port" \
  --caname "$name" --tls.certfiles "$chain" --mspdir "$WORK/probe/msp" >>"$DATA/logs/enroll.log" 2>&1 \
  || die "could not enroll $probe at $name; see $DATA/logs/enroll.log"
cat > "$WORK/probe/msp/config.yaml" <<'YAML'
NodeOUs:
  Enable: true
  ClientOUIdentifier: {OrganizationalUnitIdentifier: client}
  PeerOUIdentifier: {OrganizationalUnitIdentifier: peer}
  AdminOUIdentifier: {OrganizationalUnitIdentifier: admin}
  OrdererOUIdentifier: {OrganizationalUnitIdentifier: orderer}
YAML
issuer=$(openssl x509 -noout -issuer -in "$WORK/probe/msp/signcerts/cert.pem" | sed 's/^issuer=//')
log "$probe enrolled at $name with the root offline (issuer: $issuer)"

# A read on the channel as MSP-DIR: the peer checks the caller against the channel's MSP
# definition of the region (the channel's Readers) before any chaincode runs.
read_as() { # msp-dir
  PEER_CLI_MSP=$1 peer_cli "$org" chaincode query -C "$CHANNEL" -n "$CC_NAME" \
    -c '{"function":"org.hyperledger.fabric:GetMetadata","Args":[]}' 2>&1
}

# 4. Before the MSP knows the intermediate, the peer refuses its identity.
fetch_config "$WORK/original.json"
int_b64=$(base64 -w0 < "$int_cert") root_b64=$(base64 -w0 < "$root_cert")
known=$(jq -r --arg m "$msp" --arg c "$int_b64" \
  '.channel_group.groups.Application.groups[$m].values.MSP.value.config.intermediate_certs // [] | index($c) != null' "$WORK/original.json")
if [[ $known != true ]]; then
  if out=$(read_as "$WORK/probe/msp"); then
    die "the peer accepted $probe before $msp named $name: the MSP already trusts another path to it ($out)"
  fi
  log "before the MSP change, peer0-$org refuses $probe: $(grep -o 'Error: .*' <<<"$out" | head -1 | cut -c1-200)"

  # 5. The region's own MSP change, signed by the region alone (its group's Admins).
  jq --arg m "$msp" --arg c "$int_b64" --arg r "$root_b64" '
    .channel_group.groups.Application.groups[$m].values.MSP.value.config |=
      (.root_certs = (((.root_certs // []) + [$r]) | unique)
       | .intermediate_certs = (((.intermediate_certs // []) + [$c]) | unique)
       | .fabric_node_ous |= with_entries(if (.value | type) == "object" then .value |= del(.certificate) else . end))' \
    "$WORK/original.json" > "$WORK/modified.json"
  block=$(submit_update "$WORK/original.json" "$WORK/modified.json" "$org")
  log "config block $block: $msp trusts $root and its intermediate $name beside ca-$org, NodeOUs for any of its CAs (signed by $org alone)"
  # The verifying MSP the region hands the other (DATA/orgs) says the same.
  mkdir -p "$DATA/orgs/$org/msp/intermediatecerts"
  cp "$root_cert" "$DATA/orgs/$org/msp/cacerts/$root.pem"
  cp "$int_cert" "$DATA/orgs/$org/msp/intermediatecerts/$name.pem"
  sed -i 's/{Certificate: cacerts\/ca.pem, /{/' "$DATA/orgs/$org/msp/config.yaml"
else
  log "$msp already names $name among its intermediate CAs"
fi

# 6. With the MSP change the same identity is accepted, the root still offline.
deadline=$((SECONDS + 30))
until out=$(read_as "$WORK/probe/msp"); do
  (( SECONDS < deadline )) || die "peer0-$org still refuses $probe 30 s after the MSP change: $out"
  sleep 1
done
log "after the MSP change, peer0-$org accepts $probe (issued by $name) with the root offline"
# The identities the first CA issued are still members: the region's admin, and the peer itself
# (it must still be allowed to pull blocks from the orderers, /Channel/Readers).
out=$(read_as "$DATA/users/$org/admin/msp") || die "the MSP change locked out the identities ca-$org issued: $out"
fetch_config "$WORK/after-check.json"
log "the region's admin (issued by ca-$org) still accepted; the channel's config block still readable as it"
h0=$(orderers_height)
deadline=$((SECONDS + 30))
until h=$(channel_height "$org") && [[ -n "$h" ]] && (( h >= h0 )); do
  (( SECONDS < deadline )) || die "peer0-$org is at height ${h:-?}, the orderers at $h0, 30 s after the MSP change: its own identity may be refused (see $DATA/logs/peer0-$org.log and the orderers' logs)"
  sleep 1
done
log "peer0-$org at the orderers' height $h0: its identity (issued by ca-$org) still pulls blocks"

# 7. The intermediate stopped unless --keep (the region's services still register users at
# ca-$org on this network).
if (( keep )); then
  log "$name left running on $host:$port (--keep); done in $((SECONDS - started)) s"
else
  stop_proc "$name"
  log "$name stopped; done in $((SECONDS - started)) s"
fi
