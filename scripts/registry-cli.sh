#!/usr/bin/env bash
# The registry's command-line tool (picocli), talking to a regional service's REST API.
#   scripts/registry-cli.sh --region chengdu whoami
# With --region it reads the service's URL (and, without --user, its administrator) from
# DATA/services.properties (CDCQ_SERVICES, or CDCQ_DATA/services.properties, default
# .data/network). Run with --help for the commands.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib/jdk.sh"
JAR="$ROOT/client/target/registry-service.jar"
[[ -f "$JAR" ]] || { echo "ERROR: $JAR is missing: build it with 'mvn -q -DskipTests install'" >&2; exit 1; }
export CDCQ_SERVICES=${CDCQ_SERVICES:-${CDCQ_DATA:-$ROOT/.data/network}/services.properties}
exec java -XX:TieredStopAtLevel=1 -Xshare:auto -Dloader.main=cn.cdcq.registry.client.cli.RegistryCli -jar "$JAR" "$@"
