# The local two-region Fabric network: three CAs, three Raft orderers, one peer per region,
# one chaincode server per region. Sourced by start.sh and test.sh; every step is idempotent:
# what exists is reused, what is missing is made, what is not running is started.
#
# Needs: DATA (the data folder the scripts own), PORT_BASE, BIN (Fabric binaries).

CHANNEL=${CHANNEL:-laborchannel}
CC_NAME=${CC_NAME:-registry}
# AND: both regions' peers endorse every write (default). OR: either suffices (availability
# over mutual control; the attestation signatures still expose a forged record).
ENDORSEMENT=${ENDORSEMENT:-AND}
FABRIC_SAMPLECONFIG=""
source "$ROOT/scripts/lib/fabric-config.sh"

# GB 32100-2015 check character, so the demo centers' IDs are real, valid USCCs.
uscc_with_check() { # first 17 characters
  local chars=0123456789ABCDEFGHJKLMNPQRTUWXY w=(1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28)
  local s=0 i c
  for i in $(seq 0 16); do c=${1:i:1}; local pre=${chars%%"$c"*}; s=$((s + ${#pre} * w[i])); done
  echo "$1${chars:$(((31 - s % 31) % 31)):1}"
}

# Fabric's sampleconfig folder (core.yaml, orderer.yaml), in the module cache of the tools module.
fabric_sampleconfig() {
  local d; d=$(cd "$ROOT/network/fabric-tools/fabric" && GOFLAGS=-mod=readonly go list -m -f '{{.Dir}}' github.com/hyperledger/fabric 2>/dev/null)/sampleconfig
  [[ -f "$d/core.yaml" ]] || d="${FABRIC_CFG_SAMPLE:-}"
  [[ -f "$d/core.yaml" ]] || die "cannot find Fabric's sampleconfig (core.yaml, orderer.yaml); set FABRIC_CFG_SAMPLE to a folder holding them"
  echo "$d"
}

network_setup_vars() {
  set_ports "$PORT_BASE"
  FABRIC_SAMPLECONFIG=$(fabric_sampleconfig)
  CD_CENTER_USCC=$(uscc_with_check 52510100MJ0000001)
  CQ_CENTER_USCC=$(uscc_with_check 52500000MJ0000002)
}

# Every port the network needs must be free, unless it is ours and already running.
check_ports_free() {
  local -a own=()
  local p name
  for p in "$@"; do
    if port_in_use "$p"; then
      local holder=""
      command -v ss >/dev/null && holder=$(ss -ltnpH "sport = :$p" 2>/dev/null | grep -o 'users:(([^)]*' | head -1 | sed 's/users:((//')
      die "port $p is already in use${holder:+ by $holder}: stop that program (a leftover of an earlier run?), or choose other ports with PORT_BASE=NNNNN (now $PORT_BASE)"
    fi
  done
}

msp_of() { # org: its MSP ID
  case $1 in chengdu) echo ChengduMSP;; chongqing) echo ChongqingMSP;; orderer) echo OrdererMSP;;
    *) die "unknown organization '$1' (chengdu, chongqing or orderer)";; esac
}

# ---------------------------------------------------------------- certificate authorities
ca_dir() { echo "$DATA/ca/$1"; }

ca_start() { # org port ops-port
  local org=$1 port=$2 ops=$3 home; home=$(ca_dir "$org")
  if proc_alive "ca-$org"; then return 0; fi
  check_ports_free "$port" "$ops"
  mkdir -p "$home"
  [[ -f "$home/bootstrap.secret" ]] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$home/bootstrap.secret")
  # The bootstrap password goes in the environment (FABRIC_CA_SERVER_BOOT, the -b flag), which
  # only our user can read, not on the command line, which every user sees.
  PROC_ENV=(FABRIC_CA_SERVER_HOME="$home" FABRIC_CA_SERVER_BOOT="admin:$(cat "$home/bootstrap.secret")")
  start_proc "ca-$org" "$BIN/fabric-ca-server" start \
    --port "$port" --address "$(region_host "ca-$org")" \
    --operations.listenaddress "$(region_host "ca-$org"):$ops" --tls.enabled \
    --ca.name "ca-$org" --csr.cn "ca-$org" --csr.hosts "$(tls_hosts "ca-$org")"
  wait_port_later "ca-$org" "$port" "$LAST_PID" 30 "$DATA/logs/ca-$org.log"
}

ca_client() { # org port args... : fabric-ca-client as that CA's bootstrap registrar
  local org=$1 port=$2; shift 2
  local home; home=$(ca_dir "$org")
  FABRIC_CA_CLIENT_HOME="$DATA/ca-admin/$org" "$BIN/fabric-ca-client" "$@" \
    -u "https://$(region_host "$org"):$port" --caname "ca-$org" --tls.certfiles "$home/ca-cert.pem"
}

