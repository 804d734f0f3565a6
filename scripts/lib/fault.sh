# Helpers of scripts/fault-test.sh: a certificate workload through the regional service's REST
# API (curl), kills and restarts of single processes by their PID files, the ledger checks after
# recovery, and the personal-data scan. Sourced after common.sh, network.sh and services.sh;
# needs DATA, BIN, the ports (network_setup_vars) and FAULT_WORK (this run's scratch folder).
#
# Test holders are synthetic: names "故障测试<serial>" and valid GB 11643-1999 resident ID
# numbers derived from the serial, so a request can be rebuilt (and retried with the same
# content) from its certificate number alone and no personal data is ever written to disk.

FAULT_NAME_PREFIX="故障测试"
# Every holder name the tests send: this run's and the end-to-end tests' (client/src/test/.../e2e).
FAULT_SCANNED_NAMES=("$FAULT_NAME_PREFIX" "测试工人" "凭证工人" "张伟" "张冒名")

china_today() { TZ=Asia/Shanghai date +%F; }

# GB 11643-1999 check character of 17 digits.
id_check_char() {
  local w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) m=10X98765432 s=0 i
  for i in $(seq 0 16); do s=$((s + ${1:i:1} * w[i])); done
  echo "${m:s % 11:1}"
}

holder_id() { # serial: a valid resident ID number (Chengdu district, birth 1970 + serial days)
  local birth; birth=$(date -u -d "1970-01-01 + $(( $1 % 15000 )) days" +%Y%m%d)
  local first17="510104${birth}$(printf %03d $(( $1 % 1000 )))"
  echo "$first17$(id_check_char "$first17")"
}

