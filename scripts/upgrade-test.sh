#!/usr/bin/env bash
# The upgrade from a ledger written by the registry before the trust rules (issue 10): the old
# version (a commit of this repository, built from `git archive` into a work folder) starts a
# network and writes records through its own REST API; then this tree's scripts/start.sh starts
# on the same data folder, upgrades the chaincode on the running network (a new definition,
# sequence + 1) and starts the new services; the old records must read as before, under the
# documented defaults of docs/trust.md, and the new rules must hold for new writes.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/upgrade-test.sh [--from COMMIT] [--port-base N] [--data DIR] [--keep] [--help]

  --from COMMIT   the old version (default d8b2fe2: main just before the trust rules of issue 10)
  --port-base N   ports of the upgrade network (default 26000; env UPGRADE_PORT_BASE)
  --data DIR      its data folder (default .data/upgrade, wiped first; env CDCQ_UPGRADE_DATA)
  --keep          leave the upgraded network running (stop it with CDCQ_DATA=DIR scripts/stop.sh)
Results: DIR/upgrade-results.tsv (check, value, pass/FAIL). Exit 1 when a check fails.
USAGE
}
FROM=${UPGRADE_FROM:-d8b2fe2}
UP_PORT_BASE=${UPGRADE_PORT_BASE:-26000}
keep=0 data=""
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --from) FROM=$2; shift 2;;
    --port-base) UP_PORT_BASE=$2; shift 2;;
    --data) data=$2; shift 2;;
    --keep) keep=1; shift;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/network.sh" # uscc_with_check
DATA=${data:-${CDCQ_UPGRADE_DATA:-$ROOT/.data/upgrade}}
OLD="$DATA.old-tree"
started=$SECONDS

git -C "$ROOT" cat-file -e "$FROM^{commit}" 2>/dev/null \
  || die "commit $FROM is not in this clone (a shallow clone? run 'git fetch --unshallow'); it is the version the upgrade starts from"

stop_both() {
  # Whichever version left processes running, stop them by their PID files (the same layout).
  [[ -d "$DATA/run" ]] || return 0
  CDCQ_DATA="$DATA" "$ROOT/scripts/stop.sh" >/dev/null 2>&1 || true
}
cleanup() {
  local rc=$?
  if (( keep )) && (( rc == 0 )); then log "upgraded network left running: CDCQ_DATA=$DATA scripts/stop.sh"
  else stop_both; fi
  rm -rf "$OLD"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_both
rm -rf "$DATA" "$OLD"
mkdir -p "$OLD" "$DATA"
RESULTS="$DATA/upgrade-results.tsv"
printf 'check\tvalue\tverdict\n' > "$RESULTS"
failed=()
check() { # name value condition
  if eval "$3"; then printf '%s\t%s\tpass\n' "$1" "$2" >> "$RESULTS"; log "  pass  $1: $2"
  else printf '%s\t%s\tFAIL\n' "$1" "$2" >> "$RESULTS"; log "  FAIL  $1: $2"; failed+=("$1 = $2"); fi
}

# ---------------------------------------------------------------- the old version
log "the old version: $FROM ($(git -C "$ROOT" log -1 --format='%h %cs %s' "$FROM" | cut -c1-100))"
git -C "$ROOT" archive "$FROM" | tar -x -C "$OLD"
# The old start.sh runs `mvn install`, which would put the old registry-common into ~/.m2 under
# the same version as this tree's; `package` builds the same jars without touching ~/.m2.
sed -i 's/mvn -q -B -DskipTests install/mvn -q -B -ntp -DskipTests package/' "$OLD/scripts/start.sh"
log "starting it on $DATA (ports from $UP_PORT_BASE): build, network, chaincode, services"
PORT_BASE=$UP_PORT_BASE CDCQ_DATA="$DATA" "$OLD/scripts/start.sh" > "$DATA/old-start.log" 2>&1 \
  || { tail -30 "$DATA/old-start.log" >&2; die "the old version did not start (log: $DATA/old-start.log)"; }
log "old version ready after $((SECONDS - started)) s"

prop() { sed -n "s/^$1=//p" "$DATA/services.properties"; }
CD_URL=$(prop chengdu.url) CQ_URL=$(prop chongqing.url)
CD_ADMIN="$(prop chengdu.adminAccount):$(cat "$(prop chengdu.adminPasswordFile)")"
CQ_ADMIN="$(prop chongqing.adminAccount):$(cat "$(prop chongqing.adminPasswordFile)")"
ANSWER="$DATA/answer.json"
# call METHOD URL USER:PASSWORD [BODY]: prints the HTTP status; the body is in $ANSWER.
call() {
  local -a auth=()
  [[ -n "$3" ]] && auth=(-u "$3")
  curl -sS -o "$ANSWER" -w '%{http_code}' --max-time 120 -X "$1" "${auth[@]}" \
    -H 'Content-Type: application/json' ${4:+--data-binary "$4"} "$2"
}
field() { jq -r "$1 // empty" "$ANSWER"; }
want() { # what status: dies unless the call succeeded (2xx)
  local what=$1 status=$2
  [[ $status == 2* ]] || die "$what: expected success, got $status $(head -c 400 "$ANSWER")"
}

TODAY=$(TZ=Asia/Shanghai date +%F)
YEAR=${TODAY:0:4}
SITE=$(( (RANDOM * 32768 + RANDOM) % 1000000 ))
# A training center whose code is of Chongqing's division (50...), accredited by Chengdu: the old
# rules let the first region to register a code own it.
CENTER=$(uscc_with_check "$(printf '5250000MJ%08d' $((SITE * 7 % 100000000)))")
ENTERPRISE=$(uscc_with_check "$(printf '9150000MA%08d' $((SITE * 11 % 100000000)))")
OCCUPATION="4-04-05-01"
NUMBER=$(printf 'S000151%06d%s4%06d' "$SITE" "${TODAY:2:2}" 1)
holder_id() { # a valid resident ID number of a synthetic holder (Chengdu district, 1990 + n days)
  local w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) m=10X98765432 s=0 i first17
  first17="510104$(date -u -d "1990-01-01 + $1 days" +%Y%m%d)$(printf %03d $(( $1 % 1000 )))"
  for i in $(seq 0 16); do s=$((s + ${first17:i:1} * w[i])); done
  echo "$first17${m:s % 11:1}"
}
cert_body() { # number serial
  printf '{"number":"%s","occupation":"%s","level":4,"issueDate":"%s","holderName":"升级测试%d","holderIdNumber":"%s"}' \
    "$1" "$OCCUPATION" "$TODAY" "$2" "$(holder_id "$2")"
}
CENTER_PW="pw-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
INSPECTOR_ID="CD-INS-9$(printf %05d $((SITE % 100000)))"
INSPECTOR_PW="pw-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"

