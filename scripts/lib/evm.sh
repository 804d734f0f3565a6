# The local EVM node the checkpoints are anchored on in tests and on a local network
# (docs/anchoring.md): Foundry's anvil (the binary inside npm's @foundry-rs/anvil) on
# 127.0.0.1:PORT_BASE+600, one block a second, and the anchoring contract
# (client/src/main/solidity/CheckpointAnchor.sol) compiled with npm's solc and deployed on it.
# The npm packages come from scripts/evm/package-lock.json (npm ci) into .data/evm-tools
# (git-ignored), again only when the lock changes. Writes DATA/evm.properties, which
# service_config turns into the services' registry.anchor settings. Sourced by test.sh, start.sh.

EVM_TOOLS="$ROOT/.data/evm-tools"
EVM_CHAIN_ID=31337

evm_port() { echo $((PORT_BASE + 600)); }
evm_url() { echo "http://127.0.0.1:$(evm_port)"; }

ensure_evm_tools() {
  local src="$ROOT/scripts/evm"
  npm_install_locked "$src" "$EVM_TOOLS" "the EVM tools (anvil, solc)"
  cp "$src/evm.mjs" "$EVM_TOOLS/"
  EVM_ANVIL=$(find "$EVM_TOOLS/node_modules/@foundry-rs" -path '*/bin/anvil' -type f 2>/dev/null | head -n 1)
  [[ -n "$EVM_ANVIL" ]] || die "no anvil binary for this platform under $EVM_TOOLS/node_modules/@foundry-rs"
  chmod +x "$EVM_ANVIL"
}

# Starts anvil (unless it runs), deploys the contract once per data folder, writes DATA/evm.properties.
evm_up() {
  ensure_evm_tools
  local port url; port=$(evm_port); url=$(evm_url)
  if ! proc_alive evm-node; then
    check_ports_free "$port"
    mkdir -p "$DATA/evm"
    # --state: the chain is saved on exit and loaded on start, so a restart keeps the anchors.
    start_proc evm-node "$EVM_ANVIL" --host 127.0.0.1 --port "$port" --chain-id "$EVM_CHAIN_ID" --block-time 1 \
      --state "$DATA/evm/anvil-state.json" --silent
    wait_port evm-node "$port" "$LAST_PID" 60 "$DATA/logs/evm-node.log" || die "the EVM node did not start"
  fi
  if [[ ! -f "$DATA/evm.properties" ]]; then
    local address
    address=$(node "$EVM_TOOLS/evm.mjs" deploy "$url" "$ROOT/client/src/main/solidity/CheckpointAnchor.sol" "$DATA/evm/build") \
      || die "deploying the anchoring contract on $url failed (output above)"
    {
      echo "# Written by scripts/lib/evm.sh: the local EVM node and the anchoring contract"
      echo "rpcUrl=$url"
      echo "chainId=$EVM_CHAIN_ID"
      echo "contractAddress=$address"
      echo "confirmations=2"
    } > "$DATA/evm.properties.tmp"
    mv "$DATA/evm.properties.tmp" "$DATA/evm.properties"
    log "anchoring contract deployed at $address on $url"
  fi
}

evm_prop() { sed -n "s/^$1=//p" "$DATA/evm.properties"; }

# The services' registry.anchor block (YAML, two-space indented under registry:), if the node is set up.
# The address is quoted: unquoted, YAML reads 0x... as a hexadecimal number.
evm_service_yaml() {
  [[ -f "$DATA/evm.properties" ]] || return 0
  cat <<YML
  anchor:
    enabled: true
    rpc-url: "$(evm_prop rpcUrl)"
    chain-id: $(evm_prop chainId)
    contract-address: "$(evm_prop contractAddress)"
    confirmations: $(evm_prop confirmations)
    checkpoints: # automatic checkpoints (docs/anchoring.md); test.sh turns them off, AnchorIT on and off again
      interval-seconds: ${CHECKPOINT_INTERVAL_SECONDS:-600}
      records: ${CHECKPOINT_RECORDS:-1000}
      countersign: ${CHECKPOINT_AUTO:-true}
      anchor: ${CHECKPOINT_AUTO:-true}
YML
}

# Where service-ORG writes its EVM account's address (its key stays beside it, in its data folder).
evm_address_file() { echo "$DATA/service/$1/anchor/evm.key.address"; }

# Gives each service's EVM account (evm_address_file) 100 ether on
# the local node (anvil_setBalance: a set, so doing it again on every start changes nothing).
# The regions' calls run at once.
evm_fund_services() {
  [[ -f "$DATA/evm.properties" ]] || return 0
  local org file failed=0
  local -a pids=()
  for org in "${SERVICE_REGIONS[@]}"; do
    file=$(evm_address_file "$org")
    [[ -f "$file" ]] || die "service-$org wrote no EVM address to $file (is registry.anchor enabled?)"
    node "$EVM_TOOLS/evm.mjs" fund "$(evm_prop rpcUrl)" "$(tr -d '[:space:]' < "$file")" 100000000000000000000 &
    pids+=("$!")
  done
  for org in "${!pids[@]}"; do
    wait "${pids[$org]}" || { echo "funding service-${SERVICE_REGIONS[$org]}'s EVM account failed" >&2; failed=1; }
  done
  (( failed == 0 )) || die "funding the services' EVM accounts failed (output above)"
  log "EVM accounts of the services funded on $(evm_prop rpcUrl)"
}

# Whether every service's EVM address is known before it starts: only a first start must wait
# for the service to write it.
evm_addresses_known() {
  [[ -f "$DATA/evm.properties" ]] || return 1
  local org
  for org in "${SERVICE_REGIONS[@]}"; do
    [[ -f "$(evm_address_file "$org")" ]] || return 1
  done
}
