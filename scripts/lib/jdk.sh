# The JDK every script uses, for Maven and for the processes it starts: the regional service and
# its CLI need Java 21 or later (web3j, issue 13, is compiled for Java 21; the chaincode modules
# still compile for 17 and run on the same JDK). Takes JAVA_HOME when it is 21 or later, else
# the newest JDK of 21 or later under /usr/lib/jvm, and puts it first on PATH. Sourced by
# common.sh and registry-cli.sh.

jdk_major() { # java binary
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

select_jdk() {
  local home major best="" best_major=0
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]]; then
    major=$(jdk_major "$JAVA_HOME/bin/java")
    if (( ${major:-0} >= 21 )); then best=$JAVA_HOME best_major=$major; fi
  fi
  if [[ -z "$best" ]]; then
    for home in /usr/lib/jvm/*/; do
      home=${home%/}
      [[ -x "$home/bin/javac" && ! -L "$home" ]] || continue
      major=$(jdk_major "$home/bin/java")
      if (( ${major:-0} >= 21 && major > best_major )); then best=$home best_major=$major; fi
    done
  fi
  if [[ -z "$best" ]]; then
    printf 'ERROR: %s\n' "no JDK 21 or later found (JAVA_HOME=${JAVA_HOME:-unset}, none under /usr/lib/jvm): the regional service uses web3j, which needs Java 21+; install one (e.g. a Temurin 21 or 25 JDK) or set JAVA_HOME to it" >&2
    return 1
  fi
  export JAVA_HOME=$best
  case ":$PATH:" in *":$JAVA_HOME/bin:"*) ;; *) export PATH="$JAVA_HOME/bin:$PATH";; esac
}

select_jdk || exit 1
