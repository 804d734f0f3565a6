# Chaincode as a service: package (only a connection.json; the code runs as our own
# `java -jar` process per region), install on both peers, approve by both orgs, commit,
# start the chaincode servers, wait until both peers can call them. Idempotent: an unchanged
# jar (the build is reproducible) gives the same package and definition, so nothing changes.

CC_JAR="$ROOT/chaincode/contract/target/registry-chaincode.jar"

# Runs an ordering command, retrying while Raft has no leader (a few seconds after orderers
# restart) or the service is briefly unavailable; any other failure is final.
with_orderer_retry() { # logfile command...
  local logfile=$1; shift
  local deadline=$((SECONDS + 45)) out
  while true; do
    if out=$("$@" 2>&1); then echo "$out" >>"$logfile"; return 0; fi
    echo "$out" >>"$logfile"
    if grep -qE "no Raft leader|SERVICE_UNAVAILABLE" <<<"$out" && (( SECONDS < deadline )); then
      sleep 1; continue
    fi
    return 1
  done
}

orderer_tls_args() { echo -o "$(live_orderer_endpoint)" --tls --cafile "$DATA/orgs/orderer/msp/tlscacerts/ca.pem"; }

endorsement_policy() {
  case $ENDORSEMENT in
    AND) echo "AND('ChengduMSP.peer','ChongqingMSP.peer')";;
    OR)  echo "OR('ChengduMSP.peer','ChongqingMSP.peer')";;
    *) die "ENDORSEMENT must be AND or OR, not '$ENDORSEMENT'";;
  esac
}

chaincode_package() {
  [[ -f "$CC_JAR" ]] || die "$CC_JAR is missing: build it with 'mvn -q -DskipTests package' (start.sh does this)"
  local jarhash; jarhash=$(sha256sum "$CC_JAR" | cut -c1-12)
  CC_LABEL="${CC_NAME}_$jarhash"
  local dir="$DATA/chaincode/$CC_LABEL"
  rm -rf "$dir/src"; mkdir -p "$dir/src"
  # TLS to the chaincode server; each peer's builder fills in its own region's address and
  # TLS root certificate (network/ccaas-builder/bin/release).
  printf '{"address":"@CHAINCODE_ADDRESS@","dial_timeout":"5s","tls_required":true,"client_auth_required":false,"root_cert":"@CHAINCODE_TLS_ROOT@"}\n' > "$dir/src/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$CC_LABEL" > "$dir/src/metadata.json"
  # Deterministic tar (sorted, fixed times and owners, gzip without a timestamp): the same jar
  # and connection settings always give the same package, hence the same package id.
  local tarflags=(--sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner)
  tar "${tarflags[@]}" -C "$dir/src" -cf - connection.json | gzip -n > "$dir/code.tar.gz"
  tar "${tarflags[@]}" -C "$dir" -cf - code.tar.gz -C "$dir/src" metadata.json | gzip -n > "$dir/package.tar.gz.tmp"
  local pkghash; pkghash=$(sha256sum "$dir/package.tar.gz.tmp" | cut -d' ' -f1)
  CC_PACKAGE="$dir/$CC_LABEL-${pkghash:0:12}.tar.gz"
  mv "$dir/package.tar.gz.tmp" "$CC_PACKAGE"
  CC_PACKAGE_ID="$CC_LABEL:$pkghash"
  # The definition's version names the package and the policy: any change to either is a new
  # definition (sequence + 1); no change is no redeployment.
  CC_VERSION="${jarhash}.${pkghash:0:8}-${ENDORSEMENT,,}"
}

