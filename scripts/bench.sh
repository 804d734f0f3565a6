#!/usr/bin/env bash
# Benchmarks the registry side by side with raw Fabric on the project's own network: deploys the
# reference chaincode (chaincode/reference: raw put, get, putMany) next to the registry chaincode,
# drives both with one load generator through the Fabric Gateway (client/src/test/.../bench),
# measures the public REST verification and offline verification (JMH), samples CPU and memory
# of every process, and writes results.json, ratios.md and PNG plots to a results folder.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/bench.sh [--smoke] [--data DIR] [--port-base N] [--endorsement AND|OR]
                        [--label NAME] [--out DIR] [--keep] [--help]
       scripts/bench.sh --scale N [--batch B] [--in-flight K] [--port-base N] [--data DIR] [--keep]

Side-by-side run (default): single issue vs raw put, batch issue vs raw putMany (batches of
100, 500, 1000, several in flight), verification through the peer vs raw get, verification
through REST (max, then paced at 50 % and 90 % of it), offline verification vs bare P-256 (JMH),
CPU and resident memory of every process. About 6 minutes; --smoke takes seconds per phase.

  --smoke            the short form scripts/test.sh runs: checks that everything runs end to end
  --data DIR         use the running network whose data folder is DIR (e.g. .data/test after
                     scripts/test.sh --keep, or .data/network after scripts/start.sh) instead of
                     starting one; it is left running (the reference chaincode stays deployed)
  --port-base N      first port of the benchmark's own network (default 32000; env BENCH_PORT_BASE)
  --endorsement X    AND (default) or OR, for the benchmark's own network
  --label NAME       a name for the run in the results (e.g. before, after)
  --out DIR          results folder (default .data/bench-results/<time>-<label>; latest -> newest)
  --keep             leave the benchmark's own network running afterwards
                     (stop it with CDCQ_DATA=.data/bench scripts/stop.sh)

Scale run (--scale N): loads N certificates into the benchmark's own network (kept between runs
in .data/bench-scale) in batches of B (default 1000) with K in flight (default 4), with a progress
bar; interrupted, it resumes where it stopped. Then: verification latency at 1,000 and at N
certificates, ledger bytes per certificate (block files, state and history databases) and the
time from stopped to ready with that ledger. For the issue's full run: scripts/bench.sh --scale 1000000
Environment: CDCQ_BENCH_DATA (own network's data folder), FABRIC_BIN.
USAGE
}
ENDORSEMENT=${ENDORSEMENT:-AND} mode=full data_dir="" label="" out="" keep=0 scale=0 batch=1000 inflight=4
PORT_BASE=${BENCH_PORT_BASE:-32000}
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --smoke) mode=smoke; shift;;
    --data) data_dir=$2; shift 2;;
    --port-base) PORT_BASE=$2; shift 2;;
    --endorsement) ENDORSEMENT=$2; shift 2;;
    --label) label=$2; shift 2;;
    --out) out=$2; shift 2;;
    --keep) keep=1; shift;;
    --scale) scale=$2; shift 2;;
    --batch) batch=$2; shift 2;;
    --in-flight) inflight=$2; shift 2;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/prereqs.sh"
source "$ROOT/scripts/lib/network.sh"
source "$ROOT/scripts/lib/chaincode.sh"
source "$ROOT/scripts/lib/services.sh"
source "$ROOT/scripts/lib/reference.sh"
[[ "$PORT_BASE" =~ ^[0-9]+$ ]] && (( PORT_BASE + 600 < 65536 )) || die "--port-base must be a number below 64900, not '$PORT_BASE'"

ensure_prereqs
own_network=1
if [[ -n "$data_dir" ]]; then
  own_network=0
  adopt_running_network "$data_dir"
  BIN=$("$ROOT/scripts/fabric-bin.sh")
else
  if (( scale > 0 )); then DATA=${CDCQ_BENCH_DATA:-$ROOT/.data/bench-scale}; else DATA=${CDCQ_BENCH_DATA:-$ROOT/.data/bench}; fi
  BIN=$("$ROOT/scripts/fabric-bin.sh")
  log "building the Java modules (mvn install, no tests)"
  (cd "$ROOT" && mvn -q -B -ntp -DskipTests install) >&2 || die "the Maven build failed (output above)"
