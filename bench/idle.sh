#!/usr/bin/env bash
# What the stack costs with no request at all (docs/benchmarks.md, "At rest").
#
#   bench/idle.sh                uses the running stack (.run/pids), or starts one with `./billstream up` (the user's
#                                default JVM flags) and stops exactly what it started at the end
#
# Knobs (environment): IDLE_SETTLE_SECONDS (60) before measuring, IDLE_WINDOWS (3) windows of IDLE_WINDOW_SECONDS (60);
# the figures are each window's and their median (other work on a shared machine shows up as an outlier window).
# Per window: CPU of every process of the stack (utime+stime from /proc/<pid>/stat: the five services, Kafka, the
# mail catcher, each service database's PostgreSQL backends and the server's own background processes), the
# transactions each service database committed or rolled back (pg_stat_database), and each service's RSS.
# Transactions are the deterministic figure; CPU moves with the machine's noise.
# Results: bench/results/<UTC timestamp>-idle/idle.json and idle.md (the table docs/benchmarks.md shows).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
RUN="${BILLSTREAM_RUN_DIR:-$ROOT/.run}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${IDLE_OUT:-$BENCH/results/$STAMP-idle}"
SETTLE="${IDLE_SETTLE_SECONDS:-60}"
WINDOWS="${IDLE_WINDOWS:-3}"
WINDOW="${IDLE_WINDOW_SECONDS:-60}"
PGARGS=(-h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -tAq)
# a shared server may be out of connections for a moment: try again rather than lose the window
pg() { local i; for i in 1 2 3 4 5 6 7 8 9 10; do psql "${PGARGS[@]}" "$@" 2>/dev/null && return 0; sleep 1; done; psql "${PGARGS[@]}" "$@"; }
TICKS="$(getconf CLK_TCK)"
mkdir -p "$OUT"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

STARTED_STACK=0
if ! alive "$RUN/pids/gateway.pid"; then
  log "starting the stack: ./billstream up (SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-the launcher default})"
  "$ROOT/billstream" up >&2
  STARTED_STACK=1
fi
cleanup() { if [ "$STARTED_STACK" = 1 ]; then "$ROOT/billstream" down >&2 || true; fi; }
trap cleanup EXIT

# The databases the services use, from their own JDBC URLs (a benchmark run may point them at fresh databases).
databases() {
  local id pid url
  for pidfile in "$RUN"/pids/*.pid; do
    id="$(basename "$pidfile" .pid)"; case "$id" in kafka|greenmail) continue ;; esac
    pid="$(cat "$pidfile")"
    url="$(tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | sed -n 's/^SPRING_DATASOURCE_URL=//p')"
    local sysprop; sysprop="$(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | sed -n 's/^-Dspring.datasource.url=//p')"
    if [ -n "$sysprop" ]; then
      local app="${id%-[0-9]*}"; url="${sysprop//\$\{spring.application.name\}/$app}"
    fi
    [ -n "$url" ] && printf '%s %s\n' "$id" "${url##*/}"
  done | sort -u
}

