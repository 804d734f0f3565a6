# Whether the Java modules need building for start.sh: the deployable jars exist and no file
# they are built from (POMs, main sources and resources) is newer than the older of them.
# Sourced by start.sh; tests (src/test) do not go into the jars, so they do not count.

JAVA_DEPLOYABLES=("$ROOT/chaincode/contract/target/registry-chaincode.jar" "$ROOT/client/target/registry-service.jar")

# Prints the first input newer than the jars (or the missing jar) and succeeds when a build is needed.
java_build_needed() {
  local jar oldest=""
  for jar in "${JAVA_DEPLOYABLES[@]}"; do
    [[ -f "$jar" ]] || { echo "$jar is missing"; return 0; }
    [[ -z "$oldest" || "$jar" -ot "$oldest" ]] && oldest=$jar
  done
  local newer
  newer=$(cd "$ROOT" && find pom.xml chaincode/pom.xml chaincode/*/pom.xml client/pom.xml \
            chaincode/*/src/main client/src/main -type f -newer "$oldest" -print -quit 2>/dev/null)
  [[ -n "$newer" ]] && { echo "$newer is newer than $(basename "$oldest")"; return 0; }
  return 1
}
