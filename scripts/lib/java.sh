# Sourced, not run: picks a JDK >= 21 for the launcher, CI and the benchmark harness (one place to change it).
#   . scripts/lib/java.sh && billstream_pick_java || exit 1
# Order: a JAVA_HOME that is already >= 21, then the JDKs our machines install, then whatever `java` is on the PATH.
# Exports JAVA_HOME; returns 1 (and says why on stderr) when there is none.

billstream_java_ok() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; }

billstream_pick_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
    /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -n "$candidate" ] && billstream_java_ok "$candidate"; then export JAVA_HOME="$candidate"; return 0; fi
  done
  if command -v java >/dev/null; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    if billstream_java_ok "$candidate"; then export JAVA_HOME="$candidate"; return 0; fi
  fi
  printf 'a JDK >= 21 is needed; set JAVA_HOME\n' >&2
  return 1
}

# The name under which a service keeps its JDK 25 ahead-of-time cache: a cache only fits the JDK and the -XX flags
# it was made with (the launcher's aot_flags; bench/run.sh checks for one before it measures). Uses JAVA_HOME and
# SERVICE_JAVA_OPTS.
billstream_aot_key() {
  { "$JAVA_HOME/bin/java" -version 2>&1; printf '%s\n' ${SERVICE_JAVA_OPTS:-} | grep '^-XX:' | sort; } | cksum | cut -d' ' -f1
}
