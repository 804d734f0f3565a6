# What the onboarding procedures share (scripts/add-peer.sh, add-orderer.sh, rotate-tls.sh,
# replace-orderer.sh, chaincode-upgrade.sh; docs/operations.md "Changing the network"): the
# running network they act on, fresh TLS certificates from a CA, the orderers' view of the
# channel, and consenter entries of the channel configuration.
#
# Sourced after scripts/lib/common.sh.

source "$ROOT/scripts/lib/prereqs.sh"
source "$ROOT/scripts/lib/network.sh"
source "$ROOT/scripts/lib/chaincode.sh"
source "$ROOT/scripts/lib/channel-config.sh"

# The running network in DIR (its data folder, port base and policy as start.sh recorded them),
# Fabric's binaries, and a work folder removed on exit.
onboard_init() { # data-dir
  adopt_running_network "$1"
  BIN=$(network_bin)
  network_setup_vars
  command -v jq >/dev/null || die "jq is missing: install it (apt-get install jq)"
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/onboard.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
}

# Who must sign a change of the ordering service (consenters, orderer endpoints): the joint
# office's orderer admin and both regions (the Orderer group's Admins policy,
# network/configtx.yaml.tmpl). The last one submits.
ORDERING_SIGNERS=orderer,chengdu,chongqing

