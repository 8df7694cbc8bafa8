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

# The services' JVM flags when SERVICE_JAVA_OPTS is not set: the launcher's, and the benchmark's unless it is given
# others (docs/operations.md, "JVM flags"). The full tiered JIT; a small serial-GC heap that gives memory back after
# a burst; the code cache left at the JDK's size: capped at 64 MB, each 10 MB of new compiled code (the JDK's
# SweeperThreshold, 15 % of the cap) set off a full collection to unload old code, 0.1-3 s pauses under load
# (docs/benchmarks.md, "What profiling found", row 30); metaspace's first threshold at 128 MB instead of 21, so a
# start without a cache runs at most one full collection for it instead of three or four. Then what JAVA_HOME's JDK
# has: a periodic trim of the C heap (JDK 22: memory freed after a burst goes back to the system) and compact object
# headers (JDK 25: a smaller heap). The JDK's feature release may be passed in by a caller that already read it.
billstream_service_java_opts() {
  local major="${1:-$(billstream_java_major)}"
  local opts="-Xms32m -Xmx384m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k"
  opts="$opts -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=256m"
  if [ "$major" -ge 22 ]; then opts="$opts -XX:TrimNativeHeapInterval=10000"; fi
  if [ "$major" -ge 25 ]; then opts="$opts -XX:+UseCompactObjectHeaders"; fi
  echo "$opts"
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
