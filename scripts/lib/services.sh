# The regional services: one Spring Boot process per region (client/target/registry-service.jar),
# on 127.0.0.1 (or its region's address, region_host), connected to its own region's peer and CA. Sourced by start.sh, test.sh and
# service.sh; needs DATA, PORT_BASE and the network's variables (network_setup_vars).

source "$ROOT/scripts/lib/evm.sh"

SERVICE_JAR="$ROOT/client/target/registry-service.jar"
SERVICE_REGIONS=(chengdu chongqing)

service_port() { case $1 in chengdu) echo "$SERVICE_CD_PORT";; chongqing) echo "$SERVICE_CQ_PORT";; esac; }
service_code() { case $1 in chengdu) echo CD;; chongqing) echo CQ;; esac; }
service_msp()  { case $1 in chengdu) echo ChengduMSP;; chongqing) echo ChongqingMSP;; esac; }
service_ca_port() { case $1 in chengdu) echo "$CA_CD_PORT";; chongqing) echo "$CA_CQ_PORT";; esac; }
service_peer_port() { case $1 in chengdu) echo "$PEER_CD_PORT";; chongqing) echo "$PEER_CQ_PORT";; esac; }
service_admin() { local c; c=$(service_code "$1"); echo "${c,,}-admin"; }

# DATA/service-<region>.yml (the service's typed configuration), its data folder, and the
# bootstrap administrator's password (0600); the consortium pepper is shared by both regions.
service_config() { # region
  local org=$1 dir="$DATA/service/$1"
  mkdir -p "$dir"
  [[ -f "$dir/admin.password" ]] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/admin.password")
  # The master secret lives apart from the encrypted account keys (secrets/, not service/): a copy
  # of the service's data folder alone opens no key. A folder from before keeps its secret, moved.
  mkdir -p "$DATA/secrets/$org" && chmod 700 "$DATA/secrets" "$DATA/secrets/$org"
  [[ -f "$dir/master.secret" && ! -f "$DATA/secrets/$org/master.secret" ]] && mv "$dir/master.secret" "$DATA/secrets/$org/master.secret"
  [[ -f "$DATA/consortium.pepper" ]] || (umask 077; head -c 32 /dev/urandom | base64 > "$DATA/consortium.pepper")
  # Each region keeps its own copy of the pepper both agreed on, beside its master secret: in the
  # split layout a region's service reads only its region's folders.
  cmp -s "$DATA/consortium.pepper" "$DATA/secrets/$org/consortium.pepper" \
    || install -m 600 "$DATA/consortium.pepper" "$DATA/secrets/$org/consortium.pepper"
  cat > "$DATA/service-$org.yml.tmp" <<YML
# Written by scripts/start.sh: the regional service of $org (see client/.../ServiceProperties).
server:
  address: $(region_host "$org")
  port: $(service_port "$org")
registry:
  region: $org
  region-code: $(service_code "$org")
  msp-id: $(service_msp "$org")
  channel: $CHANNEL
  chaincode: $CC_NAME
  peer:
    endpoint: $(region_host "$org"):$(service_peer_port "$org")
    host-alias: $(node_name "peer0-$org")
    tls-ca-cert: $DATA/orgs/$org/msp/tlscacerts/ca.pem
  ca:
    url: https://$(region_host "$org"):$(service_ca_port "$org")
    name: ca-$org
    certificate: $DATA/ca/$org/ca-cert.pem
    registrar-msp: $DATA/users/$org/registrar/msp
  data-dir: $dir
  attestation-msp: $DATA/users/$org/attestation/msp
  pepper-file: $DATA/secrets/$org/consortium.pepper
  master-secret-file: $DATA/secrets/$org/master.secret
  limits:
    public-requests: ${PUBLIC_REQUEST_LIMIT:-300}
    public-period-seconds: ${PUBLIC_REQUEST_PERIOD_SECONDS:-10}
  admin:
    account: $(service_admin "$org")
    password-file: $dir/admin.password
$(evm_service_yaml)
YML
  mv "$DATA/service-$org.yml.tmp" "$DATA/service-$org.yml"
  # What the configuration was made from, so that scripts/service.sh restarting one service later
  # (without start.sh's environment) writes the same configuration (service_settings_restore).
  {
    echo "CHECKPOINT_INTERVAL_SECONDS=${CHECKPOINT_INTERVAL_SECONDS:-600}"
    echo "CHECKPOINT_RECORDS=${CHECKPOINT_RECORDS:-1000}"
    echo "CHECKPOINT_AUTO=${CHECKPOINT_AUTO:-true}"
    echo "PUBLIC_REQUEST_LIMIT=${PUBLIC_REQUEST_LIMIT:-300}"
    echo "PUBLIC_REQUEST_PERIOD_SECONDS=${PUBLIC_REQUEST_PERIOD_SECONDS:-10}"
  } > "$DATA/service-settings.env"
}

