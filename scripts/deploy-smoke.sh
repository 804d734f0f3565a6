#!/usr/bin/env bash
# Runs rendered systemd units without systemd: renders a one-host region (127.0.0.1; the orderer
# and the peer have host names of their own, which the checks dial with curl's --resolve and
# openssl's -servername, never /etc/hosts; the CA is localhost, see below), then starts the CA unit, enrolls the orderer's and the peer's identities and TLS
# certificates with the host names of the rendered nodes.txt, starts the orderer and peer units,
# and checks each answers on its host name over TLS. Each unit is started as systemd would:
# a clean environment with only the unit's Environment= and EnvironmentFile= variables, its
# ExecStartPre= and ExecStart= command lines, in its WorkingDirectory. Stops all it started.
# About 15 s; needs the Fabric binaries (scripts/fabric-bin.sh). docs/deployment.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/deploy-smoke.sh [--keep DIR]
  --keep DIR   work in DIR and leave it there (default: a temporary folder, deleted)
Environment: PORT_BASE (default 7000): the smoke uses PORT_BASE+900 .. PORT_BASE+922 on 127.0.0.1.
USAGE
}
keep=""
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --keep) keep=${2:?--keep needs a folder}; shift 2;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/network.sh" # write_nodeous
PORT_BASE=${PORT_BASE:-7000}
BIN=$("$ROOT/scripts/fabric-bin.sh")
started=$(date +%s%N)

if [[ -n "$keep" ]]; then
  T=$(realpath -m "$keep")
  # Only a folder this script made (or an empty one) is wiped.
  if [[ -d "$T" && -n "$(ls -A "$T")" && ! -f "$T/.cdcq-deploy-smoke" ]]; then die "$T is not empty and not an earlier --keep folder of this script: choose another"; fi
  rm -rf "$T"; mkdir -p "$T"; touch "$T/.cdcq-deploy-smoke"
else T=$(mktemp -d); fi
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done; done
  for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  [[ -n "$keep" ]] || rm -rf "$T"
}
trap cleanup EXIT

CA_PORT=$((PORT_BASE + 900)) CA_OPS=$((PORT_BASE + 901))
ORD_PORT=$((PORT_BASE + 910)) ORD_ADMIN=$((PORT_BASE + 911)) ORD_OPS=$((PORT_BASE + 912))
PEER_PORT=$((PORT_BASE + 920)) PEER_CC=$((PORT_BASE + 921)) PEER_OPS=$((PORT_BASE + 922))
for p in "$CA_PORT" "$CA_OPS" "$ORD_PORT" "$ORD_ADMIN" "$ORD_OPS" "$PEER_PORT" "$PEER_CC" "$PEER_OPS"; do
  port_in_use "$p" && die "port 127.0.0.1:$p is in use: choose another PORT_BASE"
done
mkdir -p "$T/conf" "$T/install" "$T/etc" "$T/data"
ln -s "$BIN" "$T/install/bin"
ln -s "$ROOT/network/ccaas-builder" "$T/install/ccaas-builder"
cat > "$T/conf/smoke.conf" <<CONF
REGION=smoke
REGION_TITLE="smoke test"
REGION_CODE=CD
MSP_ID=ChengduMSP
ORG=chengdu
INSTALL_DIR=$T/install
CONFIG_DIR=$T/etc
RUN_USER=$(id -un)
JAVA=$(command -v java)
NODES=(
  "ca-smoke        ca        localhost                 127.0.0.1 port=$CA_PORT,ops=$CA_OPS $T/data/ca-smoke"
  "peer0-smoke     peer      peer0.smoke.cdcq.test     127.0.0.1 port=$PEER_PORT,chaincode=$PEER_CC,ops=$PEER_OPS,ccserver=chaincode-smoke $T/data/peer0-smoke"
  "chaincode-smoke chaincode chaincode.smoke.cdcq.test 127.0.0.1 port=$((PORT_BASE + 930)) $T/data/chaincode-smoke"
  "orderer9        orderer   orderer9.smoke.cdcq.test  127.0.0.1 port=$ORD_PORT,admin=$ORD_ADMIN,ops=$ORD_OPS $T/data/orderer9"
)
CONF
"$ROOT/scripts/deploy-render.sh" --conf-dir "$T/conf" --out "$T/out" smoke >"$T/render.log" 2>&1 \
  || { cat "$T/render.log" >&2; die "rendering failed"; }
