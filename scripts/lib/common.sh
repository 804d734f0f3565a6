# Shared helpers for the project's scripts: logging, ports, processes started and stopped by PID.
# Sourced, never run. Every listener the scripts start binds to 127.0.0.1, or in the split layout
# to its region's loopback address (127.0.1.1, 127.0.2.1, 127.0.3.1; load_layout).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export ROOT

log()  { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Java 21 or later for Maven and every process the scripts start (scripts/lib/jdk.sh).
source "$ROOT/scripts/lib/jdk.sh"

# Port layout (on 127.0.0.1, or each region's own address in the split layout), as offsets from PORT_BASE (7000 for start.sh, 27000 for test.sh).
set_ports() {
  local b=$1
  load_layout
  CA_CD_PORT=$((b + 100));  CA_CD_OPS=$((b + 101))
  CA_CQ_PORT=$((b + 110));  CA_CQ_OPS=$((b + 111))
  CA_ORD_PORT=$((b + 120)); CA_ORD_OPS=$((b + 121))
  ORDERER0_PORT=$((b + 200)); ORDERER0_ADMIN=$((b + 201)); ORDERER0_OPS=$((b + 202))
  ORDERER1_PORT=$((b + 210)); ORDERER1_ADMIN=$((b + 211)); ORDERER1_OPS=$((b + 212))
  ORDERER2_PORT=$((b + 220)); ORDERER2_ADMIN=$((b + 221)); ORDERER2_OPS=$((b + 222))
  PEER_CD_PORT=$((b + 300)); PEER_CD_CC=$((b + 301)); PEER_CD_OPS=$((b + 302))
  PEER_CQ_PORT=$((b + 310)); PEER_CQ_CC=$((b + 311)); PEER_CQ_OPS=$((b + 312))
  CC_CD_PORT=$((b + 400)); CC_CQ_PORT=$((b + 410))
  SERVICE_CD_PORT=$((b + 500)); SERVICE_CQ_PORT=$((b + 510))
}

# Whether something listens on PORT, on any local address (the kernel's table of listening
# sockets, /proc/net/tcp and tcp6: no connection is made, so no server logs a dropped handshake).
# Any address, not only 127.0.0.1: in the split layout each region binds its own (region_host).
port_in_use() { [[ -n "$(listen_address_hex "$1")" ]]; } # port

# The kernel's hex form of the local address a listener on PORT is bound to; nothing when none is.
listen_address_hex() { # port
  awk -v p="$(printf '%04X' "$1")" '$4 == "0A" { split($2, l, ":"); if (l[2] == p) { print l[1]; exit } }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# The local address a listener on PORT is bound to (127.0.0.1 when none is, or when it listens on
# every address), for probes of this machine's own processes (metrics, readiness) in either layout.
listen_host() { # port
  local a; a=$(kernel_address "$(listen_address_hex "$1")")
  if [[ $a == *.* && $a != 0.0.0.0 ]]; then echo "$a"; else echo 127.0.0.1; fi
}

# An address as /proc/net/tcp and tcp6 write it (hex, in host byte order) in dotted form; an IPv4
# address in tcp6 (a Java listener's dual-stack socket, ::ffff:a.b.c.d) as IPv4; other IPv6 as is.
kernel_address() { # hex
  local a=$1
  [[ ${#a} == 32 && ${a:0:24} == 0000000000000000FFFF0000 ]] && a=${a:24:8}
  if [[ ${#a} == 8 ]]; then echo "$((16#${a:6:2})).$((16#${a:4:2})).$((16#${a:2:2})).$((16#${a:0:2}))"; else echo "$a"; fi
}

# ---------------------------------------------------------------- layout
# Where each region's processes listen, under which names, and as whom they run. One host (the
# default): everything on 127.0.0.1 as the user running the scripts. The split layout
# (scripts/split-test.sh, docs/deployment.md "The split test") is DATA/layout.env: each region
# its own loopback address (HOST_CD, HOST_CQ, HOST_JO), host names under NAME_DOMAIN in its TLS
# certificates, and its own Unix user (USER_CD, USER_CQ, USER_JO) owning its folders (region_paths),
# so that no region's process can read another region's files.
load_layout() {
  HOST_CD=127.0.0.1 HOST_CQ=127.0.0.1 HOST_JO=127.0.0.1 USER_CD="" USER_CQ="" USER_JO="" NAME_DOMAIN=""
  if [[ -n "${DATA:-}" && -f "$DATA/layout.env" ]]; then
    # shellcheck disable=SC1091
    source "$DATA/layout.env"
  fi
}
split_layout() { [[ -n "$NAME_DOMAIN" ]]; }

# The region a process, node or organization belongs to: chengdu, chongqing, joint (the joint
# office: the ordering organization's CA and admin, orderer2 and any added orderer), or nothing
# (the EVM node, a public chain, belongs to no region). orderer0 runs on Chengdu's hosts and
# orderer1 on Chongqing's (network/deploy/*.conf), though OrdererMSP's CA issued both.
region_of() { # name
  case $1 in
    orderer0) echo chengdu;;
    orderer1) echo chongqing;;
    *chengdu) echo chengdu;;
    *chongqing) echo chongqing;;
    orderer|*-orderer|orderer[0-9]*|joint) echo joint;;
    *) echo "";;
  esac
}
region_host() { # name: the address the region of NAME listens on
  case $(region_of "$1") in chengdu) echo "$HOST_CD";; chongqing) echo "$HOST_CQ";; joint) echo "$HOST_JO";; *) echo 127.0.0.1;; esac
}
region_user() { # name: the Unix user the region of NAME runs as (empty: the scripts' own)
  case $(region_of "$1") in chengdu) echo "$USER_CD";; chongqing) echo "$USER_CQ";; joint) echo "$USER_JO";; *) echo "";; esac
}
# A node's TLS host name: its process name on one host (peer0-chengdu), and in the split layout
# the name its region gives it (peer0.chengdu.cdcq.test, ca-orderer.joint.cdcq.test).
node_name() { # node
  if ! split_layout; then echo "$1"; return 0; fi
  local r; r=$(region_of "$1")
  echo "${1%-"$r"}.$r.$NAME_DOMAIN"
}
# The host list of a node's TLS certificate: its address and names.
tls_hosts() { # node
  if split_layout; then echo "$(region_host "$1"),$(node_name "$1")"; else echo "127.0.0.1,localhost,$1"; fi
}
# What a region's processes own in the split layout (each folder only its region's user may enter);
# the organizations' verifying MSPs (DATA/orgs), the channel's blocks and the binaries stay
# readable by all: they are what the regions hand each other (docs/deployment.md).
region_paths() { # region
  local r=$1 d
  case $r in
    chengdu|chongqing)
      # backups/peer0-REGION-BLOCK: a peer's snapshot kept by scripts/peer-restore.sh
      for d in "$DATA/ca/$r" "$DATA/ca/int-$r" "$DATA/ca/root-$r" "$DATA"/peers/peer[0-9]-"$r" "$DATA/chaincode-servers/$r" "$DATA"/chaincode/*/"$r" \
               "$DATA/service/$r" "$DATA/secrets/$r" "$DATA/users/$r" "$DATA/service-$r.yml" "$DATA/home/$r" \
               "$DATA"/backups/peer[0-9]-"$r"-*; do
        [[ -e "$d" ]] && echo "$d"
      done;;
    joint)
      for d in "$DATA/ca/orderer" "$DATA/users/orderer" "$DATA/home/joint"; do
        [[ -e "$d" ]] && echo "$d"
      done;;
  esac
  # The orderers of the region (orderer0 Chengdu's, orderer1 Chongqing's, the others the joint
  # office's), with what is left of a lost one (ordererN.lost-TIME, scripts/replace-orderer.sh).
  for d in "$DATA"/orderers/orderer[0-9]*; do
    [[ -e "$d" ]] || continue
    local base=${d##*/}
    [[ $(region_of "${base%%.*}") == "$r" ]] && echo "$d"
  done
  return 0
}
# Gives the region's user its folders (only it may enter them), just before one of its processes
# starts: what the scripts wrote there as root since (keys, configuration) becomes its own.
region_own() { # region
  local user p; user=$(region_user "$1")
  [[ -n "$user" ]] || return 0
  mkdir -p "$DATA/home/$1"
  while IFS= read -r p; do
    # The folders holding region folders (DATA/orderers, DATA/secrets, ...; some tools make them
    # 0700) must let every region pass through to its own: traversal only, no listing.
    [[ $(dirname "$p") == "$DATA" ]] || chmod go+x "$(dirname "$p")"
    chown -R "$user:$user" "$p"
    if [[ -d "$p" ]]; then chmod 700 "$p"; else chmod 600 "$p"; fi
  done < <(region_paths "$1")
}

