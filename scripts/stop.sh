#!/usr/bin/env bash
# Stops exactly the processes scripts/start.sh started (by the PIDs it recorded); with
# --wipe also deletes the data folder (ledgers, crypto material, logs).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/stop.sh [--wipe] [--help]
  --wipe   also delete the data folder (CDCQ_DATA, default .data/network)
USAGE
}
wipe=0
for a in "$@"; do
  case $a in
    -h|--help) usage; exit 0;;
    --wipe) wipe=1;;
    *) echo "unknown option $a" >&2; usage >&2; exit 2;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
DATA=$(realpath -m "${CDCQ_DATA:-$ROOT/.data/network}") # absolute: the CA enrolment and the services run in other folders
if [[ ! -d "$DATA" ]]; then echo "nothing to stop: $DATA does not exist"; exit 0; fi
stop_all
if (( wipe )); then rm -rf "$DATA"; echo "stopped; deleted $DATA"; else echo "stopped; data kept in $DATA"; fi
