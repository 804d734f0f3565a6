# Channel configuration updates the way Fabric does them, for scripts/channel-update.sh and the
# onboarding scripts (add-orderer.sh, rotate-tls.sh, replace-orderer.sh, add-peer.sh): fetch the
# latest config block, decode it to JSON with configtxlator, let the caller edit the JSON, compute
# the update between the two, wrap it in an envelope, have each signer's admin sign it, submit it
# to the ordering service, and wait until every running peer has committed the new config block.
#
# Needs: DATA, CHANNEL, BIN (configtxlator), the peer_cli of scripts/lib/network.sh, and a work
# folder in WORK (the caller makes and removes it).

orderer_args() { echo -o "$(live_orderer_endpoint)" --tls --cafile "$DATA/orgs/orderer/msp/tlscacerts/ca.pem"; }

# The current channel configuration (the config of the latest config block) as JSON; the block
# itself stays in WORK/config_block.pb (an orderer joining the channel needs it).
fetch_config() { # out.json
  # shellcheck disable=SC2046
  peer_cli chengdu channel fetch config "$WORK/config_block.pb" -c "$CHANNEL" $(orderer_args) \
    >>"$WORK/log" 2>&1 || { cat "$WORK/log" >&2; die "could not fetch the config block of $CHANNEL"; }
  "$BIN/configtxlator" proto_decode --input "$WORK/config_block.pb" --type common.Block --output "$WORK/block.json"
  jq '.data.data[0].payload.data.config' "$WORK/block.json" > "$1"
}

# The peer CLI as ORG's admin on a FILE (the envelope of a configuration update) that it signs in
# place: in the split layout as the organization's own Unix user, the file handed to it through a
# folder of its own and taken back signed (as it would travel between the bureaus' hosts), so the
# signature is made by a process that can read that organization's key and no other's. Every
# FILE in ARGS is the handed-over copy.
region_sign() { # org file peer-cli-args...
  local org=$1 file=$2; shift 2
  if ! split_layout; then peer_cli "$org" "$@"; return; fi
  local r hand a rc=0; r=$(region_of "$org"); hand="$DATA/home/$r/handover"
  mkdir -p "$hand"; cp "$file" "$hand/${file##*/}"
  local -a args=()
  for a in "$@"; do [[ $a == "$file" ]] && args+=("$hand/${file##*/}") || args+=("$a"); done
  PEER_CLI_AS_REGION=1 peer_cli "$org" "${args[@]}" || rc=$?
  (( rc == 0 )) && cp "$hand/${file##*/}" "$file"
  rm -f "$hand/${file##*/}"
  return $rc
}

# Computes the update from original.json to modified.json, signs it with each signer's admin
# (peer channel signconfigtx) and submits it with the last one (peer channel update, which adds
# that admin's signature), then waits for both peers to commit the new config block. Prints the
# new config block's number ("unchanged" when there was nothing to change).
submit_update() { # original.json modified.json signers (comma-separated, in signing order)
  local original=$1 modified=$2 signers=$3
  local previous; previous=$(jq -r '.header.number' "$WORK/block.json") # the config block original.json came from
  "$BIN/configtxlator" proto_encode --input "$original" --type common.Config --output "$WORK/original.pb"
  "$BIN/configtxlator" proto_encode --input "$modified" --type common.Config --output "$WORK/modified.pb"
  "$BIN/configtxlator" compute_update --channel_id "$CHANNEL" --original "$WORK/original.pb" \
    --updated "$WORK/modified.pb" --output "$WORK/update.pb" 2>"$WORK/compute.log" \
    || { grep -q "no differences" "$WORK/compute.log" && { log "the channel configuration already says so: nothing to update"; echo unchanged; return 0; }
         cat "$WORK/compute.log" >&2; die "configtxlator compute_update failed"; }
  "$BIN/configtxlator" proto_decode --input "$WORK/update.pb" --type common.ConfigUpdate --output "$WORK/update.json"
  jq -n --arg ch "$CHANNEL" --slurpfile u "$WORK/update.json" \
    '{payload: {header: {channel_header: {channel_id: $ch, type: 2}}, data: {config_update: $u[0]}}}' \
    > "$WORK/envelope.json"
  "$BIN/configtxlator" proto_encode --input "$WORK/envelope.json" --type common.Envelope --output "$WORK/envelope.pb"
  local -a orgs; IFS=, read -r -a orgs <<<"$signers"
  (( ${#orgs[@]} >= 1 )) || die "no organization named to sign the update"
  local i
  for ((i = 0; i < ${#orgs[@]} - 1; i++)); do
    msp_of "${orgs[i]}" >/dev/null
    region_sign "${orgs[i]}" "$WORK/envelope.pb" channel signconfigtx -f "$WORK/envelope.pb" >>"$WORK/log" 2>&1 \
      || { cat "$WORK/log" >&2; die "the admin of ${orgs[i]} could not sign the update"; }
    log "signed by the admin of ${orgs[i]}$(split_layout && echo " (as $(region_user "${orgs[i]}"))")"
  done
  local last=${orgs[-1]}
  msp_of "$last" >/dev/null
  # An orderer judges a change of the consenter set by the nodes its Raft leader last reported
  # active (etcdraft's Tracker: cleared while the channel has no leader, sent to the followers
  # only once the new leader has seen the same set for a few ticks). Just after a leader change it
  # refuses the update as "0 out of 4 nodes are alive, configuration will result in quorum loss"
  # though a quorum runs: that refusal alone is tried again, for up to 30 s.
  local tries=0 rc
  while :; do
    rc=0
    # shellcheck disable=SC2046
    region_sign "$last" "$WORK/envelope.pb" channel update -f "$WORK/envelope.pb" -c "$CHANNEL" $(orderer_args) >"$WORK/update.log" 2>&1 || rc=$?
    if (( rc != 0 )) && grep -q "nodes are alive, configuration will result in quorum loss" "$WORK/update.log" \
        && (( tries < 15 )); then
      tries=$((tries + 1))
      log "the ordering service does not see a quorum of consenters alive yet; trying again in 2 s ($tries/15)"
      sleep 2
      continue
    fi
    break
  done
  if (( rc != 0 )); then
    # The orderer's reason (e.g. "implicit policy evaluation failed - 1 sub-policies were
    # satisfied, but this policy requires 2 of the 'Admins' sub-policies to be satisfied").
    sed -n 's/.*\(Error: .*\)/\1/p' "$WORK/update.log" >&2
    die "the ordering service refused the update signed by ${signers//,/ and } (reason above)"
  fi
  log "signed by the admin of $last$(split_layout && echo " (as $(region_user "$last"))") and submitted"
  # The new config block, as the orderer has it; both peers must have committed it (and so
  # apply the new configuration) before the caller relies on it.
  local block deadline=$((SECONDS + 60)) cd cq
  while :; do # the orderer has accepted the update; its block may take a moment to be cut
    fetch_config "$WORK/after.json"
    block=$(jq -r '.header.number' "$WORK/block.json")
    [[ "$block" != "$previous" ]] && break
    (( SECONDS < deadline )) || die "the update was accepted but no new config block appeared in 60 s"
    sleep 0.3
  done
  while :; do
    cd=$(channel_height chengdu); cq=$(channel_height chongqing)
    [[ -n "$cd" && -n "$cq" && "$cd" -gt "$block" && "$cq" -gt "$block" ]] && break
    (( SECONDS < deadline )) || die "config block $block was accepted but a peer has not committed it in 60 s (heights: chengdu $cd, chongqing $cq)"
    sleep 0.3
  done
  echo "$block"
}