# Waits until a TCP port accepts connections, or the process dies, or the timeout passes.
wait_port() { # name port pid timeout-seconds logfile
  local name=$1 port=$2 pid=$3 timeout=$4 logfile=$5 waited=0
  until port_in_use "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "ERROR: $name exited during start; last lines of $logfile:" >&2
      tail -n 15 "$logfile" >&2 || true
      return 1
    fi
    sleep 0.2; waited=$((waited + 1))
    if (( waited > timeout * 5 )); then
      echo "ERROR: $name did not open port $port within ${timeout}s; see $logfile" >&2
      return 1
    fi
  done
}

# Start several processes at once, then wait for all: wait_port_later records what wait_pending
# later waits for (each with wait_port's checks), so independent processes start in parallel.
PENDING_WAITS=()
wait_port_later() { PENDING_WAITS+=("$1|$2|$3|$4|$5"); } # name port pid timeout logfile
wait_pending() {
  local w n p pid t l
  for w in "${PENDING_WAITS[@]}"; do
    IFS='|' read -r n p pid t l <<<"$w"
    wait_port "$n" "$p" "$pid" "$t" "$l" || { PENDING_WAITS=(); return 1; }
  done
  PENDING_WAITS=()
}

# Processes: DATA/run/NAME.pid holds the PID, DATA/logs/NAME.log the output.
# A PID file is trusted only if the process still runs the command recorded with it, so a
# PID reused by the system after a crash is never signalled.
proc_alive() { # name
  local pidfile="$DATA/run/$1.pid" pid cmd
  [[ -f "$pidfile" ]] || return 1
  read -r pid cmd < "$pidfile" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 0
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$cmd"
}

