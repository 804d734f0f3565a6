#!/usr/bin/env bash
# Checks network/monitoring/alerts.yml against the running processes: the file parses, every rule
# has an alert name, an expression and a summary, and every metric its expressions name is
# exported by a peer, an orderer or a regional service of the network in DATA (Prometheus's own
# `up` aside). A rule that names a metric nobody exports would never fire.
#   scripts/monitoring-check.sh [DATA]      (default: CDCQ_DATA or .data/network; the network must run)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
DATA=${1:-${CDCQ_DATA:-$ROOT/.data/network}}
RULES="$ROOT/network/monitoring/alerts.yml"
[[ -f "$DATA/port-base" ]] || die "no network in $DATA (no port-base file): start it first"
set_ports "$(cat "$DATA/port-base")"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
yq -c . "$RULES" > "$work/rules.json" 2>"$work/yq.err" || die "$RULES is not valid YAML: $(head -3 "$work/yq.err")"
bad=$(jq -r '.groups[].rules[] | select((.alert // "") == "" or (.expr // "") == "" or (.annotations.summary // "") == "") | (.alert // "?")' "$work/rules.json")
[[ -z "$bad" ]] || die "rules without alert, expr or summary: $bad"
rules=$(jq '[.groups[].rules[]] | length' "$work/rules.json")
# Metric names: identifiers with an underscore in the expressions, minus PromQL's own functions
# and the label names inside {...} and by (...).
jq -r '.groups[].rules[].expr' "$work/rules.json" | sed -E 's/\{[^}]*\}//g; s/(by|without) \([^)]*\)//g' \
  | grep -oE '[a-z_][a-z0-9_]*' | grep '_' | grep -vxE 'histogram_quantile|label_replace|absent_over_time|max_over_time|min_over_time|avg_over_time' \
  | sort -u > "$work/wanted"
{
  curl -fsS "http://127.0.0.1:$PEER_CD_OPS/metrics"; curl -fsS "http://127.0.0.1:$PEER_CQ_OPS/metrics"
  curl -fsS "http://127.0.0.1:$ORDERER0_OPS/metrics"
  curl -fsS "http://127.0.0.1:$SERVICE_CD_PORT/actuator/prometheus"
} 2>"$work/curl.err" | grep -v '^#' | sed -E 's/[{ ].*//' | sort -u > "$work/exported" \
  || die "could not scrape the network's metrics: $(head -3 "$work/curl.err")"
missing=$(comm -23 "$work/wanted" "$work/exported")
[[ -z "$missing" ]] || die "alert rules name metrics no process exports: $(echo $missing)"
log "monitoring check: $rules alert rules, $(wc -l < "$work/wanted") metrics named, all exported (of $(wc -l < "$work/exported") scraped)"
