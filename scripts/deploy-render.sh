#!/usr/bin/env bash
# Renders, from the per-region deployment configuration in network/deploy/*.conf, what each
# region installs on its own hosts: a systemd unit for every process (CA, peer, orderer,
# chaincode server, regional service), the process's config files, and a compose file for
# Fabric's official images plus the project's chaincode and service images. The units run the
# commands, environment and config files that scripts/lib/network.sh, chaincode.sh and
# services.sh use on one machine, with the hosts, ports and folders of the configuration.
# Nothing is installed or started; scripts/deploy-check.sh checks the output's syntax.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/deploy-render.sh [--out DIR] [--conf-dir DIR] [--fabric-config DIR] [REGION...]
Renders, for each REGION (default: every network/deploy/*.conf: chengdu chongqing joint),
  DIR/REGION/systemd/cdcq-NAME.service   one unit per process
  DIR/REGION/config/NAME/                core.yaml / orderer.yaml / service.yml, *.env.example
  DIR/REGION/compose.yaml                the same processes in containers
  DIR/REGION/nodes.txt                   what runs where: hosts, ports, TLS names, folders
  --out DIR            output folder (default .data/deploy; it is generated, never committed)
  --conf-dir DIR       folder of the REGION.conf files (default network/deploy)
  --fabric-config DIR  folder with Fabric's core.yaml and orderer.yaml (default: Fabric's
                       sampleconfig from the Go module cache); without one, the peers' core.yaml
                       and the orderers' orderer.yaml are not rendered (a warning says so)
USAGE
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/.data/deploy" CONF_DIR="$ROOT/network/deploy" FABRIC_CFG_DIR=""
regions=()
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --out) OUT=${2:?--out needs a folder}; shift 2;;
    --conf-dir) CONF_DIR=${2:?--conf-dir needs a folder}; shift 2;;
    --fabric-config) FABRIC_CFG_DIR=${2:?--fabric-config needs a folder}; shift 2;;
    -*) echo "unknown option $1" >&2; usage >&2; exit 2;;
    *) regions+=("$1"); shift;;
  esac
done
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
source "$ROOT/scripts/lib/fabric-config.sh"
OUT=$(realpath -m "$OUT")

FABRIC_PEER_IMAGE=hyperledger/fabric-peer:2.5.9
FABRIC_ORDERER_IMAGE=hyperledger/fabric-orderer:2.5.9
FABRIC_CA_IMAGE=hyperledger/fabric-ca:1.5.15
PROJECT_VERSION=$(sed -n '0,/<version>/s/.*<version>\(.*\)<\/version>.*/\1/p' "$ROOT/pom.xml")
CHAINCODE_IMAGE="cdcq/registry-chaincode:$PROJECT_VERSION"
SERVICE_IMAGE="cdcq/registry-service:$PROJECT_VERSION"
CHANNEL=laborchannel CC_NAME=registry

# ------------------------------------------------------------ reading every region's file
# Every region's file is read, not only the rendered ones: a peer or orderer needs the other
# regions' host names and addresses (compose extra_hosts), and names must be unique overall.
declare -A N_REGION N_KIND N_HOST N_IP N_PORTS N_DATA
declare -A R_TITLE R_CODE R_MSP R_ORG R_INSTALL R_CONFIG R_USER R_JAVA R_NODES
all_regions=()
load_region() { # conf-file
  local f=$1 line name kind host ip ports data extra
  # shellcheck disable=SC1090
  ( set -u; source "$f"; : "${REGION:?} ${MSP_ID:?} ${ORG:?} ${INSTALL_DIR:?} ${CONFIG_DIR:?} ${RUN_USER:?} ${JAVA:?}" ) \
    || die "$f does not set REGION, MSP_ID, ORG, INSTALL_DIR, CONFIG_DIR, RUN_USER and JAVA"
  local REGION REGION_TITLE REGION_CODE MSP_ID ORG INSTALL_DIR CONFIG_DIR RUN_USER JAVA NODES=()
  # shellcheck disable=SC1090
  source "$f"
  [[ "$(basename "$f" .conf)" == "$REGION" ]] || die "$f sets REGION=$REGION: the file must be named $REGION.conf"
  all_regions+=("$REGION")
  R_TITLE[$REGION]=${REGION_TITLE:-$REGION} R_CODE[$REGION]=${REGION_CODE:-} R_MSP[$REGION]=$MSP_ID R_ORG[$REGION]=$ORG
  R_INSTALL[$REGION]=$INSTALL_DIR R_CONFIG[$REGION]=$CONFIG_DIR R_USER[$REGION]=$RUN_USER R_JAVA[$REGION]=$JAVA
  R_NODES[$REGION]=""
  for line in "${NODES[@]}"; do
    read -r name kind host ip ports data extra <<<"$line"
    [[ -n "$data" && -z "$extra" ]] || die "$f: '$line' is not 'name kind host address ports data-folder'"
    [[ -z "${N_KIND[$name]:-}" ]] || die "$f: process name $name is used twice (also in ${N_REGION[$name]})"
    case $kind in ca|peer|orderer|chaincode|service) ;; *) die "$f: $name has unknown kind '$kind'";; esac
    [[ "$host" =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]] || die "$f: $name: '$host' is not a host name"
    [[ "$ip" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || die "$f: $name: '$ip' is not an IPv4 address"
    [[ "$data" == /* ]] || die "$f: $name: the data folder '$data' is not absolute"
    N_REGION[$name]=$REGION N_KIND[$name]=$kind N_HOST[$name]=$host N_IP[$name]=$ip N_PORTS[$name]=$ports N_DATA[$name]=$data
    R_NODES[$REGION]+="$name "
  done
}
for f in "$CONF_DIR"/*.conf; do [[ -e "$f" ]] && load_region "$f"; done
(( ${#all_regions[@]} > 0 )) || die "no *.conf in $CONF_DIR"
(( ${#regions[@]} > 0 )) || regions=("${all_regions[@]}")
for r in "${regions[@]}"; do [[ -n "${R_MSP[$r]:-}" ]] || die "no region $r in $CONF_DIR (have: ${all_regions[*]})"; done

nport() { # name key : a port of a process, or nothing
  local kv
  for kv in ${N_PORTS[$1]//,/ }; do [[ "${kv%%=*}" == "$2" ]] && { echo "${kv#*=}"; return 0; }; done
  return 0
}
need() { # name key : a port or reference that must be there
  local v; v=$(nport "$1" "$2")
  [[ -n "$v" ]] || die "${N_REGION[$1]}.conf: $1 has no $2="
  echo "$v"
}
# No two processes of a region listen on the same port (the compose file runs them on one host),
# and no two on one address and port anywhere.
check_ports() {
  local -A seen_region seen_addr
  local n kv k v
  for n in "${!N_KIND[@]}"; do
    for kv in ${N_PORTS[$n]//,/ }; do
      k=${kv%%=*} v=${kv#*=}
      case $k in port|ops|admin|chaincode) ;; *) continue;; esac
      [[ "$v" =~ ^[0-9]+$ ]] && (( v > 0 && v < 65536 )) || die "${N_REGION[$n]}.conf: $n: $k=$v is not a port"
      [[ -z "${seen_region[${N_REGION[$n]}:$v]:-}" ]] || die "${N_REGION[$n]}.conf: port $v is used by ${seen_region[${N_REGION[$n]}:$v]} and $n"
      seen_region[${N_REGION[$n]}:$v]="$n"
      seen_addr[${N_IP[$n]}:$v]="$n"
    done
  done
}
check_ports

# ------------------------------------------------------------ what each process runs
# node_env NAME LISTEN-ADDRESS: the process's environment, one KEY=VALUE a line, exactly as the
# scripts set it (scripts/lib/network.sh orderer_start/peer_start, chaincode.sh
# chaincode_server_start), with this deployment's hosts and folders. LISTEN-ADDRESS is the
# node's own address for a native unit, 0.0.0.0 inside a container.
node_env() {
  local n=$1 l=$2 r=${N_REGION[$1]} d=${N_DATA[$1]} h=${N_HOST[$1]}
  local c="${R_CONFIG[$r]}/$n" tls="${N_DATA[$1]}/tls"
  case ${N_KIND[$n]} in
    ca)
      echo "FABRIC_CA_SERVER_HOME=$d";;
    orderer)
      local port admin ops; port=$(need "$n" port) admin=$(need "$n" admin) ops=$(need "$n" ops)
      cat <<ENV
FABRIC_CFG_PATH=$c
FABRIC_LOGGING_SPEC=INFO
ORDERER_GENERAL_LISTENADDRESS=$l
ORDERER_GENERAL_LISTENPORT=$port
ORDERER_GENERAL_LOCALMSPID=OrdererMSP
ORDERER_GENERAL_LOCALMSPDIR=$d/msp
ORDERER_GENERAL_BOOTSTRAPMETHOD=none
ORDERER_GENERAL_TLS_ENABLED=true
ORDERER_GENERAL_TLS_PRIVATEKEY=$tls/keystore/key.pem
ORDERER_GENERAL_TLS_CERTIFICATE=$tls/signcerts/cert.pem
ORDERER_GENERAL_TLS_ROOTCAS=[$tls/ca.pem]
ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE=$tls/signcerts/cert.pem
ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY=$tls/keystore/key.pem
ORDERER_GENERAL_CLUSTER_ROOTCAS=[$tls/ca.pem]
ORDERER_FILELEDGER_LOCATION=$d/ledger
ORDERER_CONSENSUS_WALDIR=$d/ledger/etcdraft/wal
ORDERER_CONSENSUS_SNAPDIR=$d/ledger/etcdraft/snapshot
ORDERER_CHANNELPARTICIPATION_ENABLED=true
ORDERER_ADMIN_LISTENADDRESS=$l:$admin
ORDERER_ADMIN_TLS_ENABLED=true
ORDERER_ADMIN_TLS_CERTIFICATE=$tls/signcerts/cert.pem
ORDERER_ADMIN_TLS_PRIVATEKEY=$tls/keystore/key.pem
ORDERER_ADMIN_TLS_ROOTCAS=[$tls/ca.pem]
ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
ORDERER_ADMIN_TLS_CLIENTROOTCAS=[$tls/ca.pem]
ORDERER_OPERATIONS_LISTENADDRESS=$l:$ops
ORDERER_METRICS_PROVIDER=prometheus
ENV
      ;;
    peer)
      local port cc ops ccs; port=$(need "$n" port) cc=$(need "$n" chaincode) ops=$(need "$n" ops) ccs=$(need "$n" ccserver)
      [[ "${N_KIND[$ccs]:-}" == chaincode ]] || die "$r.conf: $n: ccserver=$ccs is not a chaincode process"
      cat <<ENV
FABRIC_CFG_PATH=$c
FABRIC_LOGGING_SPEC=INFO
CORE_PEER_ID=$n
CORE_PEER_LOCALMSPID=${R_MSP[$r]}
CORE_PEER_MSPCONFIGPATH=$d/msp
CORE_PEER_ADDRESS=$h:$port
CORE_PEER_LISTENADDRESS=$l:$port
CORE_PEER_CHAINCODEADDRESS=$h:$cc
CORE_PEER_CHAINCODELISTENADDRESS=$l:$cc
CORE_PEER_GOSSIP_BOOTSTRAP=$h:$port
CORE_PEER_GOSSIP_EXTERNALENDPOINT=$h:$port
CORE_PEER_TLS_ENABLED=true
CORE_PEER_TLS_CERT_FILE=$tls/signcerts/cert.pem
CORE_PEER_TLS_KEY_FILE=$tls/keystore/key.pem
CORE_PEER_TLS_ROOTCERT_FILE=$tls/ca.pem
CORE_PEER_FILESYSTEMPATH=$d/ledger
CORE_LEDGER_STATE_STATEDATABASE=goleveldb
CORE_LEDGER_SNAPSHOTS_ROOTDIR=$d/ledger/snapshots
CORE_OPERATIONS_LISTENADDRESS=$l:$ops
CORE_METRICS_PROVIDER=prometheus
CORE_CHAINCODE_STARTUPTIMEOUT=15s
CORE_CHAINCODE_EXECUTETIMEOUT=60s
CORE_PEER_GOSSIP_RECONNECTINTERVAL=2s
CDCQ_CHAINCODE_ADDRESS=${N_HOST[$ccs]}:$(need "$ccs" port)
CDCQ_CHAINCODE_TLS_ROOT=$tls/ca.pem
ENV
      ;;
    chaincode)
      # CORE_CHAINCODE_ID_NAME (the package id) comes from package.env, written when the package
      # is installed (scripts/lib/chaincode.sh keeps it in DATA/run/chaincode-REGION.package).
      cat <<ENV
CHAINCODE_SERVER_ADDRESS=$l:$(need "$n" port)
CORE_PEER_TLS_ENABLED=true
CORE_TLS_CLIENT_KEY_FILE=$tls/keystore/key.pem
CORE_TLS_CLIENT_CERT_FILE=$tls/signcerts/cert.pem
CORE_TLS_CLIENT_KEY_PATH=$tls/key.pem.b64
CORE_TLS_CLIENT_CERT_PATH=$tls/cert.pem.b64
CORE_PEER_TLS_ROOTCERT_FILE=$tls/ca.pem
CORE_CHAINCODE_LOGGING_LEVEL=warning
CORE_CHAINCODE_LOGGING_SHIM=warning
ENV
      ;;
    service) ;;
  esac
}

# node_cmd NAME LISTEN-ADDRESS BIN-DIR: the command line, one argument a line.
node_cmd() {
  local n=$1 l=$2 b=$3 r=${N_REGION[$1]}
  case ${N_KIND[$n]} in
    ca) printf '%s\n' "${b}fabric-ca-server" start --port "$(need "$n" port)" --address "$l" \
          --operations.listenaddress "$l:$(need "$n" ops)" --tls.enabled \
          --ca.name "$n" --csr.cn "$n" --csr.hosts "${N_HOST[$n]},$n";;
    orderer) printf '%s\n' "${b}orderer";;
    peer) printf '%s\n' "${b}peer" node start;;
    chaincode) printf '%s\n' "$4" -Xms64m -Xmx512m -XX:+UseSerialGC -jar "${R_INSTALL[$r]}/lib/registry-chaincode.jar";;
    service) printf '%s\n' "$4" -Xms64m -Xmx768m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -jar "${R_INSTALL[$r]}/lib/registry-service.jar" \
          "--spring.config.additional-location=file:${R_CONFIG[$r]}/$n/service.yml";;
  esac
}

# The secrets a process reads from a 0600 file next to its config, never from the unit.
node_env_file() {
  local n=$1 c="${R_CONFIG[${N_REGION[$1]}]}/$1"
  case ${N_KIND[$n]} in
    ca) echo "$c/ca.env";;            # FABRIC_CA_SERVER_BOOT=admin:<bootstrap password>
    chaincode) echo "$c/package.env";; # CORE_CHAINCODE_ID_NAME=<package id>
  esac
}

describe() {
  case ${N_KIND[$1]} in
    ca) echo "Fabric CA $1";; orderer) echo "Raft orderer $1 (OrdererMSP)";;
    peer) echo "Fabric peer $1 (${R_MSP[${N_REGION[$1]}]})";; chaincode) echo "registry chaincode server $1";;
    service) echo "regional service $1 (REST API)";;
  esac
}

# ------------------------------------------------------------ config files
fabric_sampleconfig() {
  [[ -n "$FABRIC_CFG_DIR" ]] && { echo "$FABRIC_CFG_DIR"; return 0; }
  command -v go >/dev/null || return 0
  local d
  d=$(cd "$ROOT/network/fabric-tools/fabric" && GOFLAGS=-mod=readonly go list -m -f '{{.Dir}}' github.com/hyperledger/fabric 2>/dev/null) || return 0
  [[ -n "$d" ]] && echo "$d/sampleconfig"
}

render_config() { # region
  local r=$1 n dir sample
  sample=$(fabric_sampleconfig)
  if [[ -z "$sample" || ! -f "$sample/core.yaml" || ! -f "$sample/orderer.yaml" ]]; then
    echo "WARN: no Fabric sampleconfig found (give --fabric-config DIR): core.yaml and orderer.yaml not rendered for $r" >&2
    sample=""
  fi
  for n in ${R_NODES[$r]}; do
    dir="$OUT/$r/config/$n"; mkdir -p "$dir"
    case ${N_KIND[$n]} in
      peer) [[ -z "$sample" ]] || peer_core_yaml "$sample/core.yaml" "${R_INSTALL[$r]}/ccaas-builder" > "$dir/core.yaml";;
      orderer) [[ -z "$sample" ]] || cp "$sample/orderer.yaml" "$dir/orderer.yaml";;
      ca) printf '# Copy to ca.env (mode 0600, owner %s): the CA bootstrap registrar.\nFABRIC_CA_SERVER_BOOT=admin:CHANGE-ME\n' \
            "${R_USER[$r]}" > "$dir/ca.env.example";;
      chaincode) printf '# Written when the chaincode package is installed on the peer (peer lifecycle chaincode queryinstalled).\nCORE_CHAINCODE_ID_NAME=%s_JARHASH:PACKAGEHASH\n' \
            "$CC_NAME" > "$dir/package.env.example";;
      service) render_service_yml "$n" > "$dir/service.yml";;
    esac
  done
}

# The service's typed configuration (as scripts/lib/services.sh service_config writes it), with
# its files in its own data folder and secrets in its config folder.
render_service_yml() { # name
  local n=$1 r=${N_REGION[$1]} d=${N_DATA[$1]} c="${R_CONFIG[${N_REGION[$1]}]}/$1" peer ca
  peer=$(need "$n" peer) ca=$(need "$n" ca)
  [[ "${N_KIND[$peer]:-}" == peer && "${N_KIND[$ca]:-}" == ca ]] || die "$r.conf: $n: peer=$peer / ca=$ca are not a peer and a CA"
  cat <<YML
# Rendered by scripts/deploy-render.sh from network/deploy/$r.conf: the regional service of
# ${R_TITLE[$r]} (see client/.../ServiceProperties and scripts/lib/services.sh service_config).
server:
  address: ${N_IP[$n]}
  port: $(need "$n" port)
registry:
  region: $r
  region-code: ${R_CODE[$r]}
  msp-id: ${R_MSP[$r]}
  channel: $CHANNEL
  chaincode: $CC_NAME
  peer:
    endpoint: ${N_HOST[$peer]}:$(need "$peer" port)
    host-alias: ${N_HOST[$peer]}
    tls-ca-cert: $d/peer-tls-ca.pem
  ca:
    url: https://${N_HOST[$ca]}:$(need "$ca" port)
    name: $ca
    certificate: $d/ca-cert.pem
    registrar-msp: $d/registrar/msp
  data-dir: $d/state
  attestation-msp: $d/attestation/msp
  pepper-file: $c/consortium.pepper
  # Apart from the encrypted keys in the data folder: a copy of the state alone opens no key.
  master-secret-file: $c/master.secret
  admin:
    account: ${R_CODE[$r],,}-admin
    password-file: $c/admin.password
YML
}

# ------------------------------------------------------------ systemd units
render_units() { # region
  local r=$1 n unit envf arg line first
  mkdir -p "$OUT/$r/systemd"
  for n in ${R_NODES[$r]}; do
    unit="$OUT/$r/systemd/cdcq-$n.service"
    envf=$(node_env_file "$n")
    {
      echo "# Rendered by scripts/deploy-render.sh from network/deploy/$r.conf; do not edit, render again."
      echo "[Unit]"
      echo "Description=CDCQ labor registry, ${R_TITLE[$r]}: $(describe "$n") on ${N_HOST[$n]}"
      echo "Documentation=file://${R_INSTALL[$r]}/docs/deployment.md"
      echo "Wants=network-online.target"
      echo "After=network-online.target"
      echo
      echo "[Service]"
      echo "Type=simple"
      echo "User=${R_USER[$r]}"
      echo "Group=${R_USER[$r]}"
      echo "WorkingDirectory=${N_DATA[$n]}"
      while IFS= read -r line; do
        [[ -n "$line" ]] && echo "Environment=\"${line//%/%%}\""
      done < <(node_env "$n" "${N_IP[$n]}")
      [[ -z "$envf" ]] || echo "EnvironmentFile=$envf"
      if [[ ${N_KIND[$n]} == chaincode ]]; then
        # The shim decodes the *_PATH files as base64 of the PEM (scripts/lib/chaincode.sh).
        local tls="${N_DATA[$n]}/tls"
        echo "ExecStartPre=/bin/sh -c 'umask 077 && base64 -w0 $tls/keystore/key.pem > $tls/key.pem.b64 && base64 -w0 $tls/signcerts/cert.pem > $tls/cert.pem.b64'"
      fi
      first=1 line="ExecStart="
      while IFS= read -r arg; do
        (( first )) || line+=" "
        first=0
        if [[ "$arg" =~ [[:space:]\"\'\\] ]]; then line+="\"${arg//\"/\\\"}\""; else line+="$arg"; fi
      done < <(node_cmd "$n" "${N_IP[$n]}" "${R_INSTALL[$r]}/bin/" "${R_JAVA[$r]}")
      echo "${line//%/%%}"
      echo "Restart=on-failure"
      echo "RestartSec=5s"
      echo "TimeoutStopSec=30s"
      echo "LimitNOFILE=65536"
      echo "NoNewPrivileges=yes"
      echo "PrivateTmp=yes"
      echo "ProtectSystem=strict"
      echo "ProtectHome=yes"
      echo "ReadWritePaths=${N_DATA[$n]}"
      echo
      echo "[Install]"
      echo "WantedBy=multi-user.target"
    } > "$unit"
  done
}

# ------------------------------------------------------------ compose file
yq_str() { # a YAML double-quoted string
  local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"
}

render_compose() { # region
  local r=$1 n f="$OUT/$r/compose.yaml" image line arg envf o
  {
    echo "# Rendered by scripts/deploy-render.sh from network/deploy/$r.conf; do not edit, render again."
    echo "# ${R_TITLE[$r]}'s processes on one Docker host, with Fabric's official images and the project's"
    echo "# images (built from network/deploy/images/*.Containerfile, see docs/deployment.md). Paths inside the containers are the paths of the native units,"
    echo "# bind-mounted from the same folders on the Docker host; ports are published on the addresses"
    echo "# of network/deploy/$r.conf. The other regions' host names resolve through extra_hosts."
    echo "name: cdcq-$r"
    echo "services:"
    for n in ${R_NODES[$r]}; do
      case ${N_KIND[$n]} in
        ca) image=$FABRIC_CA_IMAGE;; peer) image=$FABRIC_PEER_IMAGE;; orderer) image=$FABRIC_ORDERER_IMAGE;;
        chaincode) image=$CHAINCODE_IMAGE;; service) image=$SERVICE_IMAGE;;
      esac
      echo "  $n:"
      echo "    image: $image"
      echo "    hostname: ${N_HOST[$n]}"
      echo "    user: \"\${CDCQ_UID:-10001}:\${CDCQ_GID:-10001}\""
      echo "    restart: unless-stopped"
      echo "    working_dir: ${N_DATA[$n]}"
      if [[ ${N_KIND[$n]} == chaincode || ${N_KIND[$n]} == service ]]; then
        # The images' entrypoints run java with the unit's arguments (see the Containerfiles).
        :
      else
        echo "    command:"
        while IFS= read -r arg; do echo "      - $(yq_str "$arg")"; done < <(node_cmd "$n" 0.0.0.0 "" "")
      fi
      if [[ ${N_KIND[$n]} == service ]]; then
        echo "    command:"
        echo "      - $(yq_str "--spring.config.additional-location=file:${R_CONFIG[$r]}/$n/service.yml")"
      fi
      local envs; envs=$(node_env "$n" 0.0.0.0)
      if [[ -n "$envs" ]]; then
        echo "    environment:"
        while IFS= read -r line; do echo "      ${line%%=*}: $(yq_str "${line#*=}")"; done <<<"$envs"
      fi
      envf=$(node_env_file "$n")
      [[ -z "$envf" ]] || printf '    env_file:\n      - %s\n' "$envf"
      echo "    volumes:"
      echo "      - ${N_DATA[$n]}:${N_DATA[$n]}"
      echo "      - ${R_CONFIG[$r]}/$n:${R_CONFIG[$r]}/$n:ro"
      [[ ${N_KIND[$n]} != peer ]] || echo "      - ${R_INSTALL[$r]}/ccaas-builder:${R_INSTALL[$r]}/ccaas-builder:ro"
      echo "    ports:"
      local kv k
      for kv in ${N_PORTS[$n]//,/ }; do
        k=${kv%%=*}
        case $k in port|ops|admin|chaincode) echo "      - \"${N_IP[$n]}:${kv#*=}:${kv#*=}\"";; esac
      done
      echo "    networks:"
      echo "      cdcq:"
      echo "        aliases:"
      echo "          - ${N_HOST[$n]}"
      if [[ ${N_KIND[$n]} == peer || ${N_KIND[$n]} == orderer ]]; then
        local -a hosts=()
        for o in "${!N_KIND[@]}"; do
          [[ ${N_REGION[$o]} != "$r" ]] || continue
          case ${N_KIND[$o]} in peer|orderer) hosts+=("${N_HOST[$o]}:${N_IP[$o]}");; esac
        done
        if (( ${#hosts[@]} > 0 )); then
          echo "    extra_hosts:"
          printf '      - "%s"\n' $(printf '%s\n' "${hosts[@]}" | sort)
        fi
      fi
    done
    echo "networks:"
    echo "  cdcq:"
    echo "    name: cdcq-$r"
  } > "$f"
}

# ------------------------------------------------------------ what runs where
render_summary() { # region
  local r=$1 n
  {
    echo "# ${R_TITLE[$r]} (${R_MSP[$r]}): rendered from network/deploy/$r.conf"
    printf '%-20s %-9s %-34s %-15s %-40s %s\n' process kind "host = TLS subject name" address ports "data folder"
    for n in ${R_NODES[$r]}; do
      printf '%-20s %-9s %-34s %-15s %-40s %s\n' "$n" "${N_KIND[$n]}" "${N_HOST[$n]}" "${N_IP[$n]}" "${N_PORTS[$n]}" "${N_DATA[$n]}"
    done
    echo
    echo "# TLS certificates: enroll each with --enrollment.profile tls --csr.hosts as listed"
    for n in ${R_NODES[$r]}; do
      case ${N_KIND[$n]} in
        peer|orderer|chaincode) echo "$n: --csr.hosts ${N_HOST[$n]},$n";;
        ca) echo "$n: its own TLS certificate, made at first start with --csr.hosts ${N_HOST[$n]},$n";;
      esac
    done
  } > "$OUT/$r/nodes.txt"
}

for r in "${regions[@]}"; do
  rm -rf "${OUT:?}/$r"
  mkdir -p "$OUT/$r"
  render_config "$r"
  render_units "$r"
  render_compose "$r"
  render_summary "$r"
  echo "rendered $r: $(ls "$OUT/$r/systemd" | wc -l) units, compose.yaml, config/ in $OUT/$r"
done