proc_pid() { local pid _; read -r pid _ < "$DATA/run/$1.pid"; echo "$pid"; }

STARTED_THIS_RUN=()
# start_proc NAME COMMAND... : runs COMMAND in its own session (setsid) with the variables
# in the array PROC_ENV, output appended to DATA/logs/NAME.log; records PID and command line.
PROC_ENV=()
start_proc() {
  local name=$1; shift
  mkdir -p "$DATA/run" "$DATA/logs"
  local logfile="$DATA/logs/$name.log"
  echo "---- $(date -Is) starting: $*" >>"$logfile"
  # In the split layout a region's process runs as the region's user (setpriv: no PAM, no shell),
  # with a home of its own; the log file is opened here, by the scripts' user.
  local -a runas=()
  local user region
  user=$(region_user "$name")
  if [[ -n "$user" ]]; then
    region=$(region_of "$name")
    region_own "$region"
    runas=(setpriv --reuid="$user" --regid="$user" --clear-groups env HOME="$DATA/home/$region")
  fi
  setsid "${runas[@]}" env "${PROC_ENV[@]}" "$@" >>"$logfile" 2>&1 < /dev/null &
  local pid=$!
  PROC_ENV=()
  echo "$pid $*" > "$DATA/run/$name.pid"
  STARTED_THIS_RUN+=("$name")
  LAST_PID=$pid
}

stop_proc() { # name
  local name=$1 pidfile="$DATA/run/$1.pid" pid wait=10
  [[ -f "$pidfile" ]] || return 0
  # A JVM recording its classes for the AOT cache (jvm_aot_args) writes the recording as it
  # exits, which takes several seconds: it gets 40 s instead of 10.
  [[ -f "$DATA/run/$name.aotrecord" ]] && wait=40
  if proc_alive "$name"; then
    pid=$(proc_pid "$name")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((wait * 5))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name (pid $pid) ignored TERM for $wait s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$pidfile" "$DATA/run/$name.aotrecord"
}

