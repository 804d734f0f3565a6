# Chaincode as a service: package (only a connection.json; the code runs as our own
# `java -jar` process per region), install on both peers, approve by both orgs, commit,
# start the chaincode servers, wait until both peers can call them. Idempotent: an unchanged
# jar (the build is reproducible) gives the same package and definition, so nothing changes.

CC_JAR="$ROOT/chaincode/contract/target/registry-chaincode.jar"

orderer_tls_args() { echo -o "127.0.0.1:$ORDERER0_PORT" --tls --cafile "$DATA/orgs/orderer/msp/tlscacerts/ca.pem"; }

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
  CC_VERSION="$jarhash-${ENDORSEMENT,,}"
  CC_LABEL="${CC_NAME}_$jarhash"
  local dir="$DATA/chaincode/$CC_LABEL"
  CC_PACKAGE="$dir/$CC_LABEL.tar.gz"
  if [[ ! -f "$CC_PACKAGE" ]]; then
    rm -rf "$dir"; mkdir -p "$dir/src"
    printf '{"address":"@CHAINCODE_ADDRESS@","dial_timeout":"10s","tls_required":false}\n' > "$dir/src/connection.json"
    printf '{"type":"ccaas","label":"%s"}\n' "$CC_LABEL" > "$dir/src/metadata.json"
    # Deterministic tar (sorted, fixed times and owners, gzip without a timestamp): the
    # same jar always gives the same package id.
    local tarflags=(--sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner)
    tar "${tarflags[@]}" -C "$dir/src" -cf - connection.json | gzip -n > "$dir/code.tar.gz"
    tar "${tarflags[@]}" -C "$dir" -cf - code.tar.gz -C "$dir/src" metadata.json | gzip -n > "$CC_PACKAGE.tmp"
    mv "$CC_PACKAGE.tmp" "$CC_PACKAGE"
  fi
  CC_PACKAGE_ID="$CC_LABEL:$(sha256sum "$CC_PACKAGE" | cut -d' ' -f1)"
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
  local jar="$DATA/chaincode/$CC_LABEL/registry-chaincode.jar"
  [[ -f "$jar" ]] || { cp "$CC_JAR" "$jar.tmp" && mv "$jar.tmp" "$jar"; }
  PROC_ENV=(CORE_CHAINCODE_ID_NAME="$CC_PACKAGE_ID" CHAINCODE_SERVER_ADDRESS="127.0.0.1:$port"
            CORE_CHAINCODE_LOGGING_LEVEL=info CORE_CHAINCODE_LOGGING_SHIM=warning)
  start_proc "$name" java -Xms64m -Xmx512m -XX:+UseSerialGC -jar "$jar"
  echo "$CC_PACKAGE_ID" > "$DATA/run/$name.package"
  wait_port "$name" "$port" "$LAST_PID" 60 "$DATA/logs/$name.log"
}

network_chaincode() {
  chaincode_package
  log "chaincode $CC_NAME version $CC_VERSION (package $CC_LABEL, endorsement $ENDORSEMENT)"
  local org
  for org in chengdu chongqing; do
    if ! peer_cli "$org" lifecycle chaincode queryinstalled 2>/dev/null | grep -qF "$CC_PACKAGE_ID"; then
      peer_cli "$org" lifecycle chaincode install "$CC_PACKAGE" >>"$DATA/logs/chaincode-deploy.log" 2>&1 \
        || die "installing the chaincode on peer0-$org failed; see $DATA/logs/chaincode-deploy.log"
    fi
  done
  chaincode_server_start chengdu "$CC_CD_PORT"
  chaincode_server_start chongqing "$CC_CQ_PORT"

  local committed seq=1
  committed=$(peer_cli chengdu lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>/dev/null || true)
  if [[ -n "$committed" ]]; then
    if grep -qF "Version: $CC_VERSION," <<<"$committed"; then
      log "chaincode definition $CC_VERSION already committed"
    else
      seq=$(( $(sed -n 's/.*Sequence: \([0-9]*\),.*/\1/p' <<<"$committed") + 1 ))
      committed=""
    fi
  fi
  if [[ -z "$committed" ]]; then
    local policy; policy=$(endorsement_policy)
    for org in chengdu chongqing; do
      # shellcheck disable=SC2046
      peer_cli "$org" lifecycle chaincode approveformyorg $(orderer_tls_args) -C "$CHANNEL" -n "$CC_NAME" \
        --version "$CC_VERSION" --package-id "$CC_PACKAGE_ID" --sequence "$seq" \
        --signature-policy "$policy" --waitForEvent >>"$DATA/logs/chaincode-deploy.log" 2>&1 \
        || die "approving the chaincode definition for $org failed; see $DATA/logs/chaincode-deploy.log"
    done
    # shellcheck disable=SC2046
    peer_cli chengdu lifecycle chaincode commit $(orderer_tls_args) -C "$CHANNEL" -n "$CC_NAME" \
      --version "$CC_VERSION" --sequence "$seq" --signature-policy "$policy" \
      --peerAddresses "127.0.0.1:$PEER_CD_PORT" --tlsRootCertFiles "$DATA/orgs/chengdu/msp/tlscacerts/ca.pem" \
      --peerAddresses "127.0.0.1:$PEER_CQ_PORT" --tlsRootCertFiles "$DATA/orgs/chongqing/msp/tlscacerts/ca.pem" \
      --waitForEvent >>"$DATA/logs/chaincode-deploy.log" 2>&1 \
      || die "committing the chaincode definition failed; see $DATA/logs/chaincode-deploy.log"
    log "chaincode definition committed: sequence $seq, version $CC_VERSION"
  fi

  # Both peers must reach their region's chaincode server before we call the network ready.
  for org in chengdu chongqing; do
    local tries=0
    until peer_cli "$org" chaincode query -C "$CHANNEL" -n "$CC_NAME" \
          -c '{"function":"org.hyperledger.fabric:GetMetadata","Args":[]}' >/dev/null 2>>"$DATA/logs/chaincode-deploy.log"; do
      tries=$((tries + 1))
      proc_alive "chaincode-$org" || die "the chaincode server of $org exited; see $DATA/logs/chaincode-$org.log"
      (( tries < 20 )) || die "peer0-$org cannot call its chaincode server at 127.0.0.1; see $DATA/logs/peer0-$org.log and $DATA/logs/chaincode-$org.log"
      sleep 1
    done
  done
}