# For one service started or restarted on its own: the settings the network was started with,
# each unless the environment sets it now.
service_settings_restore() {
  [[ -f "$DATA/service-settings.env" ]] || return 0
  local key value
  while IFS='=' read -r key value; do
    [[ $key =~ ^[A-Z_]+$ ]] || continue
    [[ -n ${!key+x} ]] || export "$key=$value"
  done < "$DATA/service-settings.env"
}

service_url() { echo "http://$(region_host "$1"):$(service_port "$1")"; }

# Waits until the service reports ready (its peer answers), or it dies, or the timeout passes
# (SERVICE_READY_SECONDS, 300 by default: a Spring start of 19 s on a quiet 2-core machine took
# 125-140 s on one shared with other builds).
service_wait_ready() { # region pid timeout
  local org=$1 pid=$2 timeout=$3 waited=0 url; url="$(service_url "$1")/actuator/health/readiness"
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "ERROR: service-$org exited during start; last lines of $DATA/logs/service-$org.log:" >&2
      tail -n 25 "$DATA/logs/service-$org.log" >&2 || true
      return 1
    fi
    sleep 0.5; waited=$((waited + 1))
    if (( waited > timeout * 2 )); then
      echo "ERROR: service-$org was not ready at $url within ${timeout}s; see $DATA/logs/service-$org.log" >&2
      return 1
    fi
  done
}

# Starts the service unless it runs; sets SERVICE_PID (empty if it was running already).
service_launch() { # region
  local org=$1 name="service-$1" port
  port=$(service_port "$org")
  SERVICE_PID=""
  if proc_alive "$name"; then return 0; fi
  [[ -f "$SERVICE_JAR" ]] || die "$SERVICE_JAR is missing: build it with 'mvn -q -DskipTests install' (start.sh does this)"
  check_ports_free "$port"
  service_config "$org"
  # The service runs a copy, so rebuilding client/target never changes a running service's jar.
  # One copy per region (renamed into place), so restarting both regions at once never races.
  # Copied only when it changed, and then extracted (Spring Boot's jarmode=tools): a plain
  # class path is what the JVM's AOT cache can hold (jvm_aot_args); a new jar drops the cache.
  local dir="$DATA/service/$org" jar="$DATA/service/$org/registry-service.jar"
  if ! cmp -s "$SERVICE_JAR" "$jar" || [[ ! -f "$dir/app/registry-service.jar" ]]; then
    cp "$SERVICE_JAR" "$jar.tmp" && mv "$jar.tmp" "$jar"
    rm -rf "$dir/app" "$dir/$name.aot" "$dir/$name.aotconf"
    java -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >>"$DATA/logs/$name.log" 2>&1 \
      || die "could not extract $jar for service-$org; see $DATA/logs/$name.log"
  fi
  local -a args=(-Xms64m -Xmx768m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -jar "$dir/app/registry-service.jar")
  jvm_aot_args "$name" "$dir" "${args[@]}"
  start_proc "$name" java "${JVM_AOT_ARGS[@]}" "${args[@]}" \
    "--spring.config.additional-location=file:$DATA/service-$org.yml"
  SERVICE_PID=$LAST_PID
}

service_start() { # region
  service_launch "$1"
  [[ -z "$SERVICE_PID" ]] || service_wait_ready "$1" "$SERVICE_PID" "${SERVICE_READY_SECONDS:-300}"
}