# Sets JVM_AOT_ARGS for the JVM NAME whose command line (without "java") is the rest: JDK 24+
# ahead-of-time class loading and linking (JEP 483). A regional service alone starts in about
# 4 s with its cache instead of 9 (measured on this machine, Spring Boot with its jar extracted:
# classes of Spring's own nested-jar class loader are not cached). The first run records the
# classes it loads, written as it exits (DIR/NAME.aotconf, so a normal stop leaves it); the next
# start turns the recording into DIR/NAME.aot once (about 7 s) and every later start uses it.
# The files belong to the jar beside them: a new jar gets a new folder (chaincode) or removes
# them (service). The JVM ignores a cache it cannot use; a recording cut short (a kill -9) fails
# to become a cache and is recorded again. CDCQ_JVM_AOT=0 turns it off; older JDKs run without.
JAVA_MAJOR=""
jvm_aot_args() { # name dir java-args...
  local name=$1 dir=$2; shift 2
  JVM_AOT_ARGS=()
  [[ "${CDCQ_JVM_AOT:-1}" == 1 ]] || return 0
  [[ -n "$JAVA_MAJOR" ]] || JAVA_MAJOR=$(jdk_major "$(command -v java)")
  (( ${JAVA_MAJOR:-0} >= 24 )) 2>/dev/null || return 0
  local conf="$dir/$name.aotconf" cache="$dir/$name.aot"
  rm -f "$DATA/run/$name.aotrecord"
  if [[ ! -s "$cache" && -s "$conf" ]]; then
    log "$name: making its AOT cache from the classes its last run recorded (once)"
    if java -XX:AOTMode=create -XX:AOTConfiguration="$conf" -XX:AOTCache="$cache.tmp" "$@" \
        >>"$DATA/logs/$name.log" 2>&1 && [[ -s "$cache.tmp" ]]; then
      mv "$cache.tmp" "$cache"
    else
      log "$name: its recording did not make an AOT cache (see $DATA/logs/$name.log); it records again"
      rm -f "$cache.tmp"
    fi
    rm -f "$conf"
  fi
  if [[ -s "$cache" ]]; then
    JVM_AOT_ARGS=(-XX:AOTCache="$cache")
  else
    rm -f "$conf"
    JVM_AOT_ARGS=(-XX:AOTMode=record -XX:AOTConfiguration="$conf")
    mkdir -p "$DATA/run"
    : > "$DATA/run/$name.aotrecord"
  fi
}

# Stops every process with a PID file under DATA/run: clients of the network first (services,
# then peers and chaincode servers), then orderers, then CAs; each group in parallel.
stop_all() {
  [[ -d "$DATA/run" ]] || return 0
  stop_group service-chengdu service-chongqing
  stop_group peer0-chengdu peer0-chongqing peer1-chengdu peer1-chongqing chaincode-chengdu chaincode-chongqing reference-chengdu reference-chongqing
  stop_group orderer0 orderer1 orderer2 orderer3 orderer4
  stop_group ca-chengdu ca-chongqing ca-orderer
  local rest=() f
  for f in "$DATA"/run/*.pid; do [[ -e "$f" ]] && rest+=("$(basename "$f" .pid)"); done
  (( ${#rest[@]} == 0 )) || stop_group "${rest[@]}"
  return 0
}

# TERM to every named process at once, then wait for all (KILL after 10 s).
stop_group() {
  local name pid
  local -a names=() pids=()
  for name in "$@"; do
    [[ -f "$DATA/run/$name.pid" ]] || continue
    if proc_alive "$name"; then
      pid=$(proc_pid "$name")
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      names+=("$name"); pids+=("$pid")
    else
      rm -f "$DATA/run/$name.pid"
    fi
  done
  local i alive
  for _ in $(seq 1 50); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    (( alive )) || break
    sleep 0.2
  done
  for i in "${!names[@]}"; do
    pid=${pids[$i]}
    if kill -0 "$pid" 2>/dev/null; then
      log "${names[$i]} (pid $pid) ignored TERM for 10 s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped ${names[$i]} (pid $pid)"
    rm -f "$DATA/run/${names[$i]}.pid"
  done
}

# The Fabric binaries the network in DATA runs on: DATA/bin when the split test put them there
# (the build cache is in root's home, where the regions' users may not run them), else the cache.
network_bin() {
  if [[ -x "$DATA/bin/peer" ]]; then echo "$DATA/bin"; else "$ROOT/scripts/fabric-bin.sh"; fi
}

# Points the script at a network another script started and left running (--data DIR): its
# data folder, port base and endorsement policy, as that script recorded them.
adopt_running_network() { # data-dir
  DATA=$(cd "$1" && pwd) || die "no data folder $1"
  [[ -f "$DATA/network.properties" && -f "$DATA/services.properties" && -f "$DATA/port-base" ]] \
    || die "$DATA holds no running network with services (network.properties, services.properties, port-base); start one with scripts/start.sh or scripts/test.sh --keep"
  PORT_BASE=$(cat "$DATA/port-base")
  ENDORSEMENT=$(sed -n 's/^endorsement=//p' "$DATA/network.properties")
}
