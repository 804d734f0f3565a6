#!/usr/bin/env bash
# The split test (docs/deployment.md, "The split test"): the whole system on this machine laid out
# as Chengdu, Chongqing and the joint office on hosts of their own. Each binds only its own
# loopback address (Chengdu 127.0.1.1, Chongqing 127.0.2.1, the joint office 127.0.3.1), its TLS
# certificates carry its own host names (peer0.chengdu.cdcq.test, ... no /etc/hosts: clients dial
# the address and check the name where Fabric lets them, as the regional service and the tests'
# Gateway do), and its processes run as its own Unix user (cdcq-chengdu, cdcq-chongqing,
# cdcq-joint) owning its folders, which no other user may enter: a process that tried to read
# another region's files would fail. The regions share only what the other must have (the
# verifying MSPs of DATA/orgs, the channel's genesis block, the binaries). Then:
#   1. every process runs as its region's user and listens only on its region's address;
#   2. a region's user cannot read another region's keys, and can read its own (the control);
#   3. the end-to-end suite (the full one, or a short form) passes against this network;
#   4. the operations procedures (restore by snapshot, chaincode upgrade, a peer and an orderer
#      added, TLS certificates rotated, a lost orderer replaced, a CA's offline root and online
#      intermediate) run by their scripts as on one host;
#   5. what each process has open under the data folder is its region's or the shared part.
# Results in DATA/split-results.tsv. Needs root (it creates the users and runs the processes as
# them; the test clients run as root, standing for the people of both regions).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/split-test.sh [--short | --its LIST] [--keep] [--help]
  --short   the short form (scripts/test.sh): CertificateServiceIT, JointMeasuresIT and ServiceIT
            (issue in one region and verify in the other, the shared blacklist, a service
            restarted by scripts/service.sh) instead of the whole end-to-end suite (~10 minutes)
  --its L   only the end-to-end test classes L (comma-separated, e.g. RevocationIT,TrustIT)
  --keep    leave the network running (stop it with CDCQ_DATA=<data folder> scripts/stop.sh)
Environment:
  SPLIT_PORT_BASE   first port of the layout (default 24000)
  CDCQ_SPLIT_DATA   data folder, wiped at the start (default .data/split)
Needs root: creates the Unix users cdcq-chengdu, cdcq-chongqing and cdcq-joint if missing.
USAGE
}
short=0 keep=0 its=""
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --short) short=1 its=CertificateServiceIT,JointMeasuresIT,ServiceIT; shift;;
    --its) its=${2:?--its needs a list of test classes}; [[ $its =~ ^[A-Za-z0-9_,]+$ ]] || { echo "--its: test class names separated by commas" >&2; exit 2; }; shift 2;;
    --keep) keep=1; shift;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2;;
  esac
done

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/prereqs.sh"
source "$ROOT/scripts/lib/network.sh"
source "$ROOT/scripts/lib/chaincode.sh"
source "$ROOT/scripts/lib/services.sh"
source "$ROOT/scripts/lib/interop.sh"
source "$ROOT/scripts/lib/build.sh"
(( EUID == 0 )) || die "the split test runs each region's processes as its own Unix user, which needs root (run it as root, as CI does)"
DATA=$(realpath -m "${CDCQ_SPLIT_DATA:-$ROOT/.data/split}")
PORT_BASE=${SPLIT_PORT_BASE:-24000}
started=$SECONDS

ensure_prereqs
ensure_node_interop
[[ -n "$its" && ! $its =~ PagesIT ]] || ensure_browser
if why=$(java_build_needed); then
  log "building the Java modules ($why)"
  java_build || die "the Maven build failed (output above)"
fi
FABRIC_BIN_CACHE=$("$ROOT/scripts/fabric-bin.sh")

stop_all
rm -rf "$DATA"
mkdir -p "$DATA" && chmod 755 "$DATA"
RESULTS="$DATA/split-results.tsv"
printf 'check\tsubject\texpected\tobserved\tresult\n' > "$RESULTS"
failures=0
record() { # check subject expected observed
  local r=ok
  [[ "$3" == "$4" ]] || { r=FAILED; failures=$((failures + 1)); log "FAILED: $1 of $2: expected $3, observed $4"; }
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$r" >> "$RESULTS"
}

