#!/usr/bin/env bash
# Billstream's benchmark run, in one command (see docs/benchmarks.md):
#
#   bench/run.sh                 everything: stack scenarios, then the services' own benchmarks, then the summary
#   bench/run.sh write e2e       only these stack scenarios (rest idle growth-before write e2e profile growth-after
#                                killbill growth-1m), plus the service benchmarks named: pdf webhooks
#   BENCH_QUICK=1 bench/run.sh   a dry run with tiny counts (checks the harness, measures nothing worth keeping)
#   BENCH_PUBLISH=1 bench/run.sh also publish this run: each scenario's JSON replaces that scenario's published one in
#                                docs/bench-results/ (one result per scenario; RUNS says which run and command each
#                                came from), and the tables and plots rendered from that folder go into docs/benchmarks.md
#
# Knobs (environment): BENCH_LEVELS (1,4,16,64), BENCH_ROUNDS (3), BENCH_MEASURE_SECONDS (10), BENCH_WARMUP_SECONDS (3),
# BENCH_RAW_SECONDS (3), BENCH_INITIAL_WARMUP_SECONDS (20), BENCH_MULTI_TENANT_CLIENTS (16), BENCH_E2E_RATE (50),
# BENCH_E2E_SECONDS (60), BENCH_E2E_LOW_RATE (10) / BENCH_E2E_LOW_SECONDS (20) (a contrast run first; rate 0 skips it),
# BENCH_E2E_WARMUP_SECONDS (20) (payments at the target rate before anything is measured; 0 skips it), BENCH_E2E_IDLE_MINUTES (0)
# (last: the stack left alone this long, then 10 payments at 1/s), BENCH_PEER_WARMUP_SECONDS (30),
# BENCH_E2E_SWEEP_RATES (20,30,40) / BENCH_E2E_SWEEP_SECONDS (20) (rates between, after the target rate; empty skips),
# BENCH_GROWTH_EVENTS (10000), BENCH_GROWTH_MEASURE_SECONDS (20), BENCH_MILLION_EVENTS (1000000), BENCH_REBUILD_SECONDS (120), BENCH_PROFILE_SECONDS (30),
# BENCH_PROFILE_JFR (gateway,invoice-service: the processes the profile scenario records with JFR), BENCH_PROFILE_CLIENTS (16),
# BENCH_PROFILE_IDLE_SECONDS (0: no idle window; else the stack's idle CPU is measured first and subtracted in "netOfIdle"),
# BENCH_PDF_RENDERS (300), BENCH_PDF_ROUNDS (3), BENCH_WEBHOOK_EVENTS (1000), BENCH_FRESH_DATABASES (1), BENCH_TRAIN (1: a
# training pass first when the services have no ahead-of-time cache for these jars and flags, see aot_missing),
# BENCH_ISSUE_ON_CREATE (0; 1: create + issue as one request, "issue": true), BENCH_KEEP_DATABASES (0), SERVICE_JAVA_OPTS, KILLBILL_URL / KILLBILL_API_KEY / KILLBILL_API_SECRET / KILLBILL_USER /
# KILLBILL_PASSWORD (the peer scenario), KILLBILL_PID (Kill Bill's JVM, else the process listening on KILLBILL_URL's
# port) / KILLBILL_DB (killbill) (its CPU and transactions), BENCH_PACED_MS (250) (the peer's paced single requests),
# BENCH_IDLE_SECONDS (60) (the idle window), BENCH_IDLE_MIN_UPTIME_SECONDS (180) (the idle window starts once every
# process measured is this old: a JVM's compiler is still busy in its first minutes), BENCH_GATEWAY / BENCH_GATEWAY_MANAGEMENT / BENCH_KAFKA (other ports).
#
# If the stack is not running, it is started with `./billstream up` (timed) with benchmark settings — rate limits
# raised, JIT fully on — and exactly the processes started here are stopped at the end. A stack that was already
# running is used as it is (its rate limits may then answer 429s, which the results count).
# Results: bench/results/<UTC timestamp>/*.json and summary.md. Loads target 127.0.0.1 only and are bounded.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
RUN="${BILLSTREAM_RUN_DIR:-$ROOT/.run}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
# The command as given (knobs included), recorded beside each published result.
INVOCATION="$({ env | grep -E '^(BENCH_[A-Z0-9_]+|KILLBILL_URL|SERVICE_JAVA_OPTS)=' \
  | grep -vE '^BENCH_(PUBLISH|ROOT|INVOICE_DB|DB_PREFIX)=' || true; } | sort | tr '\n' ' ')bench/run.sh${*:+ $*}"
