# Whether the Java modules need building for start.sh: the deployable jars exist and no file
# they are built from (POMs, main sources and resources) is newer than the last build start.sh
# made. The jars' own times cannot tell (the reproducible build dates the service jar to
# project.build.outputTimestamp), so a stamp in target/ marks each successful build; tests
# (src/test) do not go into the jars, so they do not count. Sourced by start.sh.

JAVA_DEPLOYABLES=("$ROOT/chaincode/contract/target/registry-chaincode.jar" "$ROOT/client/target/registry-service.jar")
JAVA_BUILD_STAMP="$ROOT/client/target/.start-build-stamp"

# Prints why a build is needed (and succeeds), or fails when the jars are current.
java_build_needed() {
  local jar
  for jar in "${JAVA_DEPLOYABLES[@]}"; do
    [[ -f "$jar" ]] || { echo "$jar is missing"; return 0; }
  done
  [[ -f "$JAVA_BUILD_STAMP" ]] || { echo "no build by start.sh recorded yet"; return 0; }
  local newer
  newer=$(cd "$ROOT" && find pom.xml chaincode/pom.xml chaincode/*/pom.xml client/pom.xml \
            chaincode/*/src/main client/src/main -type f -newer "$JAVA_BUILD_STAMP" -print -quit 2>/dev/null)
  [[ -n "$newer" ]] && { echo "$newer changed since the last build"; return 0; }
  return 1
}

# Records a successful build; the stamp is touched before the build starts, so a source edited
# during the build counts as newer next time.
java_build() {
  local stamp="$JAVA_BUILD_STAMP.new"
  mkdir -p "$(dirname "$stamp")" && touch "$stamp"
  (cd "$ROOT" && mvn -q -B -DskipTests install) >&2 || { rm -f "$stamp"; return 1; }
  mv "$stamp" "$JAVA_BUILD_STAMP"
}
