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

# The feature release of JAVA_HOME's JDK (25 for "25.0.3"), or 0 when it cannot be read.
billstream_java_major() {
  local major
  major="$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
  echo "${major:-0}"
}

# The JDK 25 ahead-of-time cache of a service (the launcher's aot_flags; bench/run.sh checks for one before it
# measures): <run dir>/app/<id>.<key>.aot, where the key is a checksum of the JDK's version and the -XX flags of
# SERVICE_JAVA_OPTS, because a cache only fits the JDK and flags it was made with.
billstream_aot_key() {
  { "$JAVA_HOME/bin/java" -version 2>&1; printf '%s\n' ${SERVICE_JAVA_OPTS:-} | grep '^-XX:' | sort; } | cksum | cut -d' ' -f1
}

# Whether a cache file is complete: the JVM removes its .config file once it has written the cache, so one left
# behind means the JVM was stopped half-way.
billstream_aot_complete() { [ -s "$1" ] && [ ! -e "$1.config" ]; }
