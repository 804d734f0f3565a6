#!/usr/bin/env bash
# Starts, stops or restarts one regional service of a running network (by the PID start.sh
# recorded). The end-to-end tests use it to restart a service.
set -euo pipefail
usage() {
  cat <<'USAGE'
Usage: scripts/service.sh start|stop|restart chengdu|chongqing
Environment: CDCQ_DATA (default .data/network), PORT_BASE (as the network was started). The
service's settings (CHECKPOINT_*, PUBLIC_REQUEST_*) are those the network was started with
(DATA/service-settings.env) unless set in the environment now.
USAGE
}
[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
(( $# == 2 )) || { usage >&2; exit 2; }
action=$1 region=$2
case $region in chengdu|chongqing) ;; *) usage >&2; exit 2;; esac
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/network.sh"
source "$ROOT/scripts/lib/services.sh"
DATA=$(realpath -m "${CDCQ_DATA:-$ROOT/.data/network}") # absolute: the CA enrolment and the services run in other folders
[[ -f "$DATA/port-base" ]] || die "no network in $DATA (no port-base file): start one with scripts/start.sh"
PORT_BASE=$(cat "$DATA/port-base")
set_ports "$PORT_BASE"
CHANNEL=${CHANNEL:-laborchannel}
service_settings_restore # the checkpoint schedule and limits the network was started with, unless set now
case $action in
  start) service_start "$region";;
  stop) stop_proc "service-$region";;
  restart) stop_proc "service-$region"; service_start "$region";;
  *) usage >&2; exit 2;;
esac
