#!/usr/bin/env bash
# Benchmarks the real network on this machine: starts a fresh network of its own (data folder
# .data/bench, ports from 32000), measures lone evaluate and submit latency and concurrent
# submit throughput (client/.../e2e/LedgerBenchmark), and stops the network.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/bench.sh [--endorsement AND|OR] [--lone N] [--threads N] [--seconds N] [--help]
Defaults: AND endorsement, 100 lone calls each, 16 concurrent clients for 20 s.
USAGE
}
ENDORSEMENT=AND lone=100 threads=16 seconds=20
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --endorsement) ENDORSEMENT=$2; shift 2;;
    --lone) lone=$2; shift 2;;
    --threads) threads=$2; shift 2;;
    --seconds) seconds=$2; shift 2;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/prereqs.sh"
source "$ROOT/scripts/lib/network.sh"
source "$ROOT/scripts/lib/chaincode.sh"
DATA=${CDCQ_BENCH_DATA:-$ROOT/.data/bench}
PORT_BASE=${BENCH_PORT_BASE:-32000}

ensure_prereqs
BIN=$("$ROOT/scripts/fabric-bin.sh")
(cd "$ROOT" && mvn -q -B -ntp -DskipTests install) || die "the Maven build failed"
stop_all
rm -rf "$DATA"
trap 'stop_all' EXIT
trap 'exit 130' INT TERM
network_up
log "benchmark: endorsement $ENDORSEMENT, $lone lone calls, $threads clients for $seconds s"
(cd "$ROOT" && mvn -q -B -ntp -pl client test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=cn.cdcq.registry.client.e2e.LedgerBenchmark -De2e.network="$DATA/network.properties" \
  -Dbench.lone="$lone" -Dbench.threads="$threads" -Dbench.seconds="$seconds")
