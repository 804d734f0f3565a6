#!/usr/bin/env bash
# Brings the whole system up: builds what is missing (Fabric from its Go modules, the Java
# modules), starts the two-region Fabric network, the chaincode servers and the two regional
# services, registers both regions once, and leaves it all running. Safe to run again: what
# runs is reused, what is missing is started.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/start.sh [--endorsement AND|OR] [--help]

Starts, all on 127.0.0.1: three Fabric CAs, three Raft orderers, one peer per region
(Chengdu, Chongqing), one chaincode server per region, one regional service (REST API) per
region; registers both regions in the ledger's region registry if it is empty. Prints what
runs where.

  --endorsement AND   both regions endorse every write (default)
  --endorsement OR    either region's peer suffices (availability over mutual control)

Environment:
  CDCQ_DATA    data folder (default: .data/network in the repository)
  PORT_BASE    first port of the layout (default 7000; see README "What runs where")
  FABRIC_BIN   folder of official Fabric binaries to use instead of building them
Stop with scripts/stop.sh (add --wipe to delete the data folder).
USAGE
}
ENDORSEMENT=${ENDORSEMENT:-AND}
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --endorsement) ENDORSEMENT=${2:-}; shift 2;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2;;
  esac
done

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/prereqs.sh"
source "$ROOT/scripts/lib/network.sh"
source "$ROOT/scripts/lib/chaincode.sh"
source "$ROOT/scripts/lib/services.sh"
source "$ROOT/scripts/lib/build.sh"
DATA=$(realpath -m "${CDCQ_DATA:-$ROOT/.data/network}") # absolute: the CA enrolment and the services run in other folders
PORT_BASE=${PORT_BASE:-7000}

on_exit() {
  local rc=$?
  if (( rc != 0 )) && (( ${#STARTED_THIS_RUN[@]} > 0 )); then
    echo "start failed; stopping what this run started: ${STARTED_THIS_RUN[*]}" >&2
    for name in "${STARTED_THIS_RUN[@]}"; do stop_proc "$name"; done
    echo "data kept in $DATA: run scripts/start.sh again to resume, or scripts/stop.sh --wipe to begin anew" >&2
  fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

started=$SECONDS
ensure_prereqs
BIN=$("$ROOT/scripts/fabric-bin.sh")
log "Fabric binaries: $BIN"
if why=$(java_build_needed); then
  log "building the Java modules ($why; mvn install, tests are run by scripts/test.sh)"
  java_build || die "the Maven build failed (output above)"
else
  log "Java modules up to date (no POM or main source newer than the jars): no build"
fi
evm_up
NETWORK_AFTER_PEERS=services_launch network_up
# The services' EVM accounts are funded while they finish starting when their addresses are
# already known (every start after the first), after they are ready otherwise.
fund_pid=""
if evm_addresses_known; then evm_fund_services & fund_pid=$!; fi
services_wait
if [[ -n "$fund_pid" ]]; then
  wait "$fund_pid" || die "funding the services' EVM accounts failed (output above)"
else
  evm_fund_services
fi
log "region registry: both bureaus propose and approve each other (once)"
services_bootstrap_registry
network_summary
services_summary
log "ready in $((SECONDS - started)) s"