# "<label> <ticks>" for every process of the stack at this instant.
cpu_snapshot() {
  local pidfile id pid
  for pidfile in "$RUN"/pids/*.pid; do
    id="$(basename "$pidfile" .pid)"; pid="$(cat "$pidfile")"
    [ -r "/proc/$pid/stat" ] && printf '%s %s\n' "$id" "$(ticks "$pid")"
  done
  # PostgreSQL: each backend under its database's name, the server's background processes under "postgres-server"
  local dbs; dbs="$(databases | awk '{print $2}' | sort -u | paste -sd, -)"
  pg -F' ' -c "select pid, coalesce(datname, '') from pg_stat_activity" | while read -r pid db; do
    [ -r "/proc/$pid/stat" ] || continue
    if [ -z "$db" ]; then printf 'postgres-server %s\n' "$(ticks "$pid")"
    elif [[ ",$dbs," == *",$db,"* ]]; then printf 'pg:%s@%s %s\n' "$db" "$pid" "$(ticks "$pid")"; fi
  done
}
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

xact_snapshot() {
  local dbs; dbs="$(databases | awk '{print "'"'"'" $2 "'"'"'"}' | sort -u | paste -sd, -)"
  pg -F' ' -c "select datname, xact_commit + xact_rollback from pg_stat_database where datname in ($dbs)"
}

rss_of() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$1/status" 2>/dev/null || echo 0; }

log "letting the stack settle for ${SETTLE} s"
sleep "$SETTLE"
windows_json=()
for ((w = 1; w <= WINDOWS; w++)); do
  cpu0="$(cpu_snapshot)"; x0="$(xact_snapshot)"; t0=$(date +%s.%N)
  sleep "$WINDOW"
  cpu1="$(cpu_snapshot)"; x1="$(xact_snapshot)"; t1=$(date +%s.%N)
  secs="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')"
  # CPU in % of one core per label; a PostgreSQL backend counts only if it lived through the window
  cpu_json="$(join -j1 <(sort <<< "$cpu0") <(sort <<< "$cpu1") | awk -v s="$secs" -v hz="$TICKS" '
    { label = $1; sub(/@[0-9]+$/, "", label); d[label] += ($3 - $2) }
    END { sep = ""; for (l in d) { printf "%s\"%s\": %.2f", sep, l, 100 * d[l] / hz / s; sep = ", " } }')"
  xact_json="$(join -j1 <(sort <<< "$x0") <(sort <<< "$x1") | awk -v s="$secs" '
    { printf "%s\"%s\": %.2f", sep, $1, ($3 - $2) / s; sep = ", " }')"
  rss_json="$(for pidfile in "$RUN"/pids/*.pid; do printf '"%s": %s\n' "$(basename "$pidfile" .pid)" "$(rss_of "$(cat "$pidfile")")"; done | paste -sd, -)"
  windows_json+=("{ \"seconds\": $secs, \"cpuPercentOfOneCore\": { $cpu_json }, \"transactionsPerSecond\": { $xact_json }, \"rssMiB\": { $rss_json }, \"loadAverage\": \"$(cut -d' ' -f1-3 /proc/loadavg)\" }")
  log "window $w/$WINDOWS done"
done

java_opts="$(tr '\0' ' ' < "/proc/$(cat "$RUN/pids/gateway.pid")/cmdline" | sed 's/ -jar .*//; s/^[^ ]* //')"
printf '{ "scenario": "idle", "windowSeconds": %s, "settleSeconds": %s, "serviceJavaOpts": "%s", "databases": "%s",\n  "windows": [\n    %s\n  ] }\n' \
  "$WINDOW" "$SETTLE" "$java_opts" "$(databases | paste -sd, -)" "$(IFS=$'\n'; echo "${windows_json[*]}" | paste -sd, - | sed 's/},{/},\n    {/g')" > "$OUT/idle.json"

# The medians per row, as a markdown table.
python3 - "$OUT/idle.json" > "$OUT/idle.md" <<'EOF'
import json, statistics, sys
data = json.load(open(sys.argv[1]))
ws = data["windows"]
def med(section, key):
    vals = [w[section].get(key) for w in ws if w[section].get(key) is not None]
    return statistics.median(vals) if vals else None
cpu_keys = sorted({k for w in ws for k in w["cpuPercentOfOneCore"]})
print(f"At rest, median of {len(ws)} windows of {data['windowSeconds']} s (JVM flags: `{data['serviceJavaOpts']}`)\n")
print("| process | CPU (% of one core) | RSS (MiB) |")
print("| --- | ---: | ---: |")
total = 0.0
for k in cpu_keys:
    c = med("cpuPercentOfOneCore", k); total += c or 0
    r = med("rssMiB", k)
    print(f"| {k} | {c:.2f} | {'' if r is None else int(r)} |")
print(f"| **whole stack** | **{total:.2f}** | |\n")
print("| database | transactions/s |")
print("| --- | ---: |")
tx_total = 0.0
for k in sorted({k for w in ws for k in w["transactionsPerSecond"]}):
    t = med("transactionsPerSecond", k); tx_total += t
    print(f"| {k} | {t:.2f} |")
print(f"| **all** | **{tx_total:.2f}** |")
EOF
cat "$OUT/idle.md"
log "results: $OUT"