ca_enroll_registrar() { # org port
  local org=$1 port=$2 home; home=$(ca_dir "$org")
  [[ -f "$DATA/ca-admin/$org/msp/signcerts/cert.pem" ]] && return 0
  FABRIC_CA_CLIENT_HOME="$DATA/ca-admin/$org" "$BIN/fabric-ca-client" enroll \
    -u "https://admin:$(cat "$home/bootstrap.secret")@$(region_host "$org"):$port" --caname "ca-$org" \
    --tls.certfiles "$home/ca-cert.pem" >>"$DATA/logs/enroll.log" 2>&1 \
    || die "could not enroll the registrar of ca-$org; see $DATA/logs/enroll.log"
}

write_nodeous() { # msp-dir
  cat > "$1/config.yaml" <<'YAML'
NodeOUs:
  Enable: true
  ClientOUIdentifier: {Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: client}
  PeerOUIdentifier: {Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: peer}
  AdminOUIdentifier: {Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: admin}
  OrdererOUIdentifier: {Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: orderer}
YAML
}

# Registers (once) and enrolls (once) an identity; with a host list, also a TLS certificate.
# identity ORG PORT NAME TYPE ATTRS OUTDIR [TLS_HOSTS]
identity() {
  local org=$1 port=$2 name=$3 type=$4 attrs=$5 out=$6 hosts=${7:-}
  local home secretfile; home=$(ca_dir "$org"); secretfile="$DATA/ca-admin/$org/secrets/$name"
  if [[ ! -f "$out/msp/signcerts/cert.pem" || ( -n "$hosts" && ! -f "$out/tls/signcerts/cert.pem" ) ]]; then
    mkdir -p "$(dirname "$secretfile")"
    if [[ ! -f "$secretfile" ]]; then
      (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$secretfile.new")
      local -a attrargs=()
      [[ -n "$attrs" ]] && attrargs=(--id.attrs "$attrs")
      ca_client "$org" "$port" register --id.name "$name" --id.secret "$(cat "$secretfile.new")" \
        --id.type "$type" "${attrargs[@]}" >>"$DATA/logs/enroll.log" 2>&1 \
        || die "could not register $name at ca-$org; see $DATA/logs/enroll.log"
      mv "$secretfile.new" "$secretfile"
    fi
    local secret; secret=$(cat "$secretfile")
    rm -rf "$out/msp"
    FABRIC_CA_CLIENT_HOME="$DATA/ca-admin/$org" "$BIN/fabric-ca-client" enroll \
      -u "https://$name:$secret@$(region_host "$org"):$port" --caname "ca-$org" --tls.certfiles "$home/ca-cert.pem" \
      --mspdir "$out/msp" >>"$DATA/logs/enroll.log" 2>&1 || die "could not enroll $name at ca-$org; see $DATA/logs/enroll.log"
    mv "$out"/msp/cacerts/*.pem "$out/msp/cacerts/ca.pem.tmp" && mv "$out/msp/cacerts/ca.pem.tmp" "$out/msp/cacerts/ca.pem"
    write_nodeous "$out/msp"
    if [[ -n "$hosts" ]]; then
      rm -rf "$out/tls"
      FABRIC_CA_CLIENT_HOME="$DATA/ca-admin/$org" "$BIN/fabric-ca-client" enroll \
        -u "https://$name:$secret@$(region_host "$org"):$port" --caname "ca-$org" --tls.certfiles "$home/ca-cert.pem" \
        --enrollment.profile tls --csr.hosts "$hosts" --mspdir "$out/tls" >>"$DATA/logs/enroll.log" 2>&1 \
        || die "could not enroll a TLS certificate for $name at ca-$org; see $DATA/logs/enroll.log"
      mv "$out"/tls/keystore/*_sk "$out/tls/keystore/key.pem"
      cp "$out"/tls/tlscacerts/*.pem "$out/tls/ca.pem"
    fi
  fi
}

org_msp() { # org : the org's verifying MSP for the channel configuration
  local org=$1 dir="$DATA/orgs/$1/msp"
  [[ -f "$dir/config.yaml" ]] && return 0
  mkdir -p "$dir/cacerts" "$dir/tlscacerts"
  # Identity and TLS certificates come from one root per organization.
  cp "$(ca_dir "$org")/ca-cert.pem" "$dir/cacerts/ca.pem"
  cp "$(ca_dir "$org")/ca-cert.pem" "$dir/tlscacerts/ca.pem"
  write_nodeous "$dir"
}

network_identities() {
  log "certificate authorities and identities"
  ca_start chengdu "$CA_CD_PORT" "$CA_CD_OPS"
  ca_start chongqing "$CA_CQ_PORT" "$CA_CQ_OPS"
  ca_start orderer "$CA_ORD_PORT" "$CA_ORD_OPS"
  wait_pending
  local org port
  for org in chengdu chongqing orderer; do
    # The CA writes ca-cert.pem on its first start, just before it listens.
    [[ -f "$(ca_dir "$org")/ca-cert.pem" ]] || die "ca-$org started but wrote no ca-cert.pem; see $DATA/logs/ca-$org.log"
    # Fabric CA writes its Idemix issuer keys and its database world-readable (0644); every key
    # and secret of the data folder is for its owner only (HardeningIT checks them all).
    chmod 700 "$(ca_dir "$org")/msp/keystore"
    chmod 600 "$(ca_dir "$org")"/msp/keystore/* "$(ca_dir "$org")/fabric-ca-server.db"
    case $org in chengdu) port=$CA_CD_PORT;; chongqing) port=$CA_CQ_PORT;; orderer) port=$CA_ORD_PORT;; esac
    ca_enroll_registrar "$org" "$port"
    org_msp "$org"
  done
  local i
  for i in 0 1 2; do
    identity orderer "$CA_ORD_PORT" "orderer$i" orderer "" "$DATA/orderers/orderer$i" "$(tls_hosts "orderer$i")"
  done
  identity orderer "$CA_ORD_PORT" ordereradmin admin "" "$DATA/users/orderer/admin"
  # Users carry their role in X.509 attributes (":ecert" puts them in the certificate),
  # which the chaincode reads with the shim's ClientIdentity.
  local -A code=([chengdu]=CD [chongqing]=CQ) caport=([chengdu]=$CA_CD_PORT [chongqing]=$CA_CQ_PORT)
  local -A center=([chengdu]=$CD_CENTER_USCC [chongqing]=$CQ_CENTER_USCC)
  for org in chengdu chongqing; do
    port=${caport[$org]}
    identity "$org" "$port" peer0 peer "" "$DATA/peers/peer0-$org" "$(tls_hosts "peer0-$org")"
    identity "$org" "$port" orgadmin admin "role=bureau:ecert" "$DATA/users/$org/admin"
    identity "$org" "$port" bureau client "role=bureau:ecert" "$DATA/users/$org/bureau"
    identity "$org" "$port" center client "role=training_center:ecert,centerId=${center[$org]}:ecert" "$DATA/users/$org/center"
    identity "$org" "$port" inspector1 client "role=inspector:ecert,inspectorId=${code[$org]}-INS-0001:ecert" "$DATA/users/$org/inspector1"
    identity "$org" "$port" inspector2 client "role=inspector:ecert,inspectorId=${code[$org]}-INS-0002:ecert" "$DATA/users/$org/inspector2"
    # The region's attestation key (docs/design.md §3): its certificate is what the chaincode
    # checks certificate and rating signatures against.
    identity "$org" "$port" attestation client "role=attestation:ecert" "$DATA/users/$org/attestation"
    # TLS server certificate of the region's chaincode server.
    identity "$org" "$port" chaincode client "" "$DATA/chaincode-servers/$org" "$(tls_hosts "chaincode-$org")"
    # The regional service's registrar: it registers people's accounts at the CA, so it may
    # register only client identities carrying the registry's own attributes, never a peer, an
    # admin, another registrar or an hf.* attribute (the CA's bootstrap administrator stays with
    # the operator, in ca-admin/, for the identities above).
    local registrar_attrs='"hf.Registrar.Roles=client","hf.Registrar.Attributes=role,centerId,inspectorId,uscc"'
    identity "$org" "$port" service-registrar client "$registrar_attrs" "$DATA/users/$org/registrar"
    # A registrar registered before the enterprise role existed may not register uscc. The CA
    # checks a registrar's attributes in its own database at each registration (not in the
    # registrar's certificate), so modifying them there is enough; the marker says it was done.
    local marker="$DATA/ca-admin/$org/secrets/service-registrar.attrs"
    if [[ "$(cat "$marker" 2>/dev/null)" != "$registrar_attrs" ]]; then
      ca_client "$org" "$port" identity modify service-registrar --attrs "$registrar_attrs" \
        >>"$DATA/logs/enroll.log" 2>&1 || die "could not update the attributes of service-registrar at ca-$org; see $DATA/logs/enroll.log"
      (umask 077; printf '%s' "$registrar_attrs" > "$marker")
    fi
    # A TLS server certificate for the regional service's own listener, for when TLS is turned on
    # (server.ssl.*, docs/deployment.md; HardeningIT starts one service with it).
    identity "$org" "$port" service-tls client "" "$DATA/users/$org/service-tls" "$(tls_hosts "service-$org")"
  done
}

# ---------------------------------------------------------------- orderers
orderer_start() { # index port admin-port ops-port
  local i=$1 port=$2 admin=$3 ops=$4 name="orderer$1" dir="$DATA/orderers/orderer$1"
  proc_alive "$name" && return 0
  check_ports_free "$port" "$admin" "$ops"
  mkdir -p "$dir/config" "$dir/ledger"
  cp "$FABRIC_SAMPLECONFIG/orderer.yaml" "$dir/config/orderer.yaml"
  local tls="$dir/tls" ca="$DATA/orgs/orderer/msp/tlscacerts/ca.pem" host; host=$(region_host "$name")
  PROC_ENV=(
    FABRIC_CFG_PATH="$dir/config"
    FABRIC_LOGGING_SPEC=INFO
    ORDERER_GENERAL_LISTENADDRESS="$host" ORDERER_GENERAL_LISTENPORT="$port"
    ORDERER_GENERAL_LOCALMSPID=OrdererMSP ORDERER_GENERAL_LOCALMSPDIR="$dir/msp"
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none
    ORDERER_GENERAL_TLS_ENABLED=true ORDERER_GENERAL_TLS_PRIVATEKEY="$tls/keystore/key.pem"
    ORDERER_GENERAL_TLS_CERTIFICATE="$tls/signcerts/cert.pem" ORDERER_GENERAL_TLS_ROOTCAS="[$ca]"
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$tls/signcerts/cert.pem"
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$tls/keystore/key.pem"
    ORDERER_GENERAL_CLUSTER_ROOTCAS="[$ca]"
    ORDERER_FILELEDGER_LOCATION="$dir/ledger"
    ORDERER_CONSENSUS_WALDIR="$dir/ledger/etcdraft/wal" ORDERER_CONSENSUS_SNAPDIR="$dir/ledger/etcdraft/snapshot"
    ORDERER_CHANNELPARTICIPATION_ENABLED=true
    ORDERER_ADMIN_LISTENADDRESS="$host:$admin"
    ORDERER_ADMIN_TLS_ENABLED=true ORDERER_ADMIN_TLS_CERTIFICATE="$tls/signcerts/cert.pem"
    ORDERER_ADMIN_TLS_PRIVATEKEY="$tls/keystore/key.pem" ORDERER_ADMIN_TLS_ROOTCAS="[$ca]"
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$ca]"
    ORDERER_OPERATIONS_LISTENADDRESS="$host:$ops"
    ORDERER_METRICS_PROVIDER=prometheus
  )
  start_proc "$name" "$BIN/orderer"
  wait_port_later "$name" "$admin" "$LAST_PID" 30 "$DATA/logs/$name.log"
}

# Orderer i's ports: client, admin, operations (orderer0-2 as in set_ports; an added orderer3 and
# on follow the same pattern, scripts/add-orderer.sh).
orderer_ports() { # index
  echo $((PORT_BASE + 200 + 10 * $1)) $((PORT_BASE + 201 + 10 * $1)) $((PORT_BASE + 202 + 10 * $1))
}

# The indexes of the orderers this data folder has (0 1 2, and any added since).
orderer_indexes() {
  local d
  for d in "$DATA"/orderers/orderer*; do [[ -d "$d" && ${d##*/orderer} =~ ^[0-9]+$ ]] && echo "${d##*/orderer}"; done | sort -n
}