log "writing with the old version: an accreditation, a certificate, a calendar, an enterprise, an inspector, a rating"
want "accreditation (old)" "$(call POST "$CD_URL/api/v1/accreditations" "$CD_ADMIN" \
  "$(printf '{"centerId":"%s","name":"Upgrade Test Center %s","scopes":[{"occupation":"%s","highestLevel":3}],"validFrom":"%s","validTo":"%s"}' \
    "$CENTER" "$SITE" "$OCCUPATION" "$(date -d "$TODAY - 30 days" +%F)" "$(date -d "$TODAY + 3 years" +%F)")")"
want "center account (old)" "$(call POST "$CD_URL/api/v1/accounts" "$CD_ADMIN" \
  "$(printf '{"name":"cd-up-center-%s","role":"TRAINING_CENTER","centerId":"%s","password":"%s"}' "$SITE" "$CENTER" "$CENTER_PW")")"
CENTER_AUTH="cd-up-center-$SITE:$CENTER_PW"
want "certificate (old)" "$(call POST "$CD_URL/api/v1/certificates" "$CENTER_AUTH" "$(cert_body "$NUMBER" 1)")"
OLD_HASH=$(field '.recordHash // .certificate.recordHash // .hash')
NEXT_YEAR=$((YEAR + 1))
SATURDAY="$NEXT_YEAR-09-20" # an adjusted working day must be a weekend day: the first Saturday from 20 September
while [[ $(date -d "$SATURDAY" +%u) != 6 ]]; do SATURDAY=$(date -d "$SATURDAY + 1 day" +%F); done
want "calendar (old, set by one region alone)" "$(call PUT "$CD_URL/api/v1/calendar" "$CD_ADMIN" \
  "$(printf '{"year":%d,"holidays":["%d-01-01","%d-10-01"],"adjustedWorkingDays":["%s"]}' "$NEXT_YEAR" "$NEXT_YEAR" "$NEXT_YEAR" "$SATURDAY")")"
want "enterprise (old)" "$(call POST "$CQ_URL/api/v1/enterprises" "$CQ_ADMIN" \
  "$(printf '{"uscc":"%s","name":"Upgrade Works %s","platform":false}' "$ENTERPRISE" "$SITE")")"
want "inspector account (old)" "$(call POST "$CD_URL/api/v1/accounts" "$CD_ADMIN" \
  "$(printf '{"name":"cd-up-ins-%s","role":"INSPECTOR","inspectorId":"%s","password":"%s"}' "$SITE" "$INSPECTOR_ID" "$INSPECTOR_PW")")"
want "inspector register (old)" "$(call POST "$CD_URL/api/v1/spot-checks/inspectors" "$CD_ADMIN" \
  "$(printf '{"inspectorId":"%s"}' "$INSPECTOR_ID")")"