fi

# The load generator runs from the client's test classes, against this tree's registry-common
# (never another checkout's copy in ~/.m2).
log "compiling the load generator"
(cd "$ROOT" && mvn -q -B -ntp -pl client -am test-compile dependency:build-classpath \
   -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test) >&2 || die "compiling the load generator failed (output above)"
# A copy of the class folders, so a build in this checkout during a long run changes nothing under it.
classes=$(mktemp -d "${TMPDIR:-/tmp}/cdcq-bench.XXXXXX")
cleanup_classes() { rm -rf "$classes"; }
cp -r "$ROOT/client/target/test-classes" "$classes/test-classes"
cp -r "$ROOT/client/target/classes" "$classes/classes"
cp -r "$ROOT/chaincode/common/target/classes" "$classes/common-classes"
CP="$classes/test-classes:$classes/classes:$classes/common-classes"
CP="$CP:$(tr ':' '\n' < "$ROOT/client/target/bench.classpath" | grep -v '/registry-common/' | paste -sd:)"

trap cleanup_classes EXIT
if (( own_network )); then
  if (( scale == 0 )); then
    stop_all
    rm -rf "$DATA"
  else
    stop_all # a scale network is kept between runs (resumable); a run always starts it afresh
  fi
  (( keep )) || trap 'log "stopping the benchmark network"; stop_all; cleanup_classes' EXIT
  trap 'exit 130' INT TERM
  log "benchmark network in $DATA (ports from $PORT_BASE, endorsement $ENDORSEMENT)"
  network_up
  services_up
  services_bootstrap_registry
fi
network_setup_vars
log "reference chaincode next to the registry"
reference_up

java_bench() { # main-class properties...
  local main=$1; shift
  java -Xms128m -Xmx768m -XX:+UseParallelGC -cp "$CP" "$@" "cn.cdcq.registry.client.bench.$main"
}

if (( scale > 0 )); then
  java_bench ScaleRun -Dbench.network="$DATA/network.properties" -Dbench.services="$DATA/services.properties" \
    -Dbench.data="$DATA" -Dbench.scale="$scale" -Dbench.batch="$batch" -Dbench.inFlight="$inflight" \
    -Dbench.phase=load
  # Start-up to ready with that ledger: everything stopped, then started as start.sh does.
  log "start-up to ready with the loaded ledger"
  stop_all
  t0=$(date +%s.%N)
  network_up
  services_up
  t1=$(date +%s.%N)
  reference_up
  java_bench ScaleRun -Dbench.network="$DATA/network.properties" -Dbench.services="$DATA/services.properties" \
    -Dbench.data="$DATA" -Dbench.scale="$scale" -Dbench.phase=measure \
    -Dbench.startupSeconds="$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')"
  exit 0
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
suffix=${label:+-$label}; [[ -n "$suffix" || $mode != smoke ]] || suffix=-smoke
out=${out:-$ROOT/.data/bench-results/$stamp$suffix}
mkdir -p "$out"
log "load generator ($mode) -> $out"
# What top shows during the run, every 15 s (the machine may be shared: read the ratios, not only the numbers).
top -b -d 15 -w 200 > "$out/top.txt" 2>/dev/null &
top_pid=$!
java_bench BenchRun -Dbench.network="$DATA/network.properties" -Dbench.services="$DATA/services.properties" \
  -Dbench.data="$DATA" -Dbench.out="$out" -Dbench.mode="$mode" -Dbench.label="$label" -Dbench.endorsement="$ENDORSEMENT" \
  || { kill "$top_pid" 2>/dev/null || true; die "the load generator failed (output above)"; }
kill "$top_pid" 2>/dev/null || true
mkdir -p "$ROOT/.data/bench-results" && ln -sfn "$out" "$ROOT/.data/bench-results/latest"
for f in results.json ratios.md single-throughput.png batch-throughput.png verification-throughput.png latency-percentiles.png jmh.json; do
  [[ -s "$out/$f" ]] || die "the run did not write $out/$f"
done
log "results: $out (results.json, ratios.md, *.png)"