# The client port of an orderer that is an active consenter of the channel now (orderer0 first):
# ordering commands must not depend on one node, which may be the one being replaced or
# restarted, nor go to a node that has just joined as a follower (it has no blocks yet and orders
# nothing). Without an answer from any admin endpoint, the first orderer whose port is open.
live_orderer_index() {
  local i port _ first=""
  for i in $(orderer_indexes); do
    read -r port _ < <(orderer_ports "$i")
    port_in_use "$port" || continue
    [[ -n "$first" ]] || first=$i
    # Read whole, then searched: a `| grep -q` pipe fails under pipefail when the writer is not done.
    grep -q '"consensusRelation":"consenter","status":"active"' \
      <<<"$(osnadmin "$i" list --channelID "$CHANNEL" 2>/dev/null | tr -d ' \t\n' || true)" && { echo "$i"; return 0; }
  done
  echo "${first:-0}"
}
live_orderer_port() { local port _; read -r port _ < <(orderer_ports "$(live_orderer_index)"); echo "$port"; }
# HOST:PORT of that orderer, for the CLIs' -o.
live_orderer_endpoint() {
  local i port _; i=$(live_orderer_index); read -r port _ < <(orderer_ports "$i")
  echo "$(region_host "orderer$i"):$port"
}

orderer_ops_port() { local _p _a o; read -r _p _a o < <(orderer_ports "$1"); echo "$o"; }