want "rating (old, a statement without revision)" "$(call POST "$CD_URL/api/v1/enterprises/$ENTERPRISE/ratings" "$CD_ADMIN" \
  "$(printf '{"year":%d}' "$YEAR")")"
OLD_LEVEL=$(field '.level')
log "old records written (certificate $NUMBER, center $CENTER, enterprise $ENTERPRISE, rating $OLD_LEVEL)"

log "stopping the old version (its own stop.sh)"
CDCQ_DATA="$DATA" "$OLD/scripts/stop.sh" > "$DATA/old-stop.log" 2>&1 || die "the old version's stop.sh failed; see $DATA/old-stop.log"

# ---------------------------------------------------------------- this version on the same data
log "this version's scripts/start.sh on the same data folder (upgrades the chaincode)"
t=$SECONDS
PORT_BASE=$UP_PORT_BASE CDCQ_DATA="$DATA" "$ROOT/scripts/start.sh" > "$DATA/new-start.log" 2>&1 \
  || { tail -30 "$DATA/new-start.log" >&2; die "this version did not start on the old data (log: $DATA/new-start.log)"; }
check seconds_to_ready_after_upgrade "$((SECONDS - t))" 'true'
old_seq=$(grep -o 'chaincode definition committed: sequence [0-9]*' "$DATA/old-start.log" | tail -1 | grep -o '[0-9]*$' || true)
new_seq=$(grep -o 'chaincode definition committed: sequence [0-9]*' "$DATA/new-start.log" | tail -1 | grep -o '[0-9]*$' || true)
check chaincode_definition_upgraded "sequence ${old_seq:-?} -> ${new_seq:-?}" '[[ -n $old_seq && -n $new_seq ]] && (( new_seq > old_seq ))'

CD_URL=$(prop chengdu.url) CQ_URL=$(prop chongqing.url)
# The administrators' and the center's keys were encrypted by the old service; the master secret
# has moved out of the service's data folder (docs/reliability.md): they must still open.
status=$(call GET "$CD_URL/api/v1/whoami" "$CD_ADMIN")
check old_administrator_signs_in "$status" '[[ $status == 200 ]]'
check master_secret_moved_apart "$(ls "$DATA/secrets/chengdu/" 2>/dev/null | tr '\n' ' ')" \
  '[[ -f $DATA/secrets/chengdu/master.secret && ! -e $DATA/service/chengdu/master.secret ]]'

status=$(call GET "$CQ_URL/api/v1/public/certificates/$NUMBER/verification" "")
verdict=$(field '.verdict')
check old_certificate_verifies "$status $verdict (at Chongqing)" '[[ $status == 200 && $verdict == VALID ]]'
status=$(call GET "$CD_URL/api/v1/calendar/$NEXT_YEAR" "$CD_ADMIN")
holidays=$(jq -c '.holidays' "$ANSWER" 2>/dev/null || echo "?")
check old_calendar_stays_in_force "$status $holidays" "[[ \$status == 200 && \$holidays == *'$NEXT_YEAR-10-01'* ]]"
status=$(call GET "$CD_URL/api/v1/accreditations/$CENTER" "$CD_ADMIN")
region=$(jq -r '.region // .accreditingRegion // .current.region // empty' "$ANSWER" 2>/dev/null || true)
check old_accreditation_keeps_its_region "$status region ${region:-?} (a code of Chongqing's division)" '[[ $status == 200 && $region == CD ]]'

# New writes on old records, under the new rules.
status=$(call POST "$CD_URL/api/v1/certificates" "$CENTER_AUTH" "$(cert_body "$(printf 'S000151%06d%s4%06d' "$SITE" "${TODAY:2:2}" 2)" 2)")
check old_center_issues_after_upgrade "$status $(field '.outcome')" '[[ $status == 2* ]]'
# The number-space rule rests on the regions' division prefixes: until both have agreed them (the
# bootstrap does, once both services run this version), a ledger keeps the old rule (docs/trust.md).
call GET "$CD_URL/api/v1/regions" "$CD_ADMIN" > /dev/null
prefixes=$(jq -r '[.[] | select(.code == "CD") | .divisionPrefixes[]?] | join(",")' "$ANSWER" 2>/dev/null || true)
status=$(call POST "$CD_URL/api/v1/certificates" "$CENTER_AUTH" "$(cert_body "$(printf 'S000150%06d%s4%06d' "$SITE" "${TODAY:2:2}" 3)" 3)")
code=$(field '.code')
if [[ -n $prefixes ]]; then
  check number_space_rule_on_old_center "$status $code (a Chongqing number from Chengdu; Chengdu's divisions $prefixes)" '[[ $status == 403 && $code == FORBIDDEN ]]'
