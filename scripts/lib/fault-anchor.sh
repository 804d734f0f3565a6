# The fault case of public anchoring (docs/anchoring.md, docs/reliability.md): the EVM node
# restarted while a checkpoint's anchoring transaction is pending. Sourced by scripts/fault-test.sh,
# which provides DATA, FAULT_WORK, figure, check and the fault center's api.

# evm_rpc METHOD PARAMS-JSON: the node's "result" (JSON), or nothing when it does not answer.
evm_rpc() {
  curl -sS --max-time 10 -H 'Content-Type: application/json' \
    --data "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "$(evm_prop rpcUrl)" 2>/dev/null \
    | jq -c '.result' 2>/dev/null || true
}

# bureau_api REGION METHOD PATH [BODY]: the answer's body, as that region's bootstrap administrator.
bureau_api() {
  local org=$1 method=$2 path=$3 body=${4:-}
  local -a data=()
  [[ -n "$body" ]] && data=(-H 'Content-Type: application/json' --data-binary "$body")
  curl -sS --max-time 200 -X "$method" -u "$(service_admin "$org"):$(cat "$DATA/service/$org/admin.password")" \
    "${data[@]}" "$(service_url "$org")$path"
}

case_anchor_restart() { # name index
  local name=$1 idx=$2 t0
  if [[ ! -f "$DATA/evm.properties" ]]; then
    figure "$name" evm_node "none in $DATA (evm.properties missing): this case needs the network's EVM node" FAIL
    return 0
  fi
  local off='{"intervalSeconds":0,"records":0,"countersign":false,"anchor":false}'
  bureau_api chengdu PUT /api/v1/checkpoints/schedule "$off" > /dev/null
  bureau_api chongqing PUT /api/v1/checkpoints/schedule "$off" > /dev/null
  # Something to checkpoint: a few certificates of the fault center.
  local i ok=0
  for i in 1 2 3; do
    acknowledged "$(api POST /api/v1/certificates "$(cert_json $((700000 + idx * 100 + i)))" | cut -d' ' -f1)" && ok=$((ok + 1))
  done
  figure "$name" certificates_issued "$ok of 3"
  local proposed number signed
  proposed=$(bureau_api chengdu POST /api/v1/checkpoints)
  number=$(jq -r '.statement.number // empty' <<<"$proposed")
  [[ -n "$number" ]] || { figure "$name" proposed "$(head -c 300 <<<"$proposed")" FAIL; return 0; }
  signed=$(bureau_api chongqing POST "/api/v1/checkpoints/$number/countersignature" | jq -r '.status // empty')
  check "$name" "checkpoint $number countersigned" "${signed:-no answer}" '[[ $signed == SIGNED ]]'
  [[ $signed == SIGNED ]] || return 0

  # Mining paused, so the anchoring transaction stays pending; the anchoring call answers once
  # the anchor is confirmed or failed.
  evm_rpc evm_setIntervalMining '[0]' > /dev/null
  t0=$SECONDS
  local answer="$FAULT_WORK/$name-anchor.json"
  bureau_api chengdu POST "/api/v1/checkpoints/$number/anchor" > "$answer" &
  local anchoring=$!
  local pending="" tx=""
  for _ in $(seq 1 120); do
    pending=$(bureau_api chengdu GET "/api/v1/checkpoints/$number" | jq -r '.anchor.status // empty')
    [[ $pending == PENDING ]] && break
    sleep 0.5
  done
  tx=$(bureau_api chengdu GET "/api/v1/checkpoints/$number" | jq -r '.anchor.txHash // empty')
  check "$name" "anchor PENDING before the restart" "${pending:-none} ${tx:0:18}" '[[ $pending == PENDING && -n $tx ]]'
  local known_before; known_before=$(evm_rpc eth_getTransactionByHash "[\"$tx\"]")
  check "$name" "the node holds the pending transaction" "$([[ $known_before != null && -n $known_before ]] && echo yes || echo no)" \
    '[[ $known_before != null && -n $known_before ]]'

  # The restart: the node stops (saving its chain, not its pool of pending transactions) and
  # starts again on the same state, mining a block a second.
  log "$name: restarting the EVM node while transaction ${tx:0:18}... is pending"
  stop_proc evm-node
  sleep 2
  evm_up
  local known_after; known_after=$(evm_rpc eth_getTransactionByHash "[\"$tx\"]")
  figure "$name" "the restarted node knew the transaction" "$([[ $known_after != null && -n $known_after ]] && echo yes || echo no)"
  wait "$anchoring" || true
  local status final_tx attempts
  status=$(jq -r '.anchor.status // .code // "no answer"' "$answer" 2>/dev/null || echo "no answer")
  final_tx=$(jq -r '.anchor.txHash // empty' "$answer" 2>/dev/null || true)
  attempts=$(jq -r '.anchor.attempts // empty' "$answer" 2>/dev/null || true)
  check "$name" "anchor after the restart" "$status" '[[ $status == CONFIRMED ]]'
  check "$name" "the same transaction, sent again unchanged" "${final_tx:0:18} (attempts ${attempts:-?})" '[[ $final_tx == "$tx" ]]'
  local hash events
  hash=$(jq -r '.hash // empty' "$answer" 2>/dev/null || true)
  events=$(evm_rpc eth_getLogs "[{\"fromBlock\":\"0x0\",\"toBlock\":\"latest\",\"address\":\"$(evm_prop contractAddress)\",\"topics\":[null,null,\"0x$hash\"]}]" | jq 'length' 2>/dev/null || echo 0)
  check "$name" "Anchored events on the chain for checkpoint $number" "$events" '(( events == 1 ))'
  figure "$name" "seconds from anchoring to confirmed, restart included" "$((SECONDS - t0))"
}