# Index of the orderer that is the channel's Raft leader now (empty if none says so).
raft_leader() {
  local i v
  for i in $(orderer_indexes); do
    v=$(peer_metric "$(orderer_ops_port "$i")" "consensus_etcdraft_is_leader{channel=\"$CHANNEL\"}" 2>/dev/null || true)
    [[ ${v%.*} == 1 ]] && { echo "$i"; return 0; }
  done
}

osnadmin() { # index args...
  local i=$1; shift
  local _p admin _o; read -r _p admin _o < <(orderer_ports "$i")
  local tls="$DATA/orderers/orderer$i/tls"
  "$BIN/osnadmin" channel "$@" -o "$(region_host "orderer$i"):$admin" --ca-file "$tls/ca.pem" \
    --client-cert "$tls/signcerts/cert.pem" --client-key "$tls/keystore/key.pem"
}

network_orderers() {
  log "ordering service (3 Raft orderers) and channel $CHANNEL"
  orderer_start 0 "$ORDERER0_PORT" "$ORDERER0_ADMIN" "$ORDERER0_OPS"
  orderer_start 1 "$ORDERER1_PORT" "$ORDERER1_ADMIN" "$ORDERER1_OPS"
  orderer_start 2 "$ORDERER2_PORT" "$ORDERER2_ADMIN" "$ORDERER2_OPS"
  # Orderers added since the first start (scripts/add-orderer.sh); they joined the channel then.
  local extra
  for extra in $(orderer_indexes); do
    (( extra > 2 )) || continue
    # shellcheck disable=SC2046
    orderer_start "$extra" $(orderer_ports "$extra")
  done
  wait_pending
  local block="$DATA/channel/$CHANNEL.block"
  if [[ ! -f "$block" ]]; then
    mkdir -p "$DATA/channel"
    sed -e "s|@DATA@|$DATA|g" -e "s|@ORDERER0_HOST@|$(region_host orderer0)|g" -e "s|@ORDERER1_HOST@|$(region_host orderer1)|g" \
        -e "s|@ORDERER2_HOST@|$(region_host orderer2)|g" -e "s|@PEER_CD_HOST@|$(region_host chengdu)|g" \
        -e "s|@PEER_CQ_HOST@|$(region_host chongqing)|g" -e "s|@ORDERER0_PORT@|$ORDERER0_PORT|g" -e "s|@ORDERER1_PORT@|$ORDERER1_PORT|g" \
        -e "s|@ORDERER2_PORT@|$ORDERER2_PORT|g" -e "s|@PEER_CD_PORT@|$PEER_CD_PORT|g" -e "s|@PEER_CQ_PORT@|$PEER_CQ_PORT|g" \
        "$ROOT/network/configtx.yaml.tmpl" > "$DATA/channel/configtx.yaml"
    "$BIN/configtxgen" -configPath "$DATA/channel" -profile LaborChannel -channelID "$CHANNEL" \
      -outputBlock "$block.tmp" >>"$DATA/logs/channel.log" 2>&1 || die "configtxgen failed; see $DATA/logs/channel.log"
    mv "$block.tmp" "$block"
  fi
  local i
  for i in 0 1 2; do
    if ! grep -q "\"name\": \"$CHANNEL\"" <<<"$(osnadmin "$i" list 2>/dev/null || true)"; then
      osnadmin "$i" join --channelID "$CHANNEL" --config-block "$block" >>"$DATA/logs/channel.log" 2>&1 \
        || die "orderer$i could not join $CHANNEL; see $DATA/logs/channel.log and $DATA/logs/orderer$i.log"
    fi
  done
}