UNITS="$T/out/smoke/systemd"

# The unit's config folder as the install step would lay it: the rendered files.
for d in "$T/out/smoke/config"/*/; do mkdir -p "$T/etc/$(basename "$d")"; cp -r "$d". "$T/etc/$(basename "$d")/"; done

# run_unit NAME: starts cdcq-NAME.service as systemd would (no systemd here).
run_unit() {
  local name=$1 unit="$UNITS/cdcq-$1.service" line key value f
  local -a env=(PATH=/usr/bin:/bin) cmd pre=()
  local workdir=/
  while IFS= read -r line; do
    key=${line%%=*} value=${line#*=}
    case $key in
      Environment) value=${value#\"} value=${value%\"}; env+=("${value//%%/%}");;
      EnvironmentFile)
        f=${value#-}
        [[ -f "$f" ]] || { [[ $value == -* ]] && continue; die "$name: EnvironmentFile $f is missing"; }
        while IFS= read -r value; do [[ -z "$value" || $value == \#* ]] || env+=("$value"); done < "$f";;
      WorkingDirectory) workdir=$value;;
      ExecStartPre) pre+=("$value");;
      ExecStart) eval "cmd=(${value//%%/%})";;
    esac
  done < "$unit"
  mkdir -p "$workdir"
  local p
  for p in "${pre[@]}"; do
    (cd "$workdir" && eval "env -i \"\${env[@]}\" ${p//%%/%}") || die "$name: ExecStartPre failed: $p"
  done
  (cd "$workdir" && exec setsid env -i "${env[@]}" "${cmd[@]}") >"$T/$name.log" 2>&1 < /dev/null &
  PIDS+=("$!")
  LAST_PID=$!
}

wait_up() { # name port
  wait_port "$1" "$2" "$LAST_PID" 30 "$T/$1.log" || die "$1 did not start from its unit (log above)"
}

# ---- the CA, from its unit, with its bootstrap registrar from the environment file
(umask 077; echo "FABRIC_CA_SERVER_BOOT=admin:$(head -c 18 /dev/urandom | base64 | tr -d '/+=')" > "$T/etc/ca-smoke/ca.env")
run_unit ca-smoke
wait_up ca-smoke "$CA_PORT"
CAHOME="$T/data/ca-smoke" CA_URL_HOST=localhost
for _ in $(seq 1 50); do [[ -f "$CAHOME/ca-cert.pem" ]] && break; sleep 0.1; done
cainfo=$(curl -fsS --resolve "$CA_URL_HOST:$CA_PORT:127.0.0.1" --cacert "$CAHOME/ca-cert.pem" "https://$CA_URL_HOST:$CA_PORT/cainfo") \
  || die "the CA does not answer over TLS on its host name $CA_URL_HOST"
grep -q '"CAName":"ca-smoke"' <<<"$cainfo" || die "the CA answered, but not as ca-smoke: $cainfo"
curl -fsS "http://127.0.0.1:$CA_OPS/healthz" | grep -q '"status":"OK"' || die "the CA's operations endpoint is not healthy"

# ---- identities for the orderer and the peer, TLS names from the rendered nodes.txt
boot=$(sed -n 's/^FABRIC_CA_SERVER_BOOT=admin://p' "$T/etc/ca-smoke/ca.env")
ca_client() { FABRIC_CA_CLIENT_HOME="$T/ca-admin" "$BIN/fabric-ca-client" "$@" --caname ca-smoke --tls.certfiles "$CAHOME/ca-cert.pem" >>"$T/enroll.log" 2>&1; }
# fabric-ca-client has no host-name override and dials the CA by the name in its certificate
# (the configured host, not 127.0.0.1): so the smoke's CA is named localhost, which resolves here.
ca_client enroll -u "https://admin:$boot@localhost:$CA_PORT" || die "enrolling the CA's registrar failed; see $T/enroll.log"
enroll_node() { # name type
  local name=$1 type=$2 d="$T/data/$1" secret hosts
  secret=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
  hosts=$(sed -n "s/^$name: --csr.hosts //p" "$T/out/smoke/nodes.txt")
  [[ -n "$hosts" ]] || die "nodes.txt names no TLS hosts for $name"
  ca_client register -u "https://localhost:$CA_PORT" --id.name "$name" --id.secret "$secret" --id.type "$type" || die "register $name failed; see $T/enroll.log"
  ca_client enroll -u "https://$name:$secret@localhost:$CA_PORT" --mspdir "$d/msp" || die "enroll $name failed"
  # As scripts/lib/network.sh identity() lays an MSP: the root as cacerts/ca.pem, NodeOUs on.
  mv "$d"/msp/cacerts/*.pem "$d/msp/cacerts/ca.pem.tmp" && mv "$d/msp/cacerts/ca.pem.tmp" "$d/msp/cacerts/ca.pem"
  write_nodeous "$d/msp"
  ca_client enroll -u "https://$name:$secret@localhost:$CA_PORT" --mspdir "$d/tls" --enrollment.profile tls --csr.hosts "$hosts" || die "enroll $name TLS failed"
  mv "$d"/tls/keystore/*_sk "$d/tls/keystore/key.pem"
  cp "$d"/tls/tlscacerts/*.pem "$d/tls/ca.pem"
}
enroll_node orderer9 orderer
enroll_node peer0-smoke peer

# ---- the orderer, from its unit; its admin API must answer on its host name (mutual TLS)
run_unit orderer9
wait_up orderer9 "$ORD_ADMIN"
o="$T/data/orderer9/tls"
# osnadmin has no host-name override: it dials 127.0.0.1, so curl checks the name.
curl -fsS --resolve "orderer9.smoke.cdcq.test:$ORD_ADMIN:127.0.0.1" --cacert "$o/ca.pem" --cert "$o/signcerts/cert.pem" --key "$o/keystore/key.pem" \
  "https://orderer9.smoke.cdcq.test:$ORD_ADMIN/participation/v1/channels" | grep -q '"channels"' \
  || die "the orderer's channel participation API does not answer on its host name over mutual TLS"
curl -fsS "http://127.0.0.1:$ORD_OPS/healthz" | grep -q '"status":"OK"' || die "the orderer's operations endpoint is not healthy"

# ---- the peer, from its unit; its TLS certificate must name its host (the gRPC listener)
run_unit peer0-smoke
wait_up peer0-smoke "$PEER_PORT"
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$PEER_OPS/healthz" 2>/dev/null | grep -q '"status":"OK"' && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$PEER_OPS/healthz" | grep -q '"status":"OK"' || die "the peer's operations endpoint is not healthy; see $T/peer0-smoke.log"
served=$(openssl s_client -connect "127.0.0.1:$PEER_PORT" -servername peer0.smoke.cdcq.test -verify_hostname peer0.smoke.cdcq.test \
           -CAfile "$T/data/peer0-smoke/tls/ca.pem" -verify_return_error < /dev/null 2>&1) \
  || die "the peer's TLS certificate does not verify for peer0.smoke.cdcq.test: $(tail -3 <<<"$served")"
grep -q 'Verification: OK' <<<"$served" || die "openssl did not verify the peer's certificate: $(tail -3 <<<"$served")"

ms=$(( ($(date +%s%N) - started) / 1000000 ))
log "deployment smoke passed in ${ms} ms: the rendered units of a CA, an orderer and a peer ran (clean environment, their own host names over TLS)"