OUT="$BENCH/results/$STAMP"
mkdir -p "$OUT"
exec > >(tee -a "$OUT/run.log") 2>&1

STACK_SCENARIOS=(rest idle growth-before write e2e profile growth-after killbill growth-1m)
SERVICE_BENCHES=(pdf webhooks)
if [ "$#" -gt 0 ]; then
  STACK_SCENARIOS=(); SERVICE_BENCHES=()
  for arg in "$@"; do
    case "$arg" in
      pdf|webhooks) SERVICE_BENCHES+=("$arg") ;;
      *) STACK_SCENARIOS+=("$arg") ;;
    esac
  done
fi

if [ "${BENCH_QUICK:-0}" = 1 ]; then
  export BENCH_LEVELS="${BENCH_LEVELS:-1,4}" BENCH_ROUNDS="${BENCH_ROUNDS:-1}" BENCH_WARMUP_SECONDS=1 \
    BENCH_MEASURE_SECONDS=3 BENCH_RAW_SECONDS=2 BENCH_INITIAL_WARMUP_SECONDS=2 BENCH_MULTI_TENANT_CLIENTS=2 \
    BENCH_E2E_RATE=5 BENCH_E2E_SECONDS=4 BENCH_E2E_LOW_RATE=2 BENCH_E2E_LOW_SECONDS=3 BENCH_E2E_WARMUP_SECONDS=2 BENCH_E2E_SWEEP_RATES="${BENCH_E2E_SWEEP_RATES-3}" BENCH_E2E_SWEEP_SECONDS=2 BENCH_GROWTH_EVENTS=50 BENCH_GROWTH_MEASURE_SECONDS=3 BENCH_MILLION_EVENTS=5000 BENCH_REBUILD_SECONDS=20 BENCH_PROFILE_SECONDS=5
  PDF_ARGS=(-Dbench.renders=20 -Dbench.rounds=1)
  WEBHOOK_ARGS=(-Dbench.events=50)
else
  PDF_ARGS=(-Dbench.renders="${BENCH_PDF_RENDERS:-300}" -Dbench.rounds="${BENCH_PDF_ROUNDS:-3}")
  WEBHOOK_ARGS=(-Dbench.events="${BENCH_WEBHOOK_EVENTS:-1000}")
fi

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

. "$ROOT/scripts/lib/java.sh"
billstream_pick_java
export BENCH_ROOT="$ROOT" BILLSTREAM_RUN_DIR="$RUN"

log "machine: $(nproc) CPUs, $(free -m | awk '/Mem:/ {print $2}') MiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '{ "commit": "%s", "uncommittedFiles": %s }\n' "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  "$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -v '^??' | wc -l)" > "$OUT/revision.json"
log "building the load driver"
mvn -B -q -f "$BENCH/pom.xml" package dependency:build-classpath -Dmdep.outputFile="$BENCH/target/classpath" \
  > "$OUT/driver-build.log" 2>&1 || { tail -n 30 "$OUT/driver-build.log"; exit 1; }
