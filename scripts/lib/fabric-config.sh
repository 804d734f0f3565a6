# Fabric configuration files derived from Fabric's own sampleconfig, shared by the local network
# (scripts/lib/network.sh) and the deployment renderer (scripts/deploy-render.sh). Sourced.

# Fabric's core.yaml with three changes: no Docker endpoint (with one set, the peer's health
# check fails on a machine without Docker), this project's ccaas builder, and the two variables
# that builder reads propagated to it (network/ccaas-builder/bin/release).
peer_core_yaml() { # sample-core.yaml builder-dir > core.yaml
  sed -e 's|^\(\s*endpoint:\) unix:///var/run/docker.sock|\1|' \
      -e "s|^\(\s*path:\) /opt/hyperledger/ccaas_builder|\1 $2|" \
      -e 's|^\(\s*\)- CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG|\1- CDCQ_CHAINCODE_ADDRESS\n\1- CDCQ_CHAINCODE_TLS_ROOT|' "$1"
}