chaincode_server_start() { # org port
  local org=$1 port=$2 name="chaincode-$1"
  if proc_alive "$name"; then
    [[ "$(cat "$DATA/run/$name.package" 2>/dev/null)" == "$CC_PACKAGE_ID" ]] && return 0
    log "chaincode changed: restarting $name"
    stop_proc "$name"
  fi
  check_ports_free "$port"
  # The server runs the jar copied into the package folder, so a rebuild of target/ never
  # changes the code under a running package id.
  # Copied once: overwriting a jar that a running JVM has open breaks its class loading.
  # One copy per region (its AOT cache beside it): in the split layout each region's folder is its own.
  local jar="$DATA/chaincode/$CC_LABEL/$org/registry-chaincode.jar"
  mkdir -p "$(dirname "$jar")"
  [[ -f "$jar" ]] || { cp "$CC_JAR" "$jar.tmp" && mv "$jar.tmp" "$jar"; }
  # The shim serves TLS with CORE_TLS_CLIENT_KEY_FILE / CORE_TLS_CLIENT_CERT_FILE as its server
  # key and certificate when CORE_PEER_TLS_ENABLED is true. It also insists on the *_PATH
  # variables and CORE_PEER_TLS_ROOTCERT_FILE, and on each peer connection decodes the *_PATH
  # files as base64 of the PEM (the form a peer-launched chaincode receives): so we give it
  # base64 copies of the same key and certificate, and the region's TLS CA.
  local tls="$DATA/chaincode-servers/$org/tls"
  base64 -w0 "$tls/keystore/key.pem" > "$tls/key.pem.b64"
  base64 -w0 "$tls/signcerts/cert.pem" > "$tls/cert.pem.b64"
  # Logging at warning, root included: at info the shim's ContractRouter logs every invocation's
  # arguments ("Got the invoke request for: ..."), and a refused argument may be free text with
  # personal data in it (the fault suite's scan found a test's ID number that way).
  # CORE_CHAINCODE_LOGGING_SHIM=warning alone did not stop it (ContractRouter still logged at info;
  # the shim sets that level on a java.util.logging logger it may not keep), the root level does.
  PROC_ENV=(CORE_CHAINCODE_ID_NAME="$CC_PACKAGE_ID" CHAINCODE_SERVER_ADDRESS="$(region_host "$org"):$port"
            CORE_PEER_TLS_ENABLED=true CORE_TLS_CLIENT_KEY_FILE="$tls/keystore/key.pem"
            CORE_TLS_CLIENT_CERT_FILE="$tls/signcerts/cert.pem"
            CORE_TLS_CLIENT_KEY_PATH="$tls/key.pem.b64" CORE_TLS_CLIENT_CERT_PATH="$tls/cert.pem.b64"
            CORE_PEER_TLS_ROOTCERT_FILE="$DATA/orgs/$org/msp/tlscacerts/ca.pem"
            CORE_CHAINCODE_LOGGING_LEVEL=warning CORE_CHAINCODE_LOGGING_SHIM=warning)
  local -a args=(-Xms64m -Xmx512m -XX:+UseSerialGC -jar "$jar")
  jvm_aot_args "$name" "$(dirname "$jar")" "${args[@]}"
  start_proc "$name" java "${JVM_AOT_ARGS[@]}" "${args[@]}"
  echo "$CC_PACKAGE_ID" > "$DATA/run/$name.package"
  wait_port_later "$name" "$port" "$LAST_PID" 60 "$DATA/logs/$name.log"
}

# One chaincode lifecycle for every chaincode the scripts deploy (the registry's and the
# benchmark's reference chaincode): install a package on a region's peer, approve a definition
# for both regions, commit it, wait until both peers can call their chaincode servers.

install_package() { # org package-file package-id what : on every peer of the region
  local org=$1 file=$2 id=$3 what=$4 out peer port
  for peer in $(region_peers "$org"); do
    read -r port _ < <(peer_ports "$peer")
    # Read whole, then searched (a `| grep -q` pipe fails under pipefail when the CLI writes more after the match).
    grep -qF "$id" <<<"$(peer_cli_at "$port" "$org" lifecycle chaincode queryinstalled 2>/dev/null || true)" && continue
    # A busy peer may miss the query above; "already successfully installed" is then success.
    out=$(peer_cli_at "$port" "$org" lifecycle chaincode install "$file" 2>&1) || grep -qF "already successfully installed" <<<"$out" \
      || { echo "$out" >>"$DATA/logs/chaincode-deploy.log"; die "installing $what on $peer failed; see $DATA/logs/chaincode-deploy.log"; }
    echo "$out" >>"$DATA/logs/chaincode-deploy.log"
  done
}

# The sequence a definition <version> of <name> needs, or nothing when it is already committed.
definition_sequence() { # name version
  local committed
  committed=$(peer_cli chengdu lifecycle chaincode querycommitted -C "$CHANNEL" -n "$1" 2>/dev/null || true)
  if [[ -z "$committed" ]]; then echo 1; return 0; fi
  grep -qF "Version: $2," <<<"$committed" && return 0
  echo $(( $(sed -n 's/.*Sequence: \([0-9]*\),.*/\1/p' <<<"$committed") + 1 ))
}