DRIVER_CP="$BENCH/target/classes:$(cat "$BENCH/target/classpath")"
driver() { "$JAVA_HOME/bin/java" -Xms256m -Xmx512m -XX:+UseSerialGC -cp "$DRIVER_CP" io.billstream.bench.Main "$@"; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
live_pids() {
  local f
  for f in "$RUN"/pids/*.pid; do
    if alive "$f"; then basename "$f" .pid; fi
  done | sort
}

# Stops exactly the processes this script started (the launcher's `down` would also stop what others started).
STARTED=()
stop_started() {
  if [ "${#STARTED[@]}" -gt 0 ]; then
    log "stopping what this run started: ${STARTED[*]}"
    local id stoppers=()
    for id in "${STARTED[@]}"; do
      if [ "$id" != kafka ]; then stop_one "$id" & stoppers+=($!); fi
    done
    # only these: a bare `wait` would also wait for the log's tee
    if [ "${#stoppers[@]}" -gt 0 ]; then wait "${stoppers[@]}"; fi
    for id in "${STARTED[@]}"; do
      if [ "$id" = kafka ]; then stop_one kafka; fi
    done
    STARTED=()
  fi
  drop_databases
}
FRESH_DATABASES=0
drop_databases() {
  if [ "$FRESH_DATABASES" = 1 ] && [ "${BENCH_KEEP_DATABASES:-0}" != 1 ]; then
    local name
    for name in invoice-service payment-service document-service webhook-service gateway; do
      psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -qc \
        "drop database if exists \"$DB_PREFIX$name\"" >/dev/null || log "could not drop $DB_PREFIX$name"
    done
    FRESH_DATABASES=0
  fi
}
stop_one() {
  local file="$RUN/pids/$1.pid" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  kill -TERM "$pid" 2>/dev/null || true
  # as long as the launcher waits: a service's JVM writes its ahead-of-time cache after it stopped (billstream)
  for _ in $(seq 1 90); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file" "$RUN/pids/$1.port"
}
trap stop_started EXIT

services_built() {
  local name jar
  for name in invoice-service payment-service document-service webhook-service gateway; do
    jar="$(ls "$ROOT/$name"/target/"$name"-*.jar 2>/dev/null | grep -v plain | head -n 1)"
    [ -n "$jar" ] || return 1
    [ -z "$(find "$ROOT/$name/src" "$ROOT/platform/src" "$ROOT/$name/pom.xml" "$ROOT/pom.xml" -newer "$jar" -type f 2>/dev/null | head -n 1)" ] || return 1
  done
}

# Starts the stack with benchmark settings; "training" is a stack of its own (its own databases) whose JVMs write
# their ahead-of-time caches when it stops, "measured" is the one the scenarios run against (start-up timed).
start_stack() {
  local label="$1" before
  before="$(live_pids)"
  SERVICE_JAVA_OPTS="$BASE_JAVA_OPTS"
  unset BILLSTREAM_KAFKA_DIR BENCH_INVOICE_DB BENCH_DB_PREFIX
  if [ "${BENCH_FRESH_DATABASES:-1}" = 1 ] || [ "$label" = training ]; then
    # A fresh database per service for this run (the launcher's shared ones carry whatever earlier runs and other
    # checkouts left, possibly with other migration versions). A system property outranks the launcher's
    # SPRING_DATASOURCE_URL, and Spring resolves the placeholder per service from its own application name.
    DB_PREFIX="bst_bench_$(echo "$STAMP" | tr '[:upper:]' '[:lower:]')_"
    if [ "$label" = training ]; then DB_PREFIX="${DB_PREFIX}training_"; fi
    for name in invoice-service payment-service document-service webhook-service gateway; do
      psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -qc "create database \"$DB_PREFIX$name\"" >/dev/null
    done
    FRESH_DATABASES=1
    export BENCH_INVOICE_DB="${DB_PREFIX}invoice-service" BENCH_DB_PREFIX="$DB_PREFIX"
    SERVICE_JAVA_OPTS="$SERVICE_JAVA_OPTS -Dspring.datasource.url=jdbc:postgresql://${PGHOST:-127.0.0.1}:${PGPORT:-5432}/$DB_PREFIX\${spring.application.name}"
    log "$label: fresh databases ${DB_PREFIX}<service> (dropped at the end unless BENCH_KEEP_DATABASES=1)"
    # ... and a fresh broker: with the user's .run/kafka, a user stack started later read this run's events into
    # its own databases (and this run began behind whatever the user's stack had left unread)
    export BILLSTREAM_KAFKA_DIR="$RUN/kafka-bench"
    rm -rf "$BILLSTREAM_KAFKA_DIR/data"
    log "fresh Kafka data in $BILLSTREAM_KAFKA_DIR"
  fi
  for limit in TENANT API_KEY ANONYMOUS; do
    export "BILLSTREAM_GATEWAY_RATE_LIMIT_${limit}_REQUESTS_PER_SECOND=100000"
    export "BILLSTREAM_GATEWAY_RATE_LIMIT_${limit}_BURST=200000"
  done
  log "$label: starting the stack: ./billstream up (SERVICE_JAVA_OPTS=$SERVICE_JAVA_OPTS)"
  up_start=$(date +%s.%N)
  set +e
  "$ROOT/billstream" up
  up_rc=$?
  set -e
  up_end=$(date +%s.%N)
  while read -r id; do
    if [ -n "$id" ] && ! grep -qx "$id" <<< "$before"; then STARTED+=("$id"); fi
  done < <(live_pids)
  [ "$up_rc" -eq 0 ] || { log "the stack did not start (see $RUN/logs)"; exit 1; }
  if [ "$label" = training ]; then return 0; fi
  # Baseline for the stack's start-up: each service's own start-up as Spring logs it ("process running for N").
  starts="" slowest=0
  for id in "${STARTED[@]}"; do
    case "$id" in kafka|greenmail) continue ;; esac # not Spring: no "process running for"
    s="$(grep -o 'process running for [0-9.]*' "$RUN/logs/$id.out" | tail -n 1 | awk '{print $4}' || true)"
    if [ -z "$s" ]; then continue; fi
    starts="${starts:+$starts, }\"$id\": $s"
    slowest="$(awk -v a="$slowest" -v b="$s" 'BEGIN { print (b > a) ? b : a }')"
  done
  up_seconds="$(awk -v a="$up_start" -v b="$up_end" 'BEGIN { printf "%.1f", b - a }')"
  ratio="$(awk -v a="$up_seconds" -v b="$slowest" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "null" }')"
  cat > "$OUT/startup.json" <<EOF
{ "upSeconds": $up_seconds, "serviceJavaOpts": "$SERVICE_JAVA_OPTS", "started": "${STARTED[*]}",
"serviceStartSeconds": { $starts }, "slowestServiceStartSeconds": $slowest, "ratioToSlowestService": $ratio,
"loadAverageAfter": "$(cut -d' ' -f1-3 /proc/loadavg)" }
EOF
  log "stack up in ${up_seconds} s"
}

# JDK 25: each service keeps an ahead-of-time cache (billstream, aot_flags: classes and the method profiles of a
# run). A stack without one for these jars and flags would be measured while it trains: its JIT still compiling
# minutes into the load (docs/benchmarks.md, row 19), and the first run after every build would differ from the
# next. So a training pass comes first when a cache is missing: the write path and payments for a few minutes on a
# stack of its own, stopped (the caches are written then), then the measured stack. BENCH_TRAIN=0 skips it.
aot_missing() {
  [ "${BILLSTREAM_CDS:-1}" = 1 ] && [ "${BILLSTREAM_AOT:-1}" = 1 ] || return 1
  local key name jar
  [ "$(billstream_java_major)" -ge 25 ] || return 1
  key="$(SERVICE_JAVA_OPTS="$BASE_JAVA_OPTS" billstream_aot_key)"
  for name in invoice-service payment-service document-service webhook-service gateway; do
    jar="$(ls "$ROOT/$name"/target/"$name"-*.jar 2>/dev/null | grep -v plain | head -n 1)"
    # a jar newer than its extraction is extracted again at `up`, which drops its caches (billstream, extract_jar)
    billstream_aot_complete "$RUN/app/$name.$key.aot" \
      && [ -f "$RUN/app/$name/.from" ] && [ ! "$jar" -nt "$RUN/app/$name/.from" ] || return 0
  done
  return 1
}

if [ "${#STACK_SCENARIOS[@]}" -gt 0 ]; then
  if curl -fsS -m 2 "${BENCH_GATEWAY_MANAGEMENT:-http://127.0.0.1:8090}/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
    if ! alive "$RUN/pids/gateway.pid"; then
      log "a gateway answers on the benchmark ports but was not started from $RUN (another checkout's stack?):"
      log "stop it, or point BILLSTREAM_RUN_DIR at its run directory"
      exit 1
    fi
    log "the stack is already running: using it as it is (start-up not measured; its rate limits and JVM options apply)"
  else
    if ! services_built; then
      log "building the services (not part of the timed start-up)"
      (cd "$ROOT" && mvn -B -q -DskipTests -Dmaven.jar.forceCreation=true package -pl platform,invoice-service,payment-service,document-service,webhook-service,gateway -am) \
        > "$OUT/services-build.log" 2>&1 || { tail -n 40 "$OUT/services-build.log"; exit 1; }
    fi
    # Benchmark settings: the JVM flags a user's `./billstream up` gets (billstream_service_java_opts), so that speed
    # and memory are those of the stack users run, and rate limits far above what one machine can send
    # (start_stack), so the figures measure the work, not the limiter.
    BASE_JAVA_OPTS="${SERVICE_JAVA_OPTS:-$(billstream_service_java_opts)}"
    export SERVICE_JAVA_OPTS="$BASE_JAVA_OPTS"
    if [ "${BENCH_TRAIN:-1}" = 1 ] && [ "${BENCH_QUICK:-0}" != 1 ] && aot_missing; then
      log "training pass: no ahead-of-time cache for these jars and JVM flags yet (BENCH_TRAIN=0 skips this)"
      start_stack training
      (export BENCH_LEVELS=1,4,16 BENCH_ROUNDS=1 BENCH_INITIAL_WARMUP_SECONDS=30 BENCH_MEASURE_SECONDS=20 \
        BENCH_RAW_SECONDS=1 BENCH_E2E_RATE=20 BENCH_E2E_SECONDS=40 BENCH_E2E_LOW_RATE=0 BENCH_E2E_WARMUP_SECONDS=0 \
        BENCH_E2E_SWEEP_RATES=""
        driver "$OUT/training" write e2e > "$OUT/training.log" 2>&1) || log "the training load failed (log: $OUT/training.log)"
      log "training pass: stopping its stack (each JVM writes its cache)"
      stop_started
      aot_missing && log "training pass: some caches are still missing; the measured stack trains as it runs"
    fi
    start_stack measured
  fi
  log "stack scenarios: ${STACK_SCENARIOS[*]}"
  driver "$OUT" "${STACK_SCENARIOS[@]}" || log "some scenarios failed (their JSON holds the error)"
  stop_started
fi

if [ "${#SERVICE_BENCHES[@]}" -gt 0 ]; then
  # The service benchmarks build one module each, so the shared modules they depend on must be in the local repository.
  (cd "$ROOT" && mvn -B -q -DskipTests install -pl platform,test-support -am) > "$OUT/shared-install.log" 2>&1 \
    || log "installing platform and test-support failed (log: $OUT/shared-install.log)"
fi
for bench in "${SERVICE_BENCHES[@]}"; do
  case "$bench" in
    pdf)
      log "document-service RenderBenchmark ${PDF_ARGS[*]}"
      (cd "$ROOT" && mvn -B -q -pl document-service test -Dbillstream.slow=true -Dtest=RenderBenchmark \
        -Dsurefire.failIfNoSpecifiedTests=false "${PDF_ARGS[@]}") \
        > "$OUT/bench-pdf.log" 2>&1 && cp "$ROOT/document-service/target/bench-pdf.json" "$OUT/" \
        || log "the PDF benchmark failed (log: $OUT/bench-pdf.log)"
      ;;
    webhooks)
      log "webhook-service DeliveryBenchmark ${WEBHOOK_ARGS[*]}"
      rm -f "$ROOT/webhook-service/target/bench-webhooks.json"
      (cd "$ROOT" && mvn -B -q -pl webhook-service test -Dbillstream.slow=true -Dtest=DeliveryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
        "${WEBHOOK_ARGS[@]}") > "$OUT/bench-webhooks.log" 2>&1 && cp "$ROOT/webhook-service/target/bench-webhooks.json" "$OUT/" \
        || log "the webhook benchmark failed (log: $OUT/bench-webhooks.log)"
      ;;
  esac
done

driver --report "$OUT"

# BENCH_PUBLISH=1: each scenario this run measured replaces that scenario's published result in docs/bench-results/
# (one result per scenario; RUNS records the run, commit and command of each), then the tables and plots are rendered
# from that folder into docs/benchmarks.md between the figures markers. Earlier results stay in git history.
if [ "${BENCH_PUBLISH:-0}" = 1 ]; then
  PUB="$ROOT/docs/bench-results"
  mkdir -p "$PUB"
  touch "$PUB/RUNS"
  commit="$(sed -n 's/.*"commit": "\([^"]*\)".*/\1/p' "$OUT/revision.json")"
  for json in "$OUT"/*.json; do
    name="$(basename "$json" .json)"
    cp "$json" "$PUB/"
    case "$name" in
      machine|revision) ;;
      *) awk -F '\t' -v n="$name" '$1 != n' "$PUB/RUNS" > "$PUB/RUNS.new"
         printf '%s\t%s\t%s\t%s\n' "$name" "$STAMP" "$commit" "$INVOCATION" >> "$PUB/RUNS.new"
         sort -o "$PUB/RUNS" "$PUB/RUNS.new" && rm -f "$PUB/RUNS.new" ;;
    esac
  done
  if [ -d "$OUT/jfr" ]; then ls -l "$OUT/jfr" > "$PUB/jfr-files.txt"; fi
  driver --report "$PUB"
  doc="$ROOT/docs/benchmarks.md"
  if grep -q '<!-- figures:start -->' "$doc"; then
    # the plots sit beside the JSON in docs/bench-results/
    awk -v summary="$PUB/summary.md" '
      /<!-- figures:start -->/ { print; while ((getline line < summary) > 0) if (line !~ /^# /) { if (line ~ /^!\[/) sub(/\]\(/, "](bench-results/", line); print line }; skip = 1; next }
      /<!-- figures:end -->/ { skip = 0 }
      !skip { print }' "$doc" > "$doc.new" && mv "$doc.new" "$doc"
  fi
  log "published to docs/bench-results/ (RUNS) and docs/benchmarks.md"
fi
log "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
log "results: $OUT"
