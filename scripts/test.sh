#!/usr/bin/env bash
# All tests: builds, runs the unit tests, starts a fresh network of its own (data folder
# .data/test or CDCQ_TEST_DATA, ports from 27000 or TEST_PORT_BASE) and the two regional services, runs the end-to-end tests
# against them (with a local EVM node for the anchoring tests, scripts/lib/evm.sh), and stops it all whatever happened. Exits non-zero on any failure.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/test.sh [--unit-only] [--keep] [--help]
  --unit-only   build and run the unit tests only (no network)
  --keep        leave the test network running afterwards (stop it with
                CDCQ_DATA=.data/test scripts/stop.sh)
Environment:
  TEST_PORT_BASE  first port of the test network's layout (default 27000)
  CDCQ_TEST_DATA  the test network's data folder, wiped at the start (default .data/test)
  FABRIC_BIN      folder of official Fabric binaries to use instead of building them
  ENDORSEMENT     AND (default: both regions endorse) or OR
USAGE
}
unit_only=0 keep=0
for a in "$@"; do
  case $a in
    -h|--help) usage; exit 0;;
    --unit-only) unit_only=1;;
    --keep) keep=1;;
    *) echo "unknown option $a" >&2; usage >&2; exit 2;;
  esac
done

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/prereqs.sh"
source "$ROOT/scripts/lib/network.sh"
source "$ROOT/scripts/lib/chaincode.sh"
source "$ROOT/scripts/lib/services.sh"
source "$ROOT/scripts/lib/interop.sh"
DATA=$(realpath -m "${CDCQ_TEST_DATA:-$ROOT/.data/test}") # absolute: the CA enrolment and the services run in other folders
PORT_BASE=${TEST_PORT_BASE:-27000}
ENDORSEMENT=${ENDORSEMENT:-AND}
started=$SECONDS

ensure_prereqs
(( unit_only )) || ensure_browser
log "unit tests (mvn install)"
(cd "$ROOT" && mvn -B -ntp install) || die "build or unit tests failed (Maven output above)"
log "deployment checks: scripts/deploy-check.sh (systemd units, compose files, certificate expiry check)"
"$ROOT/scripts/deploy-check.sh" || die "the deployment checks failed (output above)"
(( unit_only )) && { log "unit tests passed in $((SECONDS - started)) s"; exit 0; }