# ---------------------------------------------------------------- peers
peer_cli() { # org args... : the peer CLI as the org's admin, talking to the org's peer0
  local org=$1; shift
  local port
  case $org in chengdu) port=$PEER_CD_PORT;; chongqing) port=$PEER_CQ_PORT;; orderer) port=$PEER_CD_PORT;; esac
  peer_cli_at "$port" "$org" "$@"
}

# The peer CLI as ORG's admin talking to the peer at PORT (peer1 of scripts/add-peer.sh). ORG
# "orderer" is the ordering organization's admin: it only signs configuration updates and sends
# them to the orderers (peer channel signconfigtx / update), so no peer of its own is needed.
#
# With PEER_CLI_AS_REGION=1 in the split layout (DATA/layout.env), the CLI runs as ORG's own Unix
# user (the joint office's for "orderer"), which may read that organization's admin key and no
# other's: what a region signs or approves is then signed on its own "host" (region_sign moves a
# file for it to sign). PEER_CLI_MSP=DIR acts as another member of ORG than its admin.
peer_cli_at() { # port org args...
  local port=$1 org=$2; shift 2
  local msp cfg="$DATA/peers/peer0-$org/config" tlsroot="$DATA/orgs/$org/msp/tlscacerts/ca.pem" peerorg=$org
  case $org in
    chengdu) msp=ChengduMSP;; chongqing) msp=ChongqingMSP;;
    orderer) msp=OrdererMSP cfg="$DATA/peers/peer0-chengdu/config" tlsroot="$DATA/orgs/chengdu/msp/tlscacerts/ca.pem" peerorg=chengdu;;
    *) die "peer_cli: unknown organization '$org'";;
  esac
  local -a as=()
  if [[ ${PEER_CLI_AS_REGION:-} == 1 ]] && split_layout; then
    local r user; r=$(region_of "$org"); user=$(region_user "$org")
    if [[ $org == orderer ]]; then
      # The joint office has no peer, so no core.yaml of its own: the CLI's, from Fabric's sample.
      cfg="$DATA/home/$r/cli"
      [[ -f "$cfg/core.yaml" ]] || { mkdir -p "$cfg"; cp "${FABRIC_SAMPLECONFIG:-$(fabric_sampleconfig)}/core.yaml" "$cfg/core.yaml"; }
    fi
    region_own "$r"
    as=(setpriv --reuid="$user" --regid="$user" --clear-groups env HOME="$DATA/home/$r")
  fi
  FABRIC_CFG_PATH="$cfg" CORE_PEER_LOCALMSPID=$msp \
  CORE_PEER_MSPCONFIGPATH="${PEER_CLI_MSP:-$DATA/users/$org/admin/msp}" CORE_PEER_ADDRESS="$(region_host "$peerorg"):$port" \
  CORE_PEER_TLS_ENABLED=true CORE_PEER_TLS_ROOTCERT_FILE="$tlsroot" \
  FABRIC_LOGGING_SPEC=WARN "${as[@]}" "$BIN/peer" "$@"
}