cleanup() {
  local rc=$?
  if (( keep )); then
    log "split network left running (--keep): CDCQ_DATA=$DATA scripts/stop.sh"
  else
    log "stopping the split network"
    stop_all
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The layout: what each region's configuration would say on its own hosts (network/deploy/*.conf).
cat > "$DATA/layout.env" <<'LAYOUT'
# Written by scripts/split-test.sh: each region on its own address, names and Unix user (load_layout).
HOST_CD=127.0.1.1 HOST_CQ=127.0.2.1 HOST_JO=127.0.3.1
USER_CD=cdcq-chengdu USER_CQ=cdcq-chongqing USER_JO=cdcq-joint
NAME_DOMAIN=cdcq.test
LAYOUT
set_ports "$PORT_BASE"
for u in "$USER_CD" "$USER_CQ" "$USER_JO"; do
  id -u "$u" >/dev/null 2>&1 && continue
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$u" \
    || die "could not create the Unix user $u"
  log "created the Unix user $u"
done
as_user() { local u=$1; shift; setpriv --reuid="$u" --regid="$u" --clear-groups "$@"; }

# The binaries where every region's user may run them (the cache lives in root's home, which no
# other user may enter); hard links when the file system allows, copies otherwise.
if as_user "$USER_CD" test -x "$FABRIC_BIN_CACHE/peer"; then BIN=$FABRIC_BIN_CACHE
else
  mkdir -p "$DATA/bin"
  cp -l "$FABRIC_BIN_CACHE"/* "$DATA/bin/" 2>/dev/null || cp "$FABRIC_BIN_CACHE"/* "$DATA/bin/"
  chmod 755 "$DATA/bin" "$DATA"/bin/*
  BIN=$DATA/bin
fi
as_user "$USER_CD" test -x "$BIN/peer" || die "the region users cannot run $BIN/peer"
as_user "$USER_CD" test -x "$ROOT/network/ccaas-builder/bin/release" \
  || die "the region users cannot run $ROOT/network/ccaas-builder (the repository must be readable by all users; it is under $ROOT)"
as_user "$USER_CD" java -version >/dev/null 2>&1 || die "the region users cannot run $(command -v java)"

log "starting the split network in $DATA (ports from $PORT_BASE; Chengdu $HOST_CD, Chongqing $HOST_CQ, joint office $HOST_JO)"
export CHECKPOINT_INTERVAL_SECONDS=0 CHECKPOINT_RECORDS=0 CHECKPOINT_AUTO=false
export PUBLIC_REQUEST_LIMIT=${PUBLIC_REQUEST_LIMIT:-1000}
network_up
evm_up
services_up
evm_fund_services
services_bootstrap_registry
log "split network ready after $((SECONDS - started)) s"

# ---- 1. users and addresses of every process
# The local addresses PID listens on (its sockets in the kernel's tables, IPv4-mapped ones as IPv4).
listen_addresses() { # pid
  local pid=$1 fd link
  local -a inodes=()
  for fd in /proc/"$pid"/fd/*; do
    link=$(readlink "$fd" 2>/dev/null) || continue
    [[ $link == socket:\[*\] ]] && inodes+=("${link:8:-1}")
  done
  (( ${#inodes[@]} )) || return 0
  awk -v list="${inodes[*]}" 'BEGIN { n = split(list, a, " "); for (i = 1; i <= n; i++) want[a[i]] = 1 }
    $4 == "0A" && ($10 in want) { split($2, l, ":"); print l[1] }' /proc/net/tcp /proc/net/tcp6 |
  while read -r a; do kernel_address "$a"; done | sort -u | paste -sd, -
}
check_processes() { # phase
  local f name pid uid user want_user want_host got
  for f in "$DATA"/run/*.pid; do
    name=$(basename "$f" .pid)
    proc_alive "$name" || { record "$1: running" "$name" yes no; continue; }
    pid=$(proc_pid "$name")
    uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
    user=$(id -nu "$uid")
    want_user=$(region_user "$name"); want_user=${want_user:-root}
    want_host=$(region_host "$name")
    record "$1: Unix user" "$name" "$want_user" "$user"
    got=$(listen_addresses "$pid")
    record "$1: listens only on" "$name" "$want_host" "${got:-nothing}"
  done
}
check_processes started

# ---- 2. a region cannot read another's keys (and can read its own)
private_key() { # region: one private key file in its folders
  case $1 in
    chengdu) echo "$DATA/peers/peer0-chengdu/tls/keystore/key.pem";;
    chongqing) echo "$DATA/peers/peer0-chongqing/tls/keystore/key.pem";;
    joint) echo "$DATA/orderers/orderer2/tls/keystore/key.pem";;
  esac
}
for r in chengdu chongqing joint; do
  u=$(region_user "$r")
  for other in chengdu chongqing joint; do
    key=$(private_key "$other")
    [[ -f "$key" ]] || die "no key at $key"
    if as_user "$u" cat "$key" >/dev/null 2>&1; then got=readable; else got=refused; fi
    record "reads the key of $other" "$u" "$([[ $r == "$other" ]] && echo readable || echo refused)" "$got"
  done
  for other in chengdu chongqing joint; do
    [[ $r == "$other" ]] && continue
    while IFS= read -r p; do
      if [[ -d "$p" ]]; then as_user "$u" ls "$p" >/dev/null 2>&1 && got=readable || got=refused
      else as_user "$u" cat "$p" >/dev/null 2>&1 && got=readable || got=refused; fi
      record "enters the folders of $other" "$u:${p#"$DATA"/}" refused "$got"
    done < <(region_paths "$other")
  done
done

# ---- 3. the end-to-end suite against the split network
log "end-to-end tests against the split network: ${its:-the whole suite}"
e2e_started=$SECONDS
touch "$DATA/run/e2e.started"
(cd "$ROOT" && CDCQ_DATA="$DATA" mvn -B -ntp -pl client -am -Pe2e verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    ${its:+-Dit.test="$its"} -De2e.network="$DATA/network.properties" -De2e.services="$DATA/services.properties") \
  || die "end-to-end tests failed against the split network (Maven output above; logs in $DATA/logs)"
reports="$ROOT/client/target/failsafe-reports"
# Failsafe's summary of this run (written anew by every run: older than the start means none ran).
summary="$reports/failsafe-summary.xml" tests=0 classes=0
[[ -f "$summary" && "$summary" -nt "$DATA/run/e2e.started" ]] && tests=$(sed -n 's:.*<completed>\([0-9]*\)</completed>.*:\1:p' "$summary")
classes=$(find "$reports" -name 'TEST-*.xml' -newer "$DATA/run/e2e.started" | wc -l)
record "end-to-end tests ran and passed ($tests tests, $classes classes)" "${its:-the whole suite}" yes "$( (( ${tests:-0} > 0 )) && echo yes || echo no)"
log "end-to-end tests passed against the split network: $tests tests in $classes classes, $((SECONDS - e2e_started)) s"

# ---- 4. the procedures of docs/operations.md on the split network, each by its own script as on
# one host: a peer restored from a snapshot both regions' peers agree on; a chaincode definition
# both regions approve; a peer added to Chengdu (on Chengdu's address, as Chengdu's user); TLS
# certificates rotated; an ordering change the joint office alone may not make; an orderer added
# (the joint office's); a lost orderer replaced under load (fault-test.sh cases 15 and 16).
log "operations procedures on the split network: scripts/peer-restore.sh chongqing, scripts/fault-test.sh --cases 15,16"
ops_started=$SECONDS
if "$ROOT/scripts/peer-restore.sh" --data "$DATA" chongqing > "$DATA/logs/split-peer-restore.log" 2>&1; then got=yes; else got=no; fi
record "scripts/peer-restore.sh chongqing (join by snapshot)" "$(grep -o 'EQUAL: .* at block [0-9]*' "$DATA/logs/split-peer-restore.log" | tail -1)" yes "$got"
[[ $got == yes ]] || tail -n 20 "$DATA/logs/split-peer-restore.log" >&2
if "$ROOT/scripts/fault-test.sh" --cases 15,16 --data "$DATA" --out "$DATA/fault-results/operations" >&2; then got=yes; else got=no; fi
record "fault-test.sh --cases 15,16 (onboarding procedures, a lost orderer replaced)" \
  "$(grep -c $'\tpass$' "$DATA/fault-results/operations/results.tsv" 2>/dev/null || echo 0) checks passed" yes "$got"
# Chongqing's CA given an offline root and an online intermediate; the intermediate left running,
# so step 5 holds it to the same rules as Chongqing's other processes (its user, its address).
if "$ROOT/scripts/ca-intermediate.sh" --data "$DATA" --keep chongqing > "$DATA/logs/split-ca-intermediate.log" 2>&1; then got=yes; else got=no; fi
record "scripts/ca-intermediate.sh chongqing (a new root offline, an intermediate online)" \
  "$(grep -o 'config block [0-9]*' "$DATA/logs/split-ca-intermediate.log" | head -1)" yes "$got"
[[ $got == yes ]] || tail -n 20 "$DATA/logs/split-ca-intermediate.log" >&2
cp "$DATA/logs/split-ca-intermediate.log" "$DATA/fault-results/operations/work/ca-intermediate.log" 2>/dev/null || true
# Every signature of a channel update and every approval was made by the organization's own Unix
# user (scripts/lib/channel-config.sh region_sign, PEER_CLI_AS_REGION): none by root.
signatures=$(cat "$DATA"/fault-results/operations/work/onboarding/*.log "$DATA"/fault-results/operations/work/*.log 2>/dev/null \
  | grep 'signed by the admin of' || true)
signed=$(grep -c . <<<"$signatures" || true)
as_own=$(grep -c 'signed by the admin of [a-z]* (as cdcq-' <<<"$signatures" || true)
record "channel update signatures made as the signing organization's own user" "$as_own of $signed" \
  "$( (( signed > 0 )) && echo all || echo none)" "$( (( signed > 0 && as_own == signed )) && echo all || echo "$as_own of $signed")"
log "operations procedures on the split network: $((SECONDS - ops_started)) s"

# ---- 5. what each process has open under the data folder, after the suite and the procedures
# (the peer and the orderer the procedures added, and the replaced orderer, checked like the rest)
check_processes "after the tests"
shared_path() { # path: what every region may read (what the regions hand each other) and the logs
  case $1 in "$DATA"/orgs/*|"$DATA"/channel/*|"$DATA"/bin/*|"$DATA"/logs/*|"$DATA"/run/*) return 0;; esac
  return 1
}
for f in "$DATA"/run/*.pid; do
  name=$(basename "$f" .pid); r=$(region_of "$name")
  [[ -n "$r" ]] || continue
  proc_alive "$name" || continue
  pid=$(proc_pid "$name") foreign=0 opened=0
  while IFS= read -r link; do
    [[ $link == "$DATA"/* ]] || continue
    opened=$((opened + 1))
    shared_path "$link" && continue
    mine=0
    while IFS= read -r p; do [[ $link == "$p" || $link == "$p"/* ]] && mine=1; done < <(region_paths "$r")
    (( mine )) || { foreign=$((foreign + 1)); log "$name has $link open, outside its region's folders"; }
  done < <(for fd in /proc/"$pid"/fd/*; do readlink "$fd" 2>/dev/null || true; done)
  record "files open outside its region (of $opened under the data folder)" "$name" 0 "$foreign"
done

log "split test: $(grep -c $'\tok$' "$RESULTS") checks passed, $failures failed ($RESULTS), in $((SECONDS - started)) s"
(( failures == 0 )) || die "the split test found $failures failed checks (see $RESULTS)"
