#!/usr/bin/env bash
# The cheap checks of the deployment material (a few seconds, no network): renders every
# region of network/deploy/ into a temporary folder and checks
#   1. the systemd units with `systemd-analyze verify` (any message fails, except that the
#      installed binaries named by the configuration are absent on this machine);
#   2. the compose files with `docker compose config` when the Docker client has compose, else
#      with this script's own structural check of the YAML (yq + jq);
#   3. that both checks fail on a broken unit and a broken compose file (they can fail);
#   4. scripts/cert-check.sh: WARN and exit 1 for certificates made here with openssl that expire
#      in 10 days or have expired, exit 0 for one valid for 400 days.
# Called by scripts/test.sh right after the unit tests. docs/deployment.md, docs/operations.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/deploy-check.sh [--keep DIR]
  --keep DIR   render into DIR and leave it there (default: a temporary folder, deleted)
USAGE
}
keep=""
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --keep) keep=${2:?--keep needs a folder}; shift 2;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log()  { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
source "$ROOT/scripts/lib/prereqs.sh" # apt_install
started=$(date +%s%N)

missing=()
command -v systemd-analyze >/dev/null || missing+=(systemd)
command -v jq >/dev/null || missing+=(jq)
command -v openssl >/dev/null || missing+=(openssl)
compose_cmd=()
if docker compose version >/dev/null 2>&1; then compose_cmd=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then compose_cmd=(docker-compose)
else command -v yq >/dev/null || missing+=(yq)
fi
(( ${#missing[@]} == 0 )) || apt_install "${missing[@]}"

if [[ -n "$keep" ]]; then
  work=$(realpath -m "$keep")
  # Only a folder this script made (or an empty one) is wiped.
  if [[ -d "$work" && -n "$(ls -A "$work")" && ! -f "$work/.cdcq-deploy-check" ]]; then die "$work is not empty and not an earlier --keep folder of this script: choose another"; fi
  rm -rf "$work"; mkdir -p "$work"; touch "$work/.cdcq-deploy-check"
else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi
out="$work/render"
"$ROOT/scripts/deploy-render.sh" --out "$out" >"$work/render.log" 2>&1 || { cat "$work/render.log" >&2; die "rendering failed"; }
grep -q '^WARN' "$work/render.log" && sed -n 's/^WARN/  warn/p' "$work/render.log" >&2

# ------------------------------------------------------------ systemd units
# The binaries a unit may name that are not installed on this machine: the configuration's
# install folder and Java. Any other message of systemd-analyze is a failure.
allowed_missing() { # unit-files...: the regex of the tolerated "not executable" messages
  local bins
  bins=$(sed -n 's/^ExecStart\(Pre\)\{0,1\}=\([^ ]*\).*/\2/p' "$@" | sort -u | sed 's/[.[\*^$]/\\&/g' | paste -sd'|')
  echo "^[^ ]+\\.service: Command ($bins) is not executable: No such file or directory$"
}
verify_units() { # unit-files... -> 0 clean, 1 with the messages on stdout (one systemd-analyze call)
  local msgs bad exe
  msgs=$(systemd-analyze verify --man=no "$@" 2>&1) || true
  bad=$(grep -Ev "$(allowed_missing "$@")" <<<"$msgs" | grep -v '^$' || true)
  # The tolerated binaries must themselves be the configured install folder's, Java, or sh.
  while read -r exe; do
    [[ -z "$exe" ]] && continue
    case $exe in /opt/*|/usr/bin/java|/usr/lib/jvm/*|/bin/sh) ;; *) bad+=$'\n'"unexpected binary $exe";; esac
  done < <(sed -n 's/^ExecStart\(Pre\)\{0,1\}=\([^ ]*\).*/\2/p' "$@" | sort -u)
  [[ -z "$bad" ]] && return 0
  echo "$bad"; return 1
}
all_units=("$out"/*/systemd/*.service)
units=${#all_units[@]}
if ! msg=$(verify_units "${all_units[@]}"); then die "systemd-analyze verify: $msg"; fi

# ------------------------------------------------------------ compose files
# Our own structural check (when no compose is at hand): the YAML parses; only keys of the
# Compose specification that the renderer uses; every service has an image (Fabric's pinned
# to 2.5.9 / 1.5.15), list-of-strings commands, string environment values, published ports
# ADDRESS:HOST:CONTAINER, absolute bind mounts, declared networks, HOST:ADDRESS extra hosts;
# no address:port published twice.
# yq (a Python program) is slow to start: one call turns a batch of files into FILE.json each.
to_json() { # yaml-files... -> 0 when all parse
  yq -c . "$@" > "$work/batch.jsonl" 2>"$work/yq.err" || return 1
  (( $(wc -l < "$work/batch.jsonl") == $# )) || { echo "yq gave $(wc -l < "$work/batch.jsonl") documents for $# files" > "$work/yq.err"; return 1; }
  local i=0 f
  for f in "$@"; do i=$((i + 1)); sed -n "${i}p" "$work/batch.jsonl" > "$f.json"; done
}
compose_problems() { # compose-file (its FILE.json made by to_json) -> problems on stdout, one a line
  [[ -s "$1.json" ]] || { echo "not valid YAML: $(head -3 "$work/yq.err" 2>/dev/null)"; return 0; }
  jq -r '
    def strs: type == "array" and all(.[]; type == "string");
    (keys - ["name","services","networks","volumes","configs","secrets"] | .[] | "unknown top-level key \(.)"),
    (if (.services | type) != "object" or (.services | length) == 0 then "no services" else empty end),
    (.networks // {}) as $nets
    | (.services // {} | to_entries[] | .key as $s | .value
      | (keys - ["image","build","hostname","user","restart","working_dir","command","entrypoint","environment",
                 "env_file","volumes","ports","networks","extra_hosts","depends_on","healthcheck","logging"]
         | .[] | "\($s): unknown key \(.)"),
        (if (.image | type) != "string" or (.image | length) == 0 then "\($s): no image" else empty end),
        (if (.image // "" | test("^hyperledger/fabric-(peer|orderer):")) and (.image | test(":2\\.5\\.9$") | not)
           then "\($s): Fabric image \(.image) is not 2.5.9" else empty end),
        (if (.image // "" | test("^hyperledger/fabric-ca:")) and (.image | test(":1\\.5\\.15$") | not)
           then "\($s): Fabric CA image \(.image) is not 1.5.15" else empty end),
        (if has("command") and (.command | strs | not) then "\($s): command is not a list of strings" else empty end),
        (if has("environment") and ((.environment | type) != "object"
              or (.environment | to_entries | all(.value | type == "string") | not))
           then "\($s): environment is not a map of strings" else empty end),
        (if has("env_file") and (.env_file | strs | not) then "\($s): env_file is not a list of strings" else empty end),
        (if has("restart") and ([.restart] | inside(["no","always","on-failure","unless-stopped"]) | not)
           then "\($s): restart \(.restart) is not a restart policy" else empty end),
        (.ports // [] | .[] | select(type != "string" or (test("^([0-9]{1,3}\\.){3}[0-9]{1,3}:[0-9]{1,5}:[0-9]{1,5}(/(tcp|udp))?$") | not))
           | "\($s): port \(.) is not ADDRESS:HOST-PORT:CONTAINER-PORT"),
        (.volumes // [] | .[] | select(type != "string" or (test("^/[^:]*:/[^:]*(:(ro|rw))?$") | not))
           | "\($s): volume \(.) is not /HOST:/CONTAINER[:ro]"),
        (.extra_hosts // [] | .[] | select(type != "string" or (test("^[a-z0-9.-]+:([0-9]{1,3}\\.){3}[0-9]{1,3}$") | not))
           | "\($s): extra host \(.) is not HOST:ADDRESS"),
        (.networks // {} | keys[] | . as $n | select($nets | has($n) | not) | "\($s): network \($n) is not declared")),
    ([.services // {} | .[] | .ports // [] | .[] | tostring | sub("^(?<a>[^:]+:[^:]+):.*"; "\(.a)")]
      | group_by(.) | .[] | select(length > 1) | "\(.[0]) is published twice")
  ' "$1.json" 2>"$work/jq.err" || echo "the structural check itself failed: $(head -3 "$work/jq.err")"
}
check_compose() { # compose-file -> 0 clean, 1 with the problems on stdout
  local f=$1 p
  if (( ${#compose_cmd[@]} > 0 )); then
    p=$("${compose_cmd[@]}" -f "$f" config -q 2>&1) && return 0
  else
    p=$(compose_problems "$f")
    [[ -z "$p" ]] && return 0
  fi
  echo "$p"; return 1
}
composes=0
all_compose=("$out"/*/compose.yaml)
(( ${#compose_cmd[@]} > 0 )) || to_json "${all_compose[@]}" || die "compose check: not valid YAML: $(head -3 "$work/yq.err")"
for f in "${all_compose[@]}"; do
  if ! msg=$(check_compose "$f"); then die "compose check: ${f#"$out"/}: $msg"; fi
  composes=$((composes + 1))
done
# The same processes in the units and in the compose file of each region.
for d in "$out"/*/; do
  u=$(cd "$d/systemd" && ls | sed 's/^cdcq-//; s/\.service$//' | sort | paste -sd' ')
  if (( ${#compose_cmd[@]} > 0 )); then c=$(cd "$d" && "${compose_cmd[@]}" -f compose.yaml config --services | sort | paste -sd' ')
  else c=$(jq -r '.services | keys[]' "$d/compose.yaml.json" | sort | paste -sd' ')
  fi
  [[ "$u" == "$c" ]] || die "$(basename "$d"): units ($u) and compose services ($c) differ"
done

# ------------------------------------------------------------ the checks can fail
neg="$work/negative"; mkdir -p "$neg"
u=$(ls "$out"/chengdu/systemd/*.service | head -1)
sed 's/^Type=simple/Type=simple\nRestart=sometimes/' "$u" > "$neg/bad-value.service"
sed 's/^Type=simple/Type=simple\nExecReload=relative\/path/' "$u" > "$neg/bad-exec.service"
sed 's/^Type=simple/Typo=simple/' "$u" > "$neg/bad-key.service"
for b in "$neg"/*.service; do
  verify_units "$b" >/dev/null && die "the unit check passed a broken unit ($(basename "$b")): it cannot fail"
done
cp "$out/chengdu/compose.yaml" "$neg/ok.yaml"
sed '0,/^      - "192\.0\.2\.10:7054:7054"/s//      - "192.0.2.10:7054"/' "$neg/ok.yaml" > "$neg/bad-port.yaml"
sed '0,/^    image: hyperledger\/fabric-peer:2\.5\.9/s//    image: hyperledger\/fabric-peer:2.4.9/' "$neg/ok.yaml" > "$neg/bad-image.yaml"
sed '0,/^    hostname:/s//    hostnme:/' "$neg/ok.yaml" > "$neg/bad-key.yaml"
printf 'services:\n  a:\n    image: x\n   ports: [\n' > "$neg/bad-yaml.yaml"
if (( ${#compose_cmd[@]} == 0 )); then
  to_json "$neg"/bad-image.yaml "$neg"/bad-key.yaml "$neg"/bad-port.yaml || die "the broken compose files that are valid YAML did not parse: $(head -3 "$work/yq.err")"
  to_json "$neg/bad-yaml.yaml" && die "yq parsed broken YAML: the YAML check cannot fail"
  rm -f "$neg/bad-yaml.yaml.json"
fi
for b in "$neg"/bad-*.yaml; do
  cmp -s "$b" "$neg/ok.yaml" && die "negative case $(basename "$b") did not change the file (the renderer's output changed?)"
  if (( ${#compose_cmd[@]} == 0 )) || [[ $b != *bad-image.yaml ]]; then
    check_compose "$b" >/dev/null && die "the compose check passed a broken file ($(basename "$b")): it cannot fail"
  fi
done

# ------------------------------------------------------------ certificate expiry check
certs="$work/certs"; mkdir -p "$certs/short/msp/signcerts" "$certs/short/msp/keystore" "$certs/long/tls" "$certs/expired" "$certs/ca"
mkcert() { # days subject out-file
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$certs/key-$RANDOM.pem" \
    -out "$3" -days "$1" -subj "$2" 2>/dev/null || die "openssl could not make a test certificate"
}
mkcert 10 "/O=cdcq-test/CN=short.test" "$certs/short/msp/signcerts/cert.pem"
mkcert 400 "/O=cdcq-test/CN=long.test" "$certs/long/tls/cert.pem"
# An expired one: openssl req cannot back-date, openssl ca can.
(cd "$certs/ca" && touch index.txt && echo 01 > serial \
  && printf '[ca]\ndefault_ca=d\n[d]\ndatabase=%s/index.txt\nnew_certs_dir=%s\nserial=%s/serial\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n' \
       "$PWD" "$PWD" "$PWD" > ca.cnf \
  && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout k.pem -out r.csr -subj /CN=expired.test 2>/dev/null \
  && openssl ca -batch -config ca.cnf -selfsign -keyfile k.pem -in r.csr -out "$certs/expired/cert.pem" \
       -startdate 20200101000000Z -enddate 20200102000000Z -notext >/dev/null 2>&1) || die "openssl could not make an expired test certificate"
# The private key next to the certificate must never be read as one.
cp "$certs/short/msp/signcerts/cert.pem" "$certs/short/msp/keystore/looks-like-a-cert.pem"
rc=0; o=$("$ROOT/scripts/cert-check.sh" "$certs/short" "$certs/long") || rc=$?
(( rc == 1 )) || die "cert-check exited $rc, not 1, with a certificate 10 days from expiry: $o"
grep -q "^WARN .*short/msp/signcerts/cert.pem  subject=CN=short.test,O=cdcq-test  notAfter=" <<<"$o" \
  || die "cert-check gave no WARN line naming file, subject and date of the 10-day certificate: $o"
grep -q "keystore" <<<"$o" && die "cert-check read a keystore file: $o"
grep -q "^WARN .*long" <<<"$o" && die "cert-check warned about a certificate valid for 400 days: $o"
rc=0; o=$("$ROOT/scripts/cert-check.sh" "$certs/expired") || rc=$?
(( rc == 1 )) && grep -q "^EXPIRED .*expired/cert.pem  subject=CN=expired.test  notAfter=Jan  2 00:00:00 2020 GMT" <<<"$o" \
  || die "cert-check did not report the expired certificate (exit $rc): $o"
rc=0; o=$("$ROOT/scripts/cert-check.sh" "$certs/long") || rc=$?
(( rc == 0 )) || die "cert-check exited $rc on a certificate valid for 400 days: $o"
rc=0; o=$("$ROOT/scripts/cert-check.sh" --days 5 "$certs/short") || rc=$?
(( rc == 0 )) || die "cert-check --days 5 exited $rc on a certificate valid for 10 days: $o"
mkdir -p "$certs/none"
rc=0; "$ROOT/scripts/cert-check.sh" "$certs/none" >/dev/null 2>&1 || rc=$?
(( rc == 2 )) || die "cert-check exited $rc, not 2, on a folder without certificates"

ms=$(( ($(date +%s%N) - started) / 1000000 ))
checker="own YAML structure check (yq + jq)"; (( ${#compose_cmd[@]} == 0 )) || checker="${compose_cmd[*]} config"
log "deployment checks passed in ${ms} ms: $units units (systemd-analyze verify), $composes compose files ($checker), broken units and compose files refused, cert-check warns (10 days), reports expired, passes (400 days)"
