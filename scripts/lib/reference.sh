# The benchmark's reference chaincode (chaincode/reference: raw put, get, putMany) next to the
# registry chaincode, through the same ccaas builder, the same endorsement policy and its own
# chaincode server per region. Sourced by scripts/bench.sh after network_up (needs its variables).
#
# Each region installs a package of its own whose connection.json names its own reference server
# (a chaincode definition does not name a package, so the two packages may differ); the
# builder still fills in the region's TLS root. Idempotent like network_chaincode.

REF_CC_NAME=reference
REF_CC_JAR="$ROOT/chaincode/reference/target/reference-chaincode.jar"

reference_port() { case $1 in chengdu) echo $((PORT_BASE + 420));; chongqing) echo $((PORT_BASE + 430));; esac; }

reference_package() { # org : sets REF_PACKAGE_FILE REF_PACKAGE_ID REF_LABEL
  local org=$1 jarhash; jarhash=$(sha256sum "$REF_CC_JAR" | cut -c1-12)
  REF_LABEL="${REF_CC_NAME}_$jarhash"
  local dir="$DATA/chaincode/$REF_LABEL-$org"
  rm -rf "$dir/src"; mkdir -p "$dir/src"
  printf '{"address":"127.0.0.1:%s","dial_timeout":"5s","tls_required":true,"client_auth_required":false,"root_cert":"@CHAINCODE_TLS_ROOT@"}\n' \
    "$(reference_port "$org")" > "$dir/src/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$REF_LABEL" > "$dir/src/metadata.json"
  local tarflags=(--sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner)
  tar "${tarflags[@]}" -C "$dir/src" -cf - connection.json | gzip -n > "$dir/code.tar.gz"
  tar "${tarflags[@]}" -C "$dir" -cf - code.tar.gz -C "$dir/src" metadata.json | gzip -n > "$dir/package.tar.gz"
  REF_PACKAGE_FILE="$dir/package.tar.gz"
  REF_PACKAGE_ID="$REF_LABEL:$(sha256sum "$REF_PACKAGE_FILE" | cut -d' ' -f1)"
  REF_VERSION="${jarhash}-${ENDORSEMENT,,}"
}

reference_server_start() { # org
  local org=$1 port name="reference-$1"; port=$(reference_port "$org")
  if proc_alive "$name"; then
    [[ "$(cat "$DATA/run/$name.package" 2>/dev/null)" == "$REF_PACKAGE_ID" ]] && return 0
    stop_proc "$name"
  fi
  check_ports_free "$port"
  local jar="$DATA/chaincode/$REF_LABEL-$org/reference-chaincode.jar"
  [[ -f "$jar" ]] || { cp "$REF_CC_JAR" "$jar.tmp" && mv "$jar.tmp" "$jar"; }
  # The same TLS server identity and shim settings as the region's registry chaincode server.
  local tls="$DATA/chaincode-servers/$org/tls"
  PROC_ENV=(CORE_CHAINCODE_ID_NAME="$REF_PACKAGE_ID" CHAINCODE_SERVER_ADDRESS="127.0.0.1:$port"
            CORE_PEER_TLS_ENABLED=true CORE_TLS_CLIENT_KEY_FILE="$tls/keystore/key.pem"
            CORE_TLS_CLIENT_CERT_FILE="$tls/signcerts/cert.pem"
            CORE_TLS_CLIENT_KEY_PATH="$tls/key.pem.b64" CORE_TLS_CLIENT_CERT_PATH="$tls/cert.pem.b64"
            CORE_PEER_TLS_ROOTCERT_FILE="$DATA/orgs/$org/msp/tlscacerts/ca.pem"
            CORE_CHAINCODE_LOGGING_LEVEL=warning CORE_CHAINCODE_LOGGING_SHIM=warning)
  start_proc "$name" java -Xms64m -Xmx256m -XX:+UseSerialGC -jar "$jar"
  echo "$REF_PACKAGE_ID" > "$DATA/run/$name.package"
  wait_port "$name" "$port" "$LAST_PID" 60 "$DATA/logs/$name.log"
}

reference_up() {
  [[ -f "$REF_CC_JAR" ]] || die "$REF_CC_JAR is missing: build it with 'mvn -q -DskipTests install' (bench.sh does this)"
  local org id_cd id_cq seq
  for org in chengdu chongqing; do
    reference_package "$org"
    install_package "$org" "$REF_PACKAGE_FILE" "$REF_PACKAGE_ID" "the reference chaincode"
    reference_server_start "$org"
    case $org in chengdu) id_cd=$REF_PACKAGE_ID;; chongqing) id_cq=$REF_PACKAGE_ID;; esac
  done
  seq=$(definition_sequence "$REF_CC_NAME" "$REF_VERSION")
  [[ -z "$seq" ]] || define_chaincode "$REF_CC_NAME" "$REF_VERSION" "$seq" "$id_cd" "$id_cq" "the reference chaincode"
  wait_chaincode_callable "$REF_CC_NAME" reference "reference chaincode"
}