# S + body 0003 + province 51 + this run's site + year + level 4 + serial (6 digits).
cert_number() { printf 'S000351%06d%s4%06d' "$FAULT_SITE" "${FAULT_TODAY:2:2}" "$1"; }
cert_serial() { echo $((10#${1: -6})); }

cert_json() { # serial
  printf '{"number":"%s","occupation":"%s","level":4,"issueDate":"%s","holderName":"%s%d","holderIdNumber":"%s"}' \
    "$(cert_number "$1")" "$FAULT_OCCUPATION" "$FAULT_TODAY" "$FAULT_NAME_PREFIX" "$1" "$(holder_id "$1")"
}

batch_json() { # first-serial size
  local i sep="" out='{"certificates":['
  for ((i = $1; i < $1 + $2; i++)); do out+="$sep$(cert_json "$i")"; sep=,; done
  echo "$out]}"
}

now() { date +%s.%N | cut -c1-14; }

# api METHOD PATH [BODY] as the fault center: prints "status code" (code: the problem's `code`
# or the answer's `outcome`; "-" if none; status 000 when no answer came within 70 s).
api() {
  local method=$1 path=$2 body=${3:-} out status code
  out=$(mktemp "$FAULT_WORK/answer.XXXXXX")
  local -a data=()
  # The body goes through a file: one argument may not exceed 128 KiB (a batch of 1,000 is more).
  [[ -n "$body" ]] && { printf '%s' "$body" > "$out.body"; data=(-H 'Content-Type: application/json' --data-binary "@$out.body"); }
  status=$(curl -sS -o "$out" -w '%{http_code}' --max-time 70 -X "$method" -u "$FAULT_ACCOUNT:$FAULT_PASSWORD" \
    "${data[@]}" "$FAULT_URL$path" 2>/dev/null) || true
  [[ -n "$status" ]] || status=000
  code=$(jq -r '.code // .outcome // "-"' "$out" 2>/dev/null || echo -)
  rm -f "$out" "$out.body"
  echo "${status:-000} ${code:--}"
}

acknowledged() { [[ $1 == 200 || $1 == 201 ]]; }

# The public verification's verdict for a number. A 429 (the public rate limit, 300 per 10 s by
# default: case 4 checks a thousand and more in a row) is waited out as its Retry-After says.
public_verdict() { # number
  local out status attempt retry
  out=$(mktemp "$FAULT_WORK/verdict.XXXXXX")
  for ((attempt = 0; attempt < 10; attempt++)); do
    status=$(curl -sS -o "$out" -D "$out.headers" -w '%{http_code}' --max-time 30 \
      "$FAULT_URL/api/v1/public/certificates/$1/verification" 2>/dev/null) || status=000
    [[ $status == 429 ]] || break
    retry=$(awk -F': ' 'tolower($1) == "retry-after" { gsub(/\r/, "", $2); print $2 }' "$out.headers")
    sleep "${retry:-2}"
  done
  jq -r '.verdict // "?"' "$out" 2>/dev/null || echo "?"
  rm -f "$out" "$out.headers"
}

# One issuing client: single certificates (size 1) or batches of SIZE, serials from FIRST on,
# until STOPFILE exists, pausing FAULT_ERROR_PAUSE seconds (0.5) after an answer that is not an
# acknowledgement (the next request is a new certificate: what failed is retried by ledger_check).
# One line per certificate: start end kind number status code, where
# kind is "single" or "batch:<first serial>:<size>" (what a retry needs to rebuild the request).
issue_worker() { # first-serial size stopfile outfile
  local serial=$1 size=$2 stop=$3 out=$4 t0 t1 status code kind i
  while [[ ! -e "$stop" ]]; do
    t0=$(now)
    if (( size == 1 )); then
      read -r status code < <(api POST /api/v1/certificates "$(cert_json "$serial")")
      kind=single
    else
      read -r status code < <(api POST /api/v1/certificate-batches "$(batch_json "$serial" "$size")")
      kind="batch:$serial:$size"
    fi
    t1=$(now)
    for ((i = serial; i < serial + size; i++)); do
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$t0" "$t1" "$kind" "$(cert_number "$i")" "$status" "$code" >> "$out"
    done
    serial=$((serial + size))
    acknowledged "$status" || sleep "${FAULT_ERROR_PAUSE:-0.5}"
  done
}

# Starts WORKERS single-issue clients and one batch client (batches of 10) for case NAME; each
# case gets its own serial range (CASE_INDEX * 100000: clients 10,000 apart, the batch client
# from 90,000), or, with FIRST given, the range FIRST to FIRST + 29,999 (clients 5,000 apart, the
# batch client from FIRST + 25,000: for the cases added after every block was taken).
# Sets LOAD_PIDS, LOAD_LOG, LOAD_STOP.
# With FAULT_VOLUME (the volume form, docs/reliability.md) there are FAULT_BATCH_CLIENTS batch
# clients (default 1, at most 3) issuing batches of FAULT_BATCH_SIZE (default 10), from FIRST +
# 40,000 and 20,000 apart; the single-issue clients (at most 4) stay 10,000 apart.
load_start() { # case-index workers [first-serial]
  local base=$(( $1 * 100000 )) step=10000 batch=90000 w c
  local size=${FAULT_BATCH_SIZE:-10} clients=${FAULT_BATCH_CLIENTS:-1}
  [[ -n "${3:-}" ]] && base=$3 step=5000 batch=25000 clients=1
  LOAD_LOG="$FAULT_WORK/case$1.tsv"; LOAD_STOP="$FAULT_WORK/case$1.stop"
  : > "$LOAD_LOG"; rm -f "$LOAD_STOP"; LOAD_PIDS=()
  for ((w = 0; w < $2; w++)); do
    issue_worker $((base + w * step)) 1 "$LOAD_STOP" "$LOAD_LOG" & LOAD_PIDS+=($!)
  done
  if (( clients == 1 )); then
    issue_worker $((base + batch)) "$size" "$LOAD_STOP" "$LOAD_LOG" & LOAD_PIDS+=($!)
  else
    for ((c = 0; c < clients; c++)); do
      issue_worker $((base + 40000 + c * 20000)) "$size" "$LOAD_STOP" "$LOAD_LOG" & LOAD_PIDS+=($!)
    done
  fi
}

# The load before a kill: FAULT_VOLUME unset, SECONDS of it; set, until half the volume has been
# sent (certificates attempted, acknowledged or not), with a progress line every 10 s.
load_before_kill() { # seconds
  if [[ -z "${FAULT_VOLUME:-}" ]]; then sleep "$1"; return 0; fi
  load_until $(( FAULT_VOLUME / 2 ))
}

# The load after the restart: SECONDS of it, or until the whole volume has been sent.
load_after_restart() { # seconds
  if [[ -z "${FAULT_VOLUME:-}" ]]; then sleep "$1"; return 0; fi
  load_until "$FAULT_VOLUME"
}

load_until() { # certificates
  local n=0 last=$SECONDS deadline=$((SECONDS + 3600))
  while n=$(wc -l < "$LOAD_LOG") && (( n < $1 )); do
    (( SECONDS < deadline )) || die "the load reached $n of $1 certificates in an hour"
    (( SECONDS - last >= 10 )) && { log "  $n of $1 certificates sent ($(awk -F'\t' '$5 == 200 || $5 == 201' "$LOAD_LOG" | wc -l) acknowledged)"; last=$SECONDS; }
    sleep 1
  done
}

load_stop() { touch "$LOAD_STOP"; wait "${LOAD_PIDS[@]}" 2>/dev/null || true; LOAD_PIDS=(); }

# Seconds (one decimal) from T to the first acknowledged request that started at or after T.
first_ack_after() { # log t
  awk -F'\t' -v t="$2" '$1 >= t && ($5 == 200 || $5 == 201) { if (m == "" || $2 < m) m = $2 }
    END { if (m == "") print "never"; else printf "%.1f\n", m - t }' "$1"
}

# Seconds (one decimal) from T until a write is acknowledged: single certificates from serial FIRST
# on, one at a time (1 s apart after a refusal), for at most LIMIT seconds; "never" if none was.
# Each attempt is a line of LOG like the clients' requests, so ledger_check retries and checks it.
probe_ack() { # log t first-serial limit
  local log=$1 t=$2 serial=$3 limit=$4 t0 t1 status code
  while :; do
    t0=$(now)
    read -r status code < <(api POST /api/v1/certificates "$(cert_json "$serial")")
    t1=$(now)
    printf '%s\t%s\tsingle\t%s\t%s\t%s\n' "$t0" "$t1" "$(cert_number "$serial")" "$status" "$code" >> "$log"
    serial=$((serial + 1))
    if acknowledged "$status"; then awk -v a="$t1" -v b="$t" 'BEGIN { printf "%.1f\n", a - b }'; return 0; fi
    if awk -v a="$t1" -v b="$t" -v l="$limit" 'BEGIN { exit !(a - b >= l) }'; then echo never; return 0; fi
    sleep 1
  done
}

# first_ack_after LOG T, polled every 2 s for up to LIMIT seconds until it is not "never".
wait_first_ack() { # log t limit
  local recover deadline=$((SECONDS + $3))
  until recover=$(first_ack_after "$1" "$2") && [[ $recover != never ]]; do
    (( SECONDS < deadline )) || break; sleep 2
  done
  echo "$recover"
}

# Requests (counted once per request, not per certificate) that failed between T0 and T1, and
# their codes ("503/PEER_UNAVAILABLE:4 000/-:1").
errors_between() { # log t0 t1
  awk -F'\t' -v a="$2" -v b="$3" '$1 >= a && $1 <= b && $5 != 200 && $5 != 201 && !seen[$1 FS $3]++ { n++; c[$5 "/" $6]++ }
    END { s = ""; for (k in c) s = s " " k ":" c[k]; printf "%d%s\n", n, s }' "$1"
}

# Retries every request the service did not acknowledge, with the same content, until it is
# (3 tries); then checks every certificate the case touched on the ledger: its history must hold
# exactly one entry. Writes FAULT_WORK/check<case>.tsv; sets CHECK_* counts.
ledger_check() { # case-index
  local log="$FAULT_WORK/case$1.tsv" retried=0 unresolved=0 kind status code try first size number
  # How the retries were answered: 201 ISSUED (it had not landed) or 200 ALREADY_ISSUED (it had
  # landed, only the answer was lost), per request.
  local -A answered=()
  # Batches first (a batch is retried as the same batch), then single certificates.
  while read -r kind; do
    IFS=: read -r _ first size <<<"$kind"
    retried=$((retried + size))
    for try in 1 2 3; do
      read -r status code < <(api POST /api/v1/certificate-batches "$(batch_json "$first" "$size")")
      acknowledged "$status" && break
      sleep 2
    done
    answered["$status/$code"]=$(( ${answered["$status/$code"]:-0} + 1 ))
    acknowledged "$status" || { unresolved=$((unresolved + size)); log "retry of batch $kind still refused: $status $code"; }
  done < <(awk -F'\t' '$5 != 200 && $5 != 201 && $3 != "single" { print $3 }' "$log" | sort -u)
  while read -r number; do
    retried=$((retried + 1))
    for try in 1 2 3; do
      read -r status code < <(api POST /api/v1/certificates "$(cert_json "$(cert_serial "$number")")")
      acknowledged "$status" && break
      sleep 2
    done
    answered["$status/$code"]=$(( ${answered["$status/$code"]:-0} + 1 ))
    acknowledged "$status" || { unresolved=$((unresolved + 1)); log "retry of $number still refused: $status $code"; }
  done < <(awk -F'\t' '$5 != 200 && $5 != 201 && $3 == "single" { print $4 }' "$log" | sort -u)
  # Exactly once: the certificate's history on the ledger (valid transactions only) has one entry.
  local check="$FAULT_WORK/check$1.tsv" acked entries
  : > "$check"
  CHECK_ACKED=0 CHECK_LOST=0 CHECK_DOUBLED=0 CHECK_ONCE=0 CHECK_TOTAL=0 CHECK_UNREADABLE=0
  while IFS=$'\t' read -r number acked; do
    entries=$(history_entries "$number")
    printf '%s\t%s\t%s\n' "$number" "$acked" "$entries" >> "$check"
    CHECK_TOTAL=$((CHECK_TOTAL + 1))
    (( acked )) && CHECK_ACKED=$((CHECK_ACKED + 1))
    if [[ $entries == 1 ]]; then CHECK_ONCE=$((CHECK_ONCE + 1))
    elif [[ $entries == 0 ]]; then CHECK_LOST=$((CHECK_LOST + 1))
    elif [[ $entries =~ ^[0-9]+$ ]]; then CHECK_DOUBLED=$((CHECK_DOUBLED + 1))
    else CHECK_UNREADABLE=$((CHECK_UNREADABLE + 1)); fi
  done < <(awk -F'\t' '{ a[$4] = a[$4] || ($5 == 200 || $5 == 201) } END { for (n in a) print n "\t" (a[n] ? 1 : 0) }' "$log" | sort)
  CHECK_RETRIED=$retried CHECK_UNRESOLVED=$unresolved CHECK_RETRY_ANSWERS=""
  for kind in "${!answered[@]}"; do CHECK_RETRY_ANSWERS+="${CHECK_RETRY_ANSWERS:+ }$kind:${answered[$kind]}"; done
}

# Number of entries in a certificate's ledger history (0 if it was never issued; "?" on error).
history_entries() { # number
  local out status
  out=$(mktemp "$FAULT_WORK/history.XXXXXX")
  status=$(curl -sS -o "$out" -w '%{http_code}' --max-time 30 -u "$FAULT_ACCOUNT:$FAULT_PASSWORD" \
    "$FAULT_URL/api/v1/certificates/$1/history" 2>/dev/null) || true
  case $status in
    200) jq -r 'if type == "array" then length else (.entries // .history // []) | length end' "$out";;
    404) echo 0;;
    *) echo "?";;
  esac
  rm -f "$out"
}

