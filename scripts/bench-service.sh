#!/usr/bin/env bash
# Request latency through a running regional service's REST API (started by scripts/start.sh):
# N evaluates (GET /api/v1/regions) and M submits (propose a rotation to a fresh throwaway
# certificate, then withdraw it), one at a time, as the region's administrator. Prints
# percentiles. Bounded in count; talks to 127.0.0.1 only.
set -euo pipefail
usage() {
  cat <<'USAGE'
Usage: scripts/bench-service.sh [--region chengdu|chongqing] [--evaluates N] [--submits M]
Environment: CDCQ_DATA (default .data/network). Needs curl and openssl.
Note: each submit pair leaves a withdrawn rotation proposal on the ledger (and in the other
region's inbox); run it on a development network, not a real one.
USAGE
}
region=chengdu evaluates=200 submits=25
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --region) region=$2; shift 2;;
    --evaluates) evaluates=$2; shift 2;;
    --submits) submits=$2; shift 2;;
    *) usage >&2; exit 2;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
DATA=$(realpath -m "${CDCQ_DATA:-$ROOT/.data/network}") # absolute: the CA enrolment and the services run in other folders
props="$DATA/services.properties"
[[ -f "$props" ]] || die "no $props: start the system with scripts/start.sh"
prop() { sed -n "s/^$1=//p" "$props"; }
url=$(prop "$region.url"); user=$(prop "$region.adminAccount"); pwfile=$(prop "$region.adminPasswordFile")
[[ -n "$url" ]] || die "no region $region in $props"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
printf 'user = "%s:%s"\n' "$user" "$(cat "$pwfile")" > "$work/curlrc"; chmod 600 "$work/curlrc"
call() { curl -sS -K "$work/curlrc" "$@"; }

stats() { # label (reads seconds, one a line)
  sort -n | awk -v label="$1" '{a[NR]=$1; s+=$1}
    END {if (NR) {m=int((NR+1)/2); n=int(NR*0.9); if (n<1) n=1;
      printf "%-28s n=%-4d mean=%6.1f ms  p50=%6.1f ms  p90=%6.1f ms  max=%6.1f ms\n", label, NR, s/NR*1000, a[m]*1000, a[n]*1000, a[NR]*1000}}'
}

call -o /dev/null "$url/api/v1/regions" # warm-up: pays BCrypt once, then the password is remembered
for _ in $(seq 1 20); do call -o /dev/null "$url/api/v1/regions"; done
for _ in $(seq 1 "$evaluates"); do call -o /dev/null -w '%{time_total}\n' "$url/api/v1/regions"; done | stats "evaluate GET /regions"

for i in $(seq 1 "$submits"); do
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$work/key.pem" \
    -subj "/CN=bench-$i" -days 2 -out "$work/cert.pem" 2>/dev/null
  pem=$(sed ':a;N;$!ba;s/\n/\\n/g' "$work/cert.pem")
  call -o "$work/proposal.json" -w '%{time_total}\n' -H 'Content-Type: application/json' \
    -d "{\"certificatePem\":\"$pem\\n\"}" "$url/api/v1/region-proposals/rotation" >> "$work/submit.times"
  id=$(sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p' "$work/proposal.json")
  [[ -n "$id" ]] || die "the rotation proposal was refused: $(cat "$work/proposal.json")"
  call -o /dev/null -w '%{time_total}\n' -X POST "$url/api/v1/region-proposals/$id/withdraw" >> "$work/submit.times"
done
[[ -f "$work/submit.times" ]] && stats "submit rotation/withdraw" < "$work/submit.times"