# Enrolls a new key and TLS certificate for an identity registered at ORG's CA into OUT (tls/
# layout as scripts/lib/network.sh writes it: signcerts/cert.pem, keystore/key.pem, ca.pem). The
# enrolment secret is the one the operator's registrar keeps in DATA/ca-admin/ORG/secrets.
enroll_tls() { # org ca-port name hosts out
  local org=$1 port=$2 name=$3 hosts=$4 out=$5 secretfile="$DATA/ca-admin/$1/secrets/$3"
  [[ -f "$secretfile" ]] || die "no enrolment secret for $name at ca-$org ($secretfile): was it registered by these scripts?"
  rm -rf "$out"
  FABRIC_CA_CLIENT_HOME="$DATA/ca-admin/$org" "$BIN/fabric-ca-client" enroll \
    -u "https://$name:$(cat "$secretfile")@$(region_host "$org"):$port" --caname "ca-$org" \
    --tls.certfiles "$(ca_dir "$org")/ca-cert.pem" --enrollment.profile tls --csr.hosts "$hosts" \
    --mspdir "$out" >>"$DATA/logs/enroll.log" 2>&1 \
    || die "could not enroll a new TLS certificate for $name at ca-$org; see $DATA/logs/enroll.log"
  mv "$out"/keystore/*_sk "$out/keystore/key.pem"
  cp "$out"/tlscacerts/*.pem "$out/ca.pem"
  chmod 700 "$out/keystore"; chmod 600 "$out/keystore/key.pem"
}

x509_serial() { openssl x509 -noout -serial -in "$1" | cut -d= -f2; }

# "status relation height" of the channel on orderer I, as its admin endpoint reports it
# (empty when it does not answer).
orderer_channel() { # index
  { osnadmin "$1" list --channelID "$CHANNEL" 2>/dev/null || true; } | sed -n '/^{/,$p' \
    | jq -r 'select(.status != null) | "\(.status) \(.consensusRelation) \(.height)"' 2>/dev/null || true
}

# The highest channel height any orderer reports.
orderers_height() {
  local i s r h max=0
  for i in $(orderer_indexes); do
    read -r s r h < <(orderer_channel "$i"; echo) || true
    [[ $h =~ ^[0-9]+$ ]] && (( h > max )) && max=$h
  done
  echo "$max"
}

# Waits until orderer I is an active member of the channel with RELATION (consenter or follower)
# and has at least MIN-HEIGHT blocks (default: within 5 blocks of the highest any orderer has:
# under load the others go on cutting blocks, and a follower replicates them in rounds).
wait_orderer() { # index relation timeout-seconds [min-height]
  local i=$1 want=$2 deadline=$((SECONDS + $3)) min=${4:-} s="" r="" h="" top
  while :; do
    read -r s r h < <(orderer_channel "$i"; echo) || true
    top=${min:-$(( $(orderers_height) - 5 ))}
    if [[ $s == active && $r == "$want" && $h =~ ^[0-9]+$ ]] && (( h >= top )); then
      # A consenter counts once the leader hears from every node of the cluster again (a node
      # whose certificate the others no longer accept reports itself active all the same).
      [[ $want != consenter ]] && return 0
      [[ $(raft_whole) == yes ]] && return 0
    fi
    (( SECONDS < deadline )) || die "orderer$i is '${s:-no answer} ${r} at height ${h:-?}' after $3 s, not an active $want at height $top or more$([[ $want == consenter ]] && echo " in a whole cluster (leader: $(raft_whole))"); see $DATA/logs/orderer$i.log"
    sleep 0.5
  done
}

# "INDEX ACTIVE SIZE" of the orderer that reports itself the channel's Raft leader (metrics
# is_leader, active_nodes, cluster_size); nothing when none does.
raft_leader_counts() {
  local i ops v a c
  for i in $(orderer_indexes); do
    read -r _ _ ops < <(orderer_ports "$i")
    v=$(peer_metric "$ops" "consensus_etcdraft_is_leader{channel=\"$CHANNEL\"}" 2>/dev/null || true)
    [[ ${v%.*} == 1 ]] || continue
    a=$(peer_metric "$ops" "consensus_etcdraft_active_nodes{channel=\"$CHANNEL\"}" 2>/dev/null || true)
    c=$(peer_metric "$ops" "consensus_etcdraft_cluster_size{channel=\"$CHANNEL\"}" 2>/dev/null || true)
    echo "$i ${a%.*} ${c%.*}"; return 0
  done
}

# "yes" when the Raft leader reports every node of the cluster active (active_nodes =
# cluster_size), else what it reports ("orderer1, 2 of 3 active", "no leader").
raft_whole() {
  local i a c
  read -r i a c < <(raft_leader_counts) || true
  [[ -n ${i:-} ]] || { echo "no leader"; return 0; }
  [[ -n $a && $a == "$c" ]] && { echo yes; return 0; }
  echo "orderer$i, $a of $c active"
}

# Succeeds when the Raft leader reports a quorum of the cluster active (active_nodes >=
# cluster_size / 2 + 1); prints what it reports otherwise.
raft_quorum_active() {
  local i a c
  read -r i a c < <(raft_leader_counts) || true
  [[ -n ${i:-} ]] || { echo "no leader"; return 1; }
  [[ -n $a && -n $c ]] && (( a >= c / 2 + 1 )) && return 0
  echo "orderer$i leads, $a of $c active"; return 1
}

# The consenter entries of the channel configuration in FILE (config JSON) as "host:port" lines.
consenters_of() { jq -r '.channel_group.groups.Orderer.values.ConsensusType.value.metadata.consenters[] | "\(.host):\(.port)"' "$1"; }

# Waits until every running peer of both regions has at least the height the orderers have.
wait_peers_caught_up() { # timeout-seconds
  local deadline=$((SECONDS + $1)) top cd cq
  top=$(orderers_height)
  while :; do
    cd=$(channel_height chengdu); cq=$(channel_height chongqing)
    [[ -n "$cd" && -n "$cq" ]] && (( cd >= top && cq >= top )) && return 0
    (( SECONDS < deadline )) || die "the peers have not reached the orderers' height $top in $1 s (chengdu ${cd:-?}, chongqing ${cq:-?})"
    sleep 0.5
  done
}

# Makes orderer I, enrolled already, a consenter: starts it, joins it to the channel from the
# latest config block as a follower (it replicates every block from the consenters), then adds
# it to the consenter set and its endpoint to the ordering endpoints by an update signed by the
# joint office and both regions. Prints the config block that made it a consenter.
add_consenter() { # index
  local index=$1 dir="$DATA/orderers/orderer$1" port admin ops block t=$SECONDS cert
  read -r port admin ops < <(orderer_ports "$index")
  orderer_start "$index" "$port" "$admin" "$ops"
  wait_pending
  fetch_config "$WORK/original.json"
  if [[ -z "$(orderer_channel "$index")" ]]; then
    osnadmin "$index" join --channelID "$CHANNEL" --config-block "$WORK/config_block.pb" >>"$DATA/logs/channel.log" 2>&1 \
      || die "orderer$index could not join $CHANNEL; see $DATA/logs/channel.log and $DATA/logs/orderer$index.log"
  fi
  # A follower has replicated what there was when it joined (the join block and all before it).
  wait_orderer "$index" follower 180 $(( $(jq -r '.header.number' "$WORK/block.json") + 1 ))
  log "orderer$index joined $CHANNEL as a follower and replicated to height $(orderers_height) in $((SECONDS - t)) s"
  cert=$(base64 -w0 < "$dir/tls/signcerts/cert.pem")
  jq --arg h "$(region_host "orderer$index")" --arg p "$port" --arg c "$cert" '
    .channel_group.groups.Orderer.values.ConsensusType.value.metadata.consenters +=
      [{host: $h, port: ($p | tonumber), client_tls_cert: $c, server_tls_cert: $c}]
    | .channel_group.groups.Orderer.groups.OrdererOrg.values.Endpoints.value.addresses |= ((. + [$h + ":" + $p]) | unique)' \
    "$WORK/original.json" > "$WORK/modified.json"
  block=$(submit_update "$WORK/original.json" "$WORK/modified.json" "$ORDERING_SIGNERS")
  wait_orderer "$index" consenter 180
  log "orderer$index is a consenter of $CHANNEL from config block $block ($(consenters_of "$WORK/after.json" | wc -l) consenters)"
  echo "$block"
}

# Removes the consenter on PORT (on whichever host: every port of the layout is distinct) and its
# ordering endpoint (signed by the joint office and both regions). Prints the config block.
remove_consenter() { # port
  local port=$1
  fetch_config "$WORK/original.json"
  jq --arg p "$port" '
    .channel_group.groups.Orderer.values.ConsensusType.value.metadata.consenters |=
      map(select(.port != ($p | tonumber)))
    | .channel_group.groups.Orderer.groups.OrdererOrg.values.Endpoints.value.addresses |= map(select(endswith(":" + $p) | not))' \
    "$WORK/original.json" > "$WORK/modified.json"
  submit_update "$WORK/original.json" "$WORK/modified.json" "$ORDERING_SIGNERS"
}