# ------------------------------------------------------------------ killing and restarting

kill9() { # process name: SIGKILL to its process group, by the PID file start.sh wrote
  proc_alive "$1" || die "$1 is not running (no live PID in $DATA/run/$1.pid)"
  local pid; pid=$(proc_pid "$1")
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  # Reap it quietly when this shell started it (its own network), so bash prints no "Killed" line.
  wait "$pid" 2>/dev/null || true
  log "killed $1 (pid $pid) with SIGKILL"
}

peer_restart() { # org
  local -A msp=([chengdu]=ChengduMSP [chongqing]=ChongqingMSP)
  if [[ $1 == chengdu ]]; then
    peer_start chengdu ChengduMSP "$PEER_CD_PORT" "$PEER_CD_CC" "$PEER_CD_OPS" "$CC_CD_PORT"
  else
    peer_start chongqing ChongqingMSP "$PEER_CQ_PORT" "$PEER_CQ_CC" "$PEER_CQ_OPS" "$CC_CQ_PORT"
  fi
  wait_pending
  wait_gossip_membership chengdu "$PEER_CD_OPS"
  wait_gossip_membership chongqing "$PEER_CQ_OPS"
}

orderer_height() { # index
  { osnadmin "$1" list --channelID "$CHANNEL" 2>/dev/null || true; } | sed -n '/^{/,$p' | jq -r '.height // empty' 2>/dev/null || true
}