# The channel's height on the org's peer (its last block + 1), or nothing when the peer does not answer.
channel_height() { # org
  peer_height "$1" "$(case $1 in chengdu) echo "$PEER_CD_PORT";; chongqing) echo "$PEER_CQ_PORT";; esac)"
}

# The channel's height on the org's peer at PORT (an added peer too), or nothing when it does not answer.
peer_height() { # org port
  { peer_cli_at "$2" "$1" channel getinfo -c "$CHANNEL" 2>/dev/null || true; } | sed -n 's/.*"height":\([0-9]*\).*/\1/p'
}

# NAME is peer0-ORG unless given (scripts/add-peer.sh adds peer1-ORG); a peer that is not the
# region's first finds the others of its region through peer0 (gossip bootstrap).
peer_start() { # org mspid port cc-port ops-port chaincode-server-port [name bootstrap-port]
  local org=$1 msp=$2 port=$3 cc=$4 ops=$5 ccserver=$6 name=${7:-peer0-$1}
  local dir="$DATA/peers/$name" bootstrap=${8:-$3}
  proc_alive "$name" && return 0
  check_ports_free "$port" "$cc" "$ops"
  mkdir -p "$dir/config" "$dir/ledger"
  # Fabric's own core.yaml, changed for this project (scripts/lib/fabric-config.sh).
  peer_core_yaml "$FABRIC_SAMPLECONFIG/core.yaml" "$ROOT/network/ccaas-builder" > "$dir/config/core.yaml"
  grep -q "path: $ROOT/network/ccaas-builder" "$dir/config/core.yaml" || die "could not set the external builder in core.yaml (Fabric's sampleconfig changed?)"
  local tls="$dir/tls" host; host=$(region_host "$org")
  PROC_ENV=(
    FABRIC_CFG_PATH="$dir/config" FABRIC_LOGGING_SPEC=INFO
    CORE_PEER_ID="$name" CORE_PEER_LOCALMSPID="$msp" CORE_PEER_MSPCONFIGPATH="$dir/msp"
    CORE_PEER_ADDRESS="$host:$port" CORE_PEER_LISTENADDRESS="$host:$port"
    CORE_PEER_CHAINCODEADDRESS="$host:$cc" CORE_PEER_CHAINCODELISTENADDRESS="$host:$cc"
    CORE_PEER_GOSSIP_BOOTSTRAP="$host:$bootstrap" CORE_PEER_GOSSIP_EXTERNALENDPOINT="$host:$port"
    CORE_PEER_TLS_ENABLED=true CORE_PEER_TLS_CERT_FILE="$tls/signcerts/cert.pem"
    CORE_PEER_TLS_KEY_FILE="$tls/keystore/key.pem" CORE_PEER_TLS_ROOTCERT_FILE="$tls/ca.pem"
    CORE_PEER_FILESYSTEMPATH="$dir/ledger" CORE_LEDGER_STATE_STATEDATABASE=goleveldb
    # Ledger snapshots (scripts/snapshot-compare.sh) in the data folder, not Fabric's default /var/hyperledger.
    CORE_LEDGER_SNAPSHOTS_ROOTDIR="$dir/ledger/snapshots"
    CORE_OPERATIONS_LISTENADDRESS="$host:$ops" CORE_METRICS_PROVIDER=prometheus
    # A chaincode server that does not answer fails the first call in 15 s, not 5 minutes.
    CORE_CHAINCODE_STARTUPTIMEOUT=15s CORE_CHAINCODE_EXECUTETIMEOUT=60s
    # The two peers join the channel a moment apart; the first one's gossip dial to the other is
    # refused until that one has joined, and gossip retries only every reconnectInterval (25 s by
    # default): until then the Gateway finds no set of peers satisfying an AND policy.
    CORE_PEER_GOSSIP_RECONNECTINTERVAL=2s
    CDCQ_CHAINCODE_ADDRESS="$host:$ccserver"
    CDCQ_CHAINCODE_TLS_ROOT="$DATA/orgs/$org/msp/tlscacerts/ca.pem"
  )
  start_proc "$name" "$BIN/peer" node start
  wait_port_later "$name" "$port" "$LAST_PID" 30 "$DATA/logs/$name.log"
}

