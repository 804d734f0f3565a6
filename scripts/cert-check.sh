#!/usr/bin/env bash
# Certificate expiry check: reads every X.509 certificate (PEM) under the given folders, the
# MSP folders (cacerts, signcerts, tlscacerts, intermediatecerts, admincerts), the TLS folders
# and the CAs' own certificates, and warns about each one that expires within DAYS days (30 by
# default) or has expired. Private keys (keystore/) are never opened. docs/operations.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/cert-check.sh [--days N] [--quiet] [DIR...]
Checks every certificate under DIR (default: CDCQ_DATA, else .data/network).
  --days N   warn about certificates that expire within N days (default 30)
  --quiet    print only WARN and EXPIRED lines and the summary
Prints, for a certificate that needs renewing:
  WARN    FILE  subject=SUBJECT  notAfter=DATE  (N days left)
  EXPIRED FILE  subject=SUBJECT  notAfter=DATE
Exit status: 0 all certificates valid for more than N days; 1 at least one WARN or EXPIRED;
2 usage error, an unreadable certificate file, or no certificate found at all (a data folder
without certificates is the wrong folder, not a healthy one).
USAGE
}

days=30 quiet=0 dirs=()
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --days) days=${2:-}; shift 2 || true
            [[ "$days" =~ ^[0-9]+$ ]] || { echo "--days needs a number of days" >&2; exit 2; };;
    --quiet) quiet=1; shift;;
    -*) echo "unknown option $1" >&2; usage >&2; exit 2;;
    *) dirs+=("$1"); shift;;
  esac
done
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
(( ${#dirs[@]} > 0 )) || dirs=("${CDCQ_DATA:-$root/.data/network}")
command -v openssl >/dev/null || { echo "openssl is missing (apt-get install openssl)" >&2; exit 2; }
for d in "${dirs[@]}"; do [[ -e "$d" ]] || { echo "no file or folder $d" >&2; exit 2; }; done

now=$(date +%s)
horizon=$((days * 86400))
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
files=0 certs=0 warned=0 expired=0 bad=0

# One certificate: prints its line, counts it.
check_one() { # file pem-file index
  local file=$1 pem=$2 idx=$3 subject enddate end left label=$1
  (( idx > 1 )) && label="$file#$idx"
  local info
  if ! info=$(openssl x509 -in "$pem" -noout -subject -enddate -nameopt RFC2253 2>/dev/null); then
    echo "ERROR   $label  cannot be read as an X.509 certificate"
    bad=$((bad + 1)); return 0
  fi
  subject=${info#subject=} subject=${subject%%$'\n'*} enddate=${info##*notAfter=}
  end=$(date -d "$enddate" +%s)
  left=$(( (end - now) / 86400 ))
  certs=$((certs + 1))
  if (( end <= now )); then
    echo "EXPIRED $label  subject=$subject  notAfter=$enddate"
    expired=$((expired + 1))
  elif (( end - now <= horizon )); then
    echo "WARN    $label  subject=$subject  notAfter=$enddate  ($left days left)"
    warned=$((warned + 1))
  elif (( ! quiet )); then
    echo "ok      $label  subject=$subject  notAfter=$enddate  ($left days left)"
  fi
}

while IFS= read -r -d '' f; do
  n=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$f" 2>/dev/null) || n=0
  (( n > 0 )) || continue
  files=$((files + 1))
  # A file may hold a chain: each certificate is checked on its own.
  if (( n == 1 )); then
    check_one "$f" "$f" 1
    continue
  fi
  rm -f "$tmp"/c-*.pem
  awk -v dir="$tmp" '/-----BEGIN CERTIFICATE-----/ {n++; out=sprintf("%s/c-%04d.pem", dir, n)}
                     out {print > out} /-----END CERTIFICATE-----/ {close(out); out=""}' "$f"
  i=0
  for pem in "$tmp"/c-*.pem; do
    i=$((i + 1))
    check_one "$f" "$pem" "$i"
  done
done < <(find "${dirs[@]}" -type d -name keystore -prune -o -type f \( -name '*.pem' -o -name '*.crt' \) -print0 | sort -z)

echo "checked $certs certificates in $files files under ${dirs[*]}: $warned expire within $days days, $expired expired, $bad unreadable"
(( bad == 0 )) || exit 2
(( certs > 0 )) || { echo "no certificate found: is this a data folder?" >&2; exit 2; }
(( warned + expired == 0 )) || exit 1
exit 0
