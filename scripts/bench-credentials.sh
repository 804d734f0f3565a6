#!/usr/bin/env bash
# Offline credential verifications per second on one core (JMH), and the size of a status list
# for 1,000,000 certificates. A benchmark, not a test: scripts/test.sh does not run it.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/bench-credentials.sh [--quick] [--help]
  Builds registry-common's test classes and runs CredentialVerifierBenchmark with JMH
  (one fork, one thread, pinned to one CPU with taskset when available), then StatusListSizes, then
  VerificationsPerCpuSecond (the same work divided by the thread's CPU time, for a shared machine).
  --quick   shorter warm-up and measurement (about 1 minute instead of about 3)
Output: the JMH table (ops/s) and the status list sizes; JMH's JSON in .data/bench/credentials-jmh.json.
USAGE
}
quick=0
for a in "$@"; do
  case $a in
    -h|--help) usage; exit 0;;
    --quick) quick=1;;
    *) echo "unknown option $a" >&2; usage >&2; exit 2;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/.data/bench"
mkdir -p "$OUT"
cd "$ROOT"
mvn -B -ntp -q -pl chaincode/common -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/common.classpath"
CP="$ROOT/chaincode/common/target/test-classes:$ROOT/chaincode/common/target/classes:$(cat "$OUT/common.classpath")"
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
if (( quick )); then timing=(-wi 2 -w 3s -i 3 -r 5s); else timing=(-wi 3 -w 10s -i 5 -r 10s); fi
"${pin[@]}" java -cp "$CP" org.openjdk.jmh.Main CredentialVerifierBenchmark -f 1 -t 1 "${timing[@]}" \
  -rf json -rff "$OUT/credentials-jmh.json"
"${pin[@]}" java -cp "$CP" cn.cdcq.registry.common.credential.StatusListSizes
"${pin[@]}" java -cp "$CP" cn.cdcq.registry.common.credential.VerificationsPerCpuSecond