network_peers() {
  log "peers of Chengdu and Chongqing"
  peer_start chengdu ChengduMSP "$PEER_CD_PORT" "$PEER_CD_CC" "$PEER_CD_OPS" "$CC_CD_PORT"
  # Chongqing's peer only once Chengdu's listens: two peers started in the same instant dial each
  # other at once, gossip closes both connections ("isn't responsive: transport is closing"), and
  # their channel membership then took 40 s to form (seen once in seven starts).
  wait_pending || die "peer0-chengdu did not start"
  peer_start chongqing ChongqingMSP "$PEER_CQ_PORT" "$PEER_CQ_CC" "$PEER_CQ_OPS" "$CC_CQ_PORT"
  wait_pending
  local org
  for org in chengdu chongqing; do
    if ! peer_cli "$org" channel getinfo -c "$CHANNEL" >/dev/null 2>&1; then
      peer_cli "$org" channel join -b "$DATA/channel/$CHANNEL.block" >>"$DATA/logs/channel.log" 2>&1 \
        || die "peer0-$org could not join $CHANNEL; see $DATA/logs/channel.log and $DATA/logs/peer0-$org.log"
    fi
  done
  wait_gossip_membership chengdu "$PEER_CD_OPS"
  wait_gossip_membership chongqing "$PEER_CQ_OPS"
  # Peers added since the first start (scripts/add-peer.sh) start again with the network; they
  # joined the channel when they were added.
  local extra
  for extra in "$DATA"/peers/peer[1-9]-*; do
    [[ -f "$extra/config/core.yaml" ]] && extra_peer_start "${extra##*/}"
  done
  wait_pending
}

# A peer's ports (client, chaincode, metrics) from its name peerN-ORG: peer0 as in set_ports; an
# added peer (scripts/add-peer.sh) 20 + 10 per peer after Chongqing's peer0 (peer1-chengdu 320,
# peer1-chongqing 330, peer2-chengdu 340, ...).
peer_ports() { # name
  local name=$1 n org k
  n=${name%%-*}; n=${n#peer}; org=${name#*-}
  if (( n == 0 )); then
    case $org in chengdu) echo "$PEER_CD_PORT $PEER_CD_CC $PEER_CD_OPS";; chongqing) echo "$PEER_CQ_PORT $PEER_CQ_CC $PEER_CQ_OPS";; esac
    return 0
  fi
  k=$(( 2 * (n - 1) + $([[ $org == chongqing ]] && echo 1 || echo 0) ))
  echo $((PORT_BASE + 320 + 10 * k)) $((PORT_BASE + 321 + 10 * k)) $((PORT_BASE + 322 + 10 * k))
}

# The region's peers: peer0-ORG and those added since (scripts/add-peer.sh).
region_peers() { # org
  local d
  echo "peer0-$1"
  for d in "$DATA"/peers/peer[1-9]-"$1"; do [[ -f "$d/config/core.yaml" ]] && echo "${d##*/}"; done
}

extra_peer_start() { # name: any peer of a region, peer0 included (scripts/rotate-tls.sh restarts either)
  local name=$1 org=${1#*-} port cc ops
  read -r port cc ops < <(peer_ports "$name")
  case $org in
    chengdu) peer_start chengdu ChengduMSP "$port" "$cc" "$ops" "$CC_CD_PORT" "$name" "$PEER_CD_PORT";;
    chongqing) peer_start chongqing ChongqingMSP "$port" "$cc" "$ops" "$CC_CQ_PORT" "$name" "$PEER_CQ_PORT";;
    *) die "no region in peer name $name";;
  esac
}

# The value of a peer's Prometheus metric line starting with $2 (bash's /dev/tcp: no curl needed).
peer_metric() { # ops-port metric-prefix
  local reply
  local host; host=$(listen_host "$1")
  reply=$(exec 3<>"/dev/tcp/$host/$1" && printf 'GET /metrics HTTP/1.0\r\nHost: %s\r\n\r\n' "$host" >&3 && cat <&3) \
    2>/dev/null || return 1
  grep -F "$2" <<<"$reply" | head -n 1 | awk '{print $2}'
}