orderer_restart() { # index
  # shellcheck disable=SC2046
  orderer_start "$1" $(orderer_ports "$1")
  wait_pending
}

# ------------------------------------------------------------------ personal-data scan

# Builds network/fabric-tools/leveldump (a few lines of Go over goleveldb, Fabric's own LevelDB
# library) into the cache outside the repo, once per source and Go version, and prints its path.
# LevelDB compresses its table files with Snappy: scanned raw they hide what they hold, and
# their compressed bytes can look like a number (a false "mobile" once in CI). The scan reads
# the databases through it instead.
leveldump_bin() {
  local src="$ROOT/network/fabric-tools/leveldump" key out
  command -v go >/dev/null || die "the personal-data scan needs Go to build its LevelDB reader (scripts/lib/prereqs.sh installs it unless FABRIC_BIN is set)"
  key=$(cat "$src/go.mod" "$src/go.sum" "$src/main.go" <(go env GOVERSION) | sha256sum | cut -c1-16)
  out="${CDCQ_CACHE:-$HOME/.cache/cdcq-labor-registry}/leveldump/$key/leveldump"
  if [[ ! -x "$out" ]]; then
    mkdir -p "$(dirname "$out")"
    (cd "$src" && GOFLAGS=-mod=readonly go build -trimpath -o "$out.tmp" . && mv "$out.tmp" "$out") >&2 \
      || die "building the LevelDB reader (network/fabric-tools/leveldump) failed (output above)"
  fi
  echo "$out"
}