# The world state of one peer altered on its disk, behind the ledger's back: a revoked
# certificate made VALID again in Chongqing's peer's state database (network/fabric-tools/
# leveldump -tamper, with the peer stopped). Per-record signatures do not cover a record's
# status; the anchor does. Also measures the gas of a checkpoint over a batch of 1,000.
case_state_tamper() { # name index batch-size
  local name=$1 idx=$2 size=$3 t0=$SECONDS
  if [[ ! -f "$DATA/evm.properties" ]]; then
    figure "$name" evm_node "none in $DATA (evm.properties missing): this case needs the network's EVM node" FAIL
    return 0
  fi
  local off='{"intervalSeconds":0,"records":0,"countersign":false,"anchor":false}'
  bureau_api chengdu PUT /api/v1/checkpoints/schedule "$off" > /dev/null
  bureau_api chongqing PUT /api/v1/checkpoints/schedule "$off" > /dev/null
  local first=$((720000 + idx * 1000)) number batch
  number=$(cert_number "$first")
  batch=$(api POST /api/v1/certificate-batches "$(batch_json "$first" "$size")")
  check "$name" "batch of $size issued" "$batch" '[[ ${batch%% *} == 201 || ${batch%% *} == 200 ]]'
  [[ ${batch%% *} == 201 || ${batch%% *} == 200 ]] || return 0
  local revoked
  revoked=$(bureau_api chengdu POST "/api/v1/certificates/$number/revoke" \
    '{"reasonCode":"FRAUDULENT_ASSESSMENT","reason":"fault case state-tamper"}' | jq -r '.status // .code // empty')
  check "$name" "certificate revoked by Chengdu" "${revoked:-no answer}" '[[ $revoked == REVOKED ]]'
  [[ $revoked == REVOKED ]] || return 0

  local proposed cp leaves signed anchored gas tx
  proposed=$(bureau_api chengdu POST /api/v1/checkpoints)
  cp=$(jq -r '.statement.number // empty' <<<"$proposed"); leaves=$(jq -r '.statement.leafCount // 0' <<<"$proposed")
  [[ -n "$cp" ]] || { figure "$name" proposed "$(head -c 300 <<<"$proposed")" FAIL; return 0; }
  signed=$(bureau_api chongqing POST "/api/v1/checkpoints/$cp/countersignature" | jq -r '.status // empty')
  anchored=$(bureau_api chengdu POST "/api/v1/checkpoints/$cp/anchor")
  tx=$(jq -r '.anchor.txHash // empty' <<<"$anchored")
  check "$name" "checkpoint $cp ($leaves writes) signed and anchored" "$signed $(jq -r '.anchor.status // .code' <<<"$anchored")" \
    '[[ $signed == SIGNED && $(jq -r ".anchor.status" <<<"$anchored") == CONFIRMED ]]'
  gas=$(evm_rpc eth_getTransactionReceipt "[\"$tx\"]" | jq -r '.gasUsed // empty')
  figure "$name" "gas of the anchor over $leaves writes" "$((gas))"

  local proof="$FAULT_WORK/$name-proof.json" before
  curl -sS --max-time 60 "$(service_url chongqing)/api/v1/public/anchor-proofs/certificates/$number" > "$proof"
  before=$(curl -sS --max-time 60 -H 'Content-Type: application/json' --data-binary "@$proof" \
    "$(service_url chongqing)/api/v1/public/anchor-proofs/verification" | jq -r '.valid')
  check "$name" "proof valid through Chongqing before the tampering" "$before" '[[ $before == true ]]'
  [[ $before == true ]] || return 0

  # The forgery: Chongqing's peer stopped, its state rewritten, started again.
  local dumper state="$DATA/peers/peer0-chongqing/ledger/ledgersData/stateLeveldb" out
  dumper=$(leveldump_bin)
  stop_proc peer0-chongqing
  out=$("$dumper" -tamper "$state" "\\x00certificate\\x00$number\\x00" '"status":"REVOKED"' '"status":"VALID"' 2>&1) \
    || { figure "$name" tamper "$out" FAIL; peer_restart chongqing; return 0; }
  peer_restart chongqing
  local cq_status cd_status
  cq_status=$(bureau_api chongqing GET "/api/v1/certificates/$number" | jq -r '.status // .code')
  cd_status=$(bureau_api chengdu GET "/api/v1/certificates/$number" | jq -r '.status // .code')
  figure "$name" "status read through Chongqing's peer / Chengdu's" "$cq_status / $cd_status"
  check "$name" "the forgery took (the state says VALID on one peer)" "$cq_status" '[[ $cq_status == VALID && $cd_status == REVOKED ]]'

  local via_cq via_cd step page
  via_cq=$(curl -sS --max-time 60 -H 'Content-Type: application/json' --data-binary "@$proof" \
    "$(service_url chongqing)/api/v1/public/anchor-proofs/verification")
  via_cd=$(curl -sS --max-time 60 -H 'Content-Type: application/json' --data-binary "@$proof" \
    "$(service_url chengdu)/api/v1/public/anchor-proofs/verification")
  step=$(jq -r '.steps[] | select(.name == "record-current") | .outcome' <<<"$via_cq")
  check "$name" "record-current through Chongqing after the tampering" "$step: $(jq -r '.steps[] | select(.name == "record-current") | .detail' <<<"$via_cq" | cut -c1-160)" \
    '[[ $step == FAIL && $(jq -r .valid <<<"$via_cq") == false ]]'
  check "$name" "the same proof through Chengdu" "valid $(jq -r .valid <<<"$via_cd")" '[[ $(jq -r .valid <<<"$via_cd") == true ]]'
  page=$(curl -sS --max-time 60 "$(service_url chongqing)/verify/$number" | grep -o 'data-anchor="[A-Z_]*"' | head -1)
  check "$name" "Chongqing's verification page" "$page" '[[ $page == "data-anchor=\"FAILED\"" ]]'

  # The two regions' operators compare ledger snapshots (docs/operations.md): they differ now.
  local snap src=0
  snap=$("$ROOT/scripts/snapshot-compare.sh" --data "$DATA" 2>&1) || src=$?
  check "$name" "snapshot-compare.sh after the tampering" "exit $src: $(tail -1 <<<"$snap" | cut -c10-170)" '(( src == 1 ))'

  # Undo the forgery, so later cases meet two peers that agree.
  stop_proc peer0-chongqing
  "$dumper" -tamper "$state" "\\x00certificate\\x00$number\\x00" '"status":"VALID"' '"status":"REVOKED"' 2>/dev/null \
    || figure "$name" "undo the tampering" "failed" FAIL
  peer_restart chongqing
  src=0
  snap=$("$ROOT/scripts/snapshot-compare.sh" --data "$DATA" 2>&1) || src=$?
  check "$name" "snapshot-compare.sh after the undo" "exit $src: $(tail -1 <<<"$snap" | cut -c10-170)" '(( src == 0 ))'
  figure "$name" seconds "$((SECONDS - t0))"
}