# Waits until the peer knows another peer of the channel through gossip: the Gateway can gather
# endorsements from both regions only then.
wait_gossip_membership() { # org ops-port
  local org=$1 ops=$2 deadline=$((SECONDS + 60)) known
  until known=$(peer_metric "$ops" "gossip_membership_total_peers_known{channel=\"$CHANNEL\"}") \
        && [[ -n "$known" ]] && (( ${known%.*} >= 1 )); do
    (( SECONDS < deadline )) || die "peer0-$org has not met the other region's peer through gossip in 60 s; see $DATA/logs/peer0-$org.log (gossip.comm, gossip.discovery)"
    sleep 0.5
  done
}

# ---------------------------------------------------------------- description for clients
# DATA/network.properties tells the regional services and the end-to-end tests where
# everything is; for a real deployment each region writes its own with its hosts.
write_network_properties() {
  region_properties() { # org code msp ca-port peer-port center-uscc service-port
    cat <<PROPS
$1.mspId=$3
$1.regionCode=$2
$1.peerEndpoint=$(region_host "$1"):$5
$1.peerHostAlias=$(node_name "peer0-$1")
$1.tlsCaCert=$DATA/orgs/$1/msp/tlscacerts/ca.pem
$1.usersDir=$DATA/users/$1
$1.caUrl=https://$(region_host "$1"):$4
$1.caName=ca-$1
$1.caCert=$DATA/ca/$1/ca-cert.pem
$1.caRegistrarDir=$DATA/ca-admin/$1
$1.centerUscc=$6
$1.servicePort=$7
PROPS
  }
  {
    echo "# Written by scripts/start.sh for the network in $DATA"
    echo "channel=$CHANNEL"
    echo "chaincode=$CC_NAME"
    echo "endorsement=$ENDORSEMENT"
    echo "regions=chengdu,chongqing"
    region_properties chengdu CD ChengduMSP "$CA_CD_PORT" "$PEER_CD_PORT" "$CD_CENTER_USCC" "$SERVICE_CD_PORT"
    region_properties chongqing CQ ChongqingMSP "$CA_CQ_PORT" "$PEER_CQ_PORT" "$CQ_CENTER_USCC" "$SERVICE_CQ_PORT"
    # The ordering organization's CA (the joint office's): no region, but tests enroll at it.
    echo "orderer.caUrl=https://$(region_host orderer):$CA_ORD_PORT"
    echo "orderer.caName=ca-orderer"
    echo "orderer.caCert=$DATA/ca/orderer/ca-cert.pem"
  } > "$DATA/network.properties.tmp"
  mv "$DATA/network.properties.tmp" "$DATA/network.properties"
}

# The whole network, step by step; each step reuses what is there.
network_up() {
  network_setup_vars
  mkdir -p "$DATA/logs" "$DATA/run"
  if [[ -f "$DATA/port-base" && "$(cat "$DATA/port-base")" != "$PORT_BASE" ]]; then
    die "the network in $DATA was made with PORT_BASE=$(cat "$DATA/port-base"); use that, or wipe it with scripts/stop.sh --wipe"
  fi
  echo "$PORT_BASE" > "$DATA/port-base"
  network_identities
  network_orderers
  network_peers
  # A hook for what needs only the peers (start.sh starts the services' JVMs here, so they boot
  # while the chaincode servers start and the peers reach them).
  [[ -z "${NETWORK_AFTER_PEERS:-}" ]] || "$NETWORK_AFTER_PEERS"
  network_chaincode
  write_network_properties
}

network_summary() {
  cat <<SUMMARY

The Chengdu–Chongqing registry network is running (data: $DATA).
  CAs        ca-chengdu $HOST_CD:$CA_CD_PORT  ca-chongqing $HOST_CQ:$CA_CQ_PORT  ca-orderer $HOST_JO:$CA_ORD_PORT
  orderers   orderer0 $HOST_CD:$ORDERER0_PORT  orderer1 $HOST_CQ:$ORDERER1_PORT  orderer2 $HOST_JO:$ORDERER2_PORT (admin +1, metrics +2)
  peers      peer0-chengdu $HOST_CD:$PEER_CD_PORT  peer0-chongqing $HOST_CQ:$PEER_CQ_PORT (metrics +2)
  chaincode  $CC_NAME $CC_VERSION on channel $CHANNEL, endorsement $ENDORSEMENT
             servers $HOST_CD:$CC_CD_PORT (Chengdu), $HOST_CQ:$CC_CQ_PORT (Chongqing)
  clients    $DATA/network.properties describes peers, CAs and the enrolled users
  logs       $DATA/logs/
  stop       scripts/stop.sh    (add --wipe to delete the data folder too)
SUMMARY
}