# Each region approves the definition for its own package (a definition names no package, so the
# two may differ), then Chengdu commits it with both peers endorsing.
define_chaincode() { # name version sequence package-id-chengdu package-id-chongqing what
  local name=$1 version=$2 seq=$3 what=$6 policy readiness org id
  policy=$(endorsement_policy)
  readiness=$(commit_readiness "$name" "$version" "$seq" "$policy")
  for org in chengdu chongqing; do
    case $org in chengdu) id=$4;; chongqing) id=$5;; esac
    grep -qF "$(msp_of "$org"): true" <<<"$readiness" && continue
    approve_definition "$org" "$name" "$version" "$seq" "$policy" "$id" \
      || die "approving $what for $org failed; see $DATA/logs/chaincode-deploy.log"
  done
  commit_definition "$name" "$version" "$seq" "$policy" || die "committing $what failed; see $DATA/logs/chaincode-deploy.log"
  log "$what committed: sequence $seq, version $version, endorsement $ENDORSEMENT"
}

# "ChengduMSP: true/false" and "ChongqingMSP: ..." lines: which regions approved the definition.
commit_readiness() { # name version sequence policy
  peer_cli chengdu lifecycle chaincode checkcommitreadiness -C "$CHANNEL" -n "$1" \
    --version "$2" --sequence "$3" --signature-policy "$4" 2>/dev/null || true
}

# The region's admin approves the definition for the region (peer lifecycle approveformyorg).
approve_definition() { # org name version sequence policy package-id
  # shellcheck disable=SC2046
  with_orderer_retry "$DATA/logs/chaincode-deploy.log" peer_cli "$1" lifecycle chaincode approveformyorg \
    $(orderer_tls_args) -C "$CHANNEL" -n "$2" --version "$3" --package-id "$6" \
    --sequence "$4" --signature-policy "$5" --waitForEvent
}

# Commits an approved definition, both regions' peers endorsing the commit.
commit_definition() { # name version sequence policy
  # shellcheck disable=SC2046
  with_orderer_retry "$DATA/logs/chaincode-deploy.log" peer_cli chengdu lifecycle chaincode commit \
    $(orderer_tls_args) -C "$CHANNEL" -n "$1" --version "$2" --sequence "$3" --signature-policy "$4" \
    --peerAddresses "$(region_host chengdu):$PEER_CD_PORT" --tlsRootCertFiles "$DATA/orgs/chengdu/msp/tlscacerts/ca.pem" \
    --peerAddresses "$(region_host chongqing):$PEER_CQ_PORT" --tlsRootCertFiles "$DATA/orgs/chongqing/msp/tlscacerts/ca.pem" \
    --waitForEvent
}

# Both peers must reach their region's chaincode server before the chaincode counts as ready.
wait_chaincode_callable() { # name server-process-prefix what
  local name=$1 prefix=$2 what=$3 org deadline=$((SECONDS + 60))
  for org in chengdu chongqing; do
    until peer_cli "$org" chaincode query -C "$CHANNEL" -n "$name" \
          -c '{"function":"org.hyperledger.fabric:GetMetadata","Args":[]}' >/dev/null 2>>"$DATA/logs/chaincode-deploy.log"; do
      proc_alive "$prefix-$org" || die "the $what server of $org exited; see $DATA/logs/$prefix-$org.log"
      (( SECONDS < deadline )) || die "peer0-$org cannot call its $what server (60 s); see $DATA/logs/chaincode-deploy.log, peer0-$org.log and $prefix-$org.log"
      sleep 1
    done
  done
}

network_chaincode() {
  chaincode_package
  log "chaincode $CC_NAME version $CC_VERSION (package $CC_LABEL, endorsement $ENDORSEMENT)"
  install_package chengdu "$CC_PACKAGE" "$CC_PACKAGE_ID" "the chaincode"
  install_package chongqing "$CC_PACKAGE" "$CC_PACKAGE_ID" "the chaincode"
  chaincode_server_start chengdu "$CC_CD_PORT"
  chaincode_server_start chongqing "$CC_CQ_PORT"
  wait_pending
  local seq; seq=$(definition_sequence "$CC_NAME" "$CC_VERSION")
  if [[ -z "$seq" ]]; then
    log "chaincode definition $CC_VERSION already committed"
  else
    define_chaincode "$CC_NAME" "$CC_VERSION" "$seq" "$CC_PACKAGE_ID" "$CC_PACKAGE_ID" "the chaincode definition"
  fi
  wait_chaincode_callable "$CC_NAME" chaincode "chaincode"
}