BIN=$("$ROOT/scripts/fabric-bin.sh")
ensure_node_interop
log "deployment smoke: scripts/deploy-smoke.sh (the rendered CA, orderer and peer units run; ports from $((PORT_BASE + 900)))"
PORT_BASE=$PORT_BASE "$ROOT/scripts/deploy-smoke.sh" || die "the deployment smoke failed (output above)"
# A fresh network for every run: stop what an interrupted earlier run left, wipe its data.
stop_all
rm -rf "$DATA"
cleanup() {
  local rc=$?
  if (( keep )); then
    log "test network left running (--keep): CDCQ_DATA=$DATA scripts/stop.sh"
  else
    log "stopping the test network"
    stop_all
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "starting the test network in $DATA (ports from $PORT_BASE)"
# No automatic checkpoints on the test network: the end-to-end tests that need them (AnchorIT)
# turn them on through the API and off again, so no test meets a checkpoint it did not expect.
export CHECKPOINT_INTERVAL_SECONDS=0 CHECKPOINT_RECORDS=0 CHECKPOINT_AUTO=false
# Every test client is 127.0.0.1, one address for the public endpoints' limit: the suite runs
# with 1000 anonymous requests per 10 s instead of the default 300 (HardeningIT reads the value
# from the service's configuration and goes over it on purpose).
export PUBLIC_REQUEST_LIMIT=${PUBLIC_REQUEST_LIMIT:-1000}
network_up
# Every certificate of a fresh network is valid for a year (Fabric CA's default): none may warn.
log "certificate expiry check of the fresh network's material: scripts/cert-check.sh --quiet $DATA"
"$ROOT/scripts/cert-check.sh" --quiet "$DATA" || die "scripts/cert-check.sh warned about the fresh test network's certificates (output above)"
evm_up
services_up
evm_fund_services
# The short fault suite's first half, before the end-to-end tests: a peer killed under load with the
# exactly-once check; the end-to-end tests then also show the network works after the kill.
services_bootstrap_registry
log "fault tests (short, 1/2): scripts/fault-test.sh --cases 2 (a peer killed under load)"
"$ROOT/scripts/fault-test.sh" --cases 2 --data "$DATA" --out "$DATA/fault-results/peer-kill" \
  || die "the peer-kill fault test failed (output above; results in $DATA/fault-results/peer-kill)"
log "network and services ready after $((SECONDS - started)) s; end-to-end tests"
# -am: the client is tested against this tree's registry-common (built in the reactor), never
# against whatever another checkout last installed into ~/.m2; unit tests already ran above.
(cd "$ROOT" && CDCQ_DATA="$DATA" mvn -B -ntp -pl client -am -Pe2e verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -De2e.network="$DATA/network.properties" -De2e.services="$DATA/services.properties") \
  || die "end-to-end tests failed (Maven output above; network logs in $DATA/logs)"
# The alert rules of docs/operations.md name only metrics the processes export (after traffic).
"$ROOT/scripts/monitoring-check.sh" "$DATA" || die "the monitoring check failed (network/monitoring/alerts.yml)"
# Benchmarks are not tests: this only checks that scripts/bench.sh runs end to end on this network
# and writes its files (seconds per phase); the full run is a docs/performance.md command.
log "benchmark smoke: scripts/bench.sh --smoke on the test network"
"$ROOT/scripts/bench.sh" --smoke --data "$DATA" --out "$DATA/bench-smoke" || die "the benchmark smoke failed (output above)"
# The anchoring fault cases (docs/anchoring.md): the EVM node restarted mid-anchoring, and a record
# altered in one peer's state database exposed by the anchor (the forgery is undone afterwards).
# And the training center's CLI import killed a third of the way and run again (short: 1,200 rows),
# and Chengdu's CA down for a while (what keeps working, what waits for it).
log "fault tests (anchoring, import, CA): scripts/fault-test.sh --cases 11,12,13,14 (EVM node restart, state tampering, CLI import killed and resumed, a CA outage)"
FAULT_IMPORT_ROWS=${FAULT_IMPORT_ROWS:-1200} FAULT_IMPORT_CHUNK=${FAULT_IMPORT_CHUNK:-100} \
  "$ROOT/scripts/fault-test.sh" --cases 11,12,13,14 --data "$DATA" --out "$DATA/fault-results/anchoring" \
  || die "the anchoring and import fault tests failed (output above; results in $DATA/fault-results/anchoring)"
# An operations procedure (docs/operations.md): Chongqing's peer restored from a snapshot both
# peers agree on, its region's service following its events again.
log "operations: scripts/peer-restore.sh chongqing (join by snapshot)"
"$ROOT/scripts/peer-restore.sh" --data "$DATA" chongqing || die "restoring Chongqing's peer from a snapshot failed (output above)"
# The procedures of docs/operations.md "Changing the network", each by its own script on this
# network: a chaincode definition both regions approve, a peer added to Chengdu, TLS certificates
# rotated, an ordering change the joint office alone may not make, an orderer added; then a lost
# orderer replaced and a rolling restart of every node onto other binaries, both under load with
# the exactly-once check.
log "operations: scripts/fault-test.sh --cases 15,16,17 (onboarding procedures; a lost orderer replaced and a rolling Fabric upgrade, under load)"
"$ROOT/scripts/fault-test.sh" --cases 15,16,17 --data "$DATA" --out "$DATA/fault-results/onboarding" \
  || die "the onboarding procedures, the orderer replacement or the rolling upgrade failed (output above; results in $DATA/fault-results/onboarding)"
# A region's CA as a root kept offline and an intermediate online (docs/deployment.md): the
# intermediate's identity refused before Chengdu's MSP names it and accepted after, root offline.
log "operations: scripts/ca-intermediate.sh chengdu (an intermediate CA, the root offline)"
"$ROOT/scripts/ca-intermediate.sh" --data "$DATA" chengdu || die "the intermediate CA procedure failed (output above)"
# The short fault suite's second half (docs/reliability.md): a personal-data scan of every block
# and of the data folder, after everything the end-to-end tests and the kill above wrote.
log "fault tests (short, 2/2): the personal-data scan of the whole ledger"
"$ROOT/scripts/fault-test.sh" --cases 1 --data "$DATA" --out "$DATA/fault-results/scan" \
  || die "the personal-data scan failed (output above; results in $DATA/fault-results/scan)"
# The upgrade from a ledger the registry wrote before the trust rules (docs/operations.md): the old
# version from git writes records, this version's start.sh upgrades the chaincode on its network.
log "upgrade: scripts/upgrade-test.sh (ledger written by $(git -C "$ROOT" rev-parse --short "${UPGRADE_FROM:-d8b2fe2}" 2>/dev/null || echo "${UPGRADE_FROM:-d8b2fe2}"), upgraded by this tree)"
"$ROOT/scripts/upgrade-test.sh" --port-base $((PORT_BASE - 1000)) --data "$DATA/upgrade" \
  || die "the upgrade test failed (output above; results in $DATA/upgrade/upgrade-results.tsv)"
# The split test's short form (docs/deployment.md, "The split test"): a second network laid out as
# Chengdu, Chongqing and the joint office on hosts of their own (own loopback addresses, host names
# in their TLS certificates, own Unix users owning their folders), three end-to-end test classes
# against it. The test network is stopped first (unless --keep): two networks on 2 cores slow both.
(( keep )) || { log "stopping the test network before the split test"; stop_all; }
log "split: scripts/split-test.sh --short (each region on its own address, names and Unix user; ports from $((PORT_BASE - 3000)))"
SPLIT_PORT_BASE=$((PORT_BASE - 3000)) CDCQ_SPLIT_DATA="$DATA/split" "$ROOT/scripts/split-test.sh" --short \
  || die "the split test failed (output above; results in $DATA/split/split-results.tsv)"
log "all tests passed in $((SECONDS - started)) s"