# Prints every hit in the files given (one "file<TAB>kind<TAB>value" line): resident ID numbers
# (18 characters, real birth date, GB 11643 check character right), mobile numbers (11 digits,
# 13x-19x), and the test holders' names. Digits inside longer runs of letters or digits (hashes,
# certificate numbers, base64) are not candidates.
pii_scan() { # files...
  local names; names=$(mktemp "$FAULT_WORK/names.XXXXXX")
  printf '%s\n' "${FAULT_SCANNED_NAMES[@]}" > "$names"
  local f v
  for f in "$@"; do
    while read -r v; do
      [[ $(id_check_char "${v:0:17}") == "${v:17:1}" ]] || continue
      date -u -d "${v:6:8}" >/dev/null 2>&1 || continue
      printf '%s\tresident-id\t%s\n' "$f" "${v:0:6}********${v:14:4}"
    done < <(LC_ALL=C grep -aoP '(?<![0-9A-Za-z+/])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X](?![0-9A-Za-z+/])' "$f" || true)
    while read -r v; do
      printf '%s\tmobile\t%s****%s\n' "$f" "${v:0:3}" "${v:7:4}"
    done < <(LC_ALL=C grep -aoP '(?<![0-9A-Za-z+/.])1[3-9][0-9]{9}(?![0-9A-Za-z+/])' "$f" || true)
    while read -r v; do printf '%s\tname\t%s\n' "$f" "$v"; done < <(LC_ALL=C grep -aoF -f "$names" "$f" || true)
  done
  rm -f "$names"
}

chaincode_restart() { # org: the chaincode server again, same package id and jar (from what start.sh recorded)
  local org=$1 name="chaincode-$1" jar port
  CC_PACKAGE_ID=$(cat "$DATA/run/$name.package") || die "no $DATA/run/$name.package: cannot tell the package id of $name"
  jar=$(awk '{ for (i = 2; i <= NF; i++) if ($i == "-jar") print $(i + 1) }' "$DATA/run/$name.pid")
  [[ -f "$jar" ]] || die "cannot find the jar of $name in $DATA/run/$name.pid"
  CC_LABEL=$(basename "$(dirname "$jar")")
  if [[ $org == chengdu ]]; then port=$CC_CD_PORT; else port=$CC_CQ_PORT; fi
  chaincode_server_start "$org" "$port"
  wait_pending
}

service_restart() { # region: the regional service again on the same data, until it reports ready
  service_start "$1" || die "service-$1 did not come back; see $DATA/logs/service-$1.log"
}

# Failed requests (once per request) whose answer does not say "retry": anything but a 503 (which
# carries Retry-After), no answer at all (000: the connection was refused or cut), or a 409
# MVCC_CONFLICT (a lost race, retryable). Prints "count code:n ...".
not_retryable_errors() { # log
  awk -F'\t' '$5 != 200 && $5 != 201 && $5 != 503 && $5 != "000" && !($5 == 409 && $6 == "MVCC_CONFLICT") && !seen[$1 FS $3]++ { n++; c[$5 "/" $6]++ }
    END { s = ""; for (k in c) s = s " " k ":" c[k]; printf "%d%s\n", n, s }' "$1"
}

# One issue now, its answer's status, code and detail ("status<TAB>code<TAB>detail").
probe_issue() { # serial
  local out status
  out=$(mktemp "$FAULT_WORK/probe.XXXXXX")
  status=$(curl -sS -o "$out" -w '%{http_code}' --max-time 70 -X POST -u "$FAULT_ACCOUNT:$FAULT_PASSWORD" \
    -H 'Content-Type: application/json' --data-binary "$(cert_json "$1")" "$FAULT_URL/api/v1/certificates" 2>/dev/null) || true
  printf '%s\t%s\t%s\n' "${status:-000}" "$(jq -r '.code // .outcome // "-"' "$out" 2>/dev/null || echo -)" \
    "$(jq -r '.detail // ""' "$out" 2>/dev/null | tr '\t\n' '  ' | cut -c1-300)"
  rm -f "$out"
}