# DATA/services.properties: where the services are and who their administrators are, for
# the end-to-end tests and the CLI (scripts/registry-cli.sh --region NAME).
write_services_properties() {
  {
    echo "# Written by scripts/start.sh for the services of the network in $DATA"
    echo "regions=$(IFS=,; echo "${SERVICE_REGIONS[*]}")"
    local org
    for org in "${SERVICE_REGIONS[@]}"; do
      echo "$org.url=$(service_url "$org")"
      echo "$org.regionCode=$(service_code "$org")"
      echo "$org.adminAccount=$(service_admin "$org")"
      echo "$org.adminPasswordFile=$DATA/service/$org/admin.password"
      echo "$org.config=$DATA/service-$org.yml"
    done
  } > "$DATA/services.properties.tmp"
  mv "$DATA/services.properties.tmp" "$DATA/services.properties"
}

services_up() {
  services_launch
  services_wait
}

# Both start at once (a JVM start is mostly single-threaded), then both must become ready.
declare -A SERVICE_PIDS=()
services_launch() {
  log "regional services (Chengdu, Chongqing)"
  local org
  for org in "${SERVICE_REGIONS[@]}"; do
    [[ -n "${SERVICE_PIDS[$org]:-}" ]] && continue
    service_launch "$org"; SERVICE_PIDS[$org]=${SERVICE_PID:-running}
  done
}

services_wait() {
  local org pid
  for org in "${SERVICE_REGIONS[@]}"; do
    pid=${SERVICE_PIDS[$org]:-running}
    [[ "$pid" == running ]] || service_wait_ready "$org" "$pid" "${SERVICE_READY_SECONDS:-300}"
  done
  SERVICE_PIDS=()
  write_services_properties
}

# The region registry starts empty; locally, both bureaus propose their regions with their
# attestation certificates and approve each other's (the stand-in for two bureaus agreeing).
services_bootstrap_registry() {
  if services_registry_bootstrapped; then
    log "region registry: both regions registered with their divisions (read through service-chengdu): nothing to do"
    return 0
  fi
  CDCQ_SERVICES="$DATA/services.properties" "$ROOT/scripts/registry-cli.sh" bootstrap-regions >>"$DATA/logs/bootstrap.log" 2>&1 \
    || { tail -n 20 "$DATA/logs/bootstrap.log" >&2; die "bootstrapping the region registry failed; see $DATA/logs/bootstrap.log"; }
}

# Whether both regions are registered and each covers its divisions (what bootstrap-regions
# would otherwise find done), read with curl through Chengdu's service: every start after the
# first then skips the CLI's JVM start (~2 s). The password goes to curl on standard input, not
# on its command line (where ps would show it).
services_registry_bootstrapped() {
  local body code org
  body=$(curl -fsS --max-time 10 -K - "$(service_url chengdu)/api/v1/regions" 2>/dev/null \
           <<<"user = \"$(service_admin chengdu):$(cat "$DATA/service/chengdu/admin.password")\"") || return 1
  for org in "${SERVICE_REGIONS[@]}"; do
    code=$(service_code "$org")
    grep -qF "\"code\":\"$code\"" <<<"$body" || return 1
  done
  # One non-empty division list per region.
  (( $(grep -oF '"divisionPrefixes":["' <<<"$body" | wc -l) == ${#SERVICE_REGIONS[@]} ))
}

services_summary() {
  cat <<SUMMARY
  services   Chengdu  $(service_url chengdu)   Chongqing  $(service_url chongqing)
             API under /api/v1, OpenAPI UI at /swagger-ui.html, health /actuator/health, metrics /actuator/prometheus
             administrators: $(service_admin chengdu) / $(service_admin chongqing), passwords in $DATA/service/<region>/admin.password
             try: curl -u $(service_admin chengdu):\$(cat $DATA/service/chengdu/admin.password) $(service_url chengdu)/api/v1/regions
               or: CDCQ_DATA=$DATA scripts/registry-cli.sh --region chengdu regions
SUMMARY
}