else
  check number_space_before_divisions "$status (a Chongqing number from Chengdu; no divisions agreed yet: the old rule, as documented)" '[[ $status == 201 ]]'
fi
status=$(call POST "$CQ_URL/api/v1/accreditations/$CENTER/suspend" "$CQ_ADMIN" '{"reasonCode":"OTHER","reason":"upgrade test"}')
code=$(field '.code')
check other_region_cannot_suspend_old_accreditation "$status $code" '[[ $status == 403 && $code == FORBIDDEN ]]'
status=$(call POST "$CD_URL/api/v1/enterprises/$ENTERPRISE/ratings" "$CD_ADMIN" "$(printf '{"year":%d}' "$YEAR")")
revision=$(field '.revision')
check rating_after_old_statement "$status revision ${revision:-?}" '[[ $status == 2* ]]'
status=$(call GET "$CD_URL/api/v1/enterprises/$ENTERPRISE/ratings" "$CD_ADMIN")
listed=$(jq -r --arg y "$YEAR" '[(if type == "array" then . else (.ratings // []) end)[]
  | select(.statement.regionCode == "CD" and (.statement.year | tostring) == $y)][0]
  | "revision \(.revision) replacing \(.statement.replacesRatingHash // "none" | .[0:12])"' "$ANSWER" 2>/dev/null || echo "?")
check rating_follows_the_old_one "$status $listed" '[[ $status == 200 && $listed == "revision 2 replacing "* && $listed != *none ]]'
status=$(call GET "$CD_URL/api/v1/spot-checks/inspectors?region=CD" "$CD_ADMIN")
listed=$(jq --arg id "$INSPECTOR_ID" '[.. | objects | select(.inspectorId? == $id)] | length' "$ANSWER" 2>/dev/null || echo 0)
check old_inspector_still_registered "$status $INSPECTOR_ID listed $listed" '[[ $status == 200 && $listed -ge 1 ]]'
# Documented default (docs/trust.md item 6): an entry from before the confirmation rule is pending
# until the inspector confirms it with their own identity; then it is confirmed.
confirmed=$(jq -r --arg id "$INSPECTOR_ID" '[.. | objects | select(.inspectorId? == $id)][0].confirmedAt // "pending"' "$ANSWER" 2>/dev/null || echo "?")
check old_inspector_pending_after_upgrade "$confirmed" '[[ $confirmed == pending ]]'
status=$(call POST "$CD_URL/api/v1/spot-checks/inspectors/$INSPECTOR_ID/confirm" "cd-up-ins-$SITE:$INSPECTOR_PW")
confirmed=$(field '.confirmedAt')
check old_inspector_confirms_with_own_identity "$status ${confirmed:-not confirmed}" '[[ $status == 200 && -n $confirmed ]]'

# The Orderer group's Admins policy (docs/operations.md): the old network has Fabric's default,
# under which the joint office alone may change the ordering service; channel-update.sh migrates it
# to the policy of networks made now, signed by the joint office and both regions.
admins_before=$(CDCQ_DATA="$DATA" "$ROOT/scripts/channel-update.sh" show-orderer-admins 2>>"$DATA/orderer-admins.log" || echo "?")
check orderer_admins_default_before_migration "$admins_before" '[[ $admins_before == "MAJORITY Admins" ]]'
t=$SECONDS
block=$(CDCQ_DATA="$DATA" "$ROOT/scripts/channel-update.sh" set-orderer-admins 2>>"$DATA/orderer-admins.log" || echo "failed")
admins_after=$(CDCQ_DATA="$DATA" "$ROOT/scripts/channel-update.sh" show-orderer-admins 2>>"$DATA/orderer-admins.log" || echo "?")
check orderer_admins_migrated "config block $block in $((SECONDS - t)) s: $admins_after" \
  '[[ $admins_after == "3 of OrdererMSP.admin, ChengduMSP.admin, ChongqingMSP.admin" ]]'
# Refused for the policy, not for anything else (the orderer names the policy it found unsatisfied).
if out=$(CDCQ_DATA="$DATA" "$ROOT/scripts/channel-update.sh" --signers orderer set-batch-timeout 3s 2>&1); then
  alone=accepted
elif grep -q 'BatchTimeout not satisfied' <<<"$out"; then
  alone="refused: BatchTimeout not satisfied"
else
  alone="failed otherwise"
fi
echo "$out" >> "$DATA/orderer-admins.log"
check joint_office_alone_refused_after_migration "a batch-timeout change signed by the orderer admin alone: $alone" '[[ $alone == refused:* ]]'

log "upgrade test: $(( ${#failed[@]} )) failed check(s) in $((SECONDS - started)) s; results in $RESULTS"
(( ${#failed[@]} == 0 )) || { printf '  %s\n' "${failed[@]}" >&2; exit 1; }
