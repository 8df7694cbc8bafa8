#!/usr/bin/env bash
# The launcher's failure paths (issue 15), against stand-in processes (fake-process.py) on ports moved by
# BILLSTREAM_PORT_OFFSET, so it never touches a real stack. Prints "N passed, M failed"; exits 1 on any failure.
#   bash system-tests/src/test/launcher/launcher-test.sh
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
export BILLSTREAM_RUN_DIR; BILLSTREAM_RUN_DIR="$(mktemp -d /tmp/billstream-launcher-test.XXXXXX)"
export BILLSTREAM_PORT_OFFSET="${LAUNCHER_TEST_PORT_OFFSET:-21000}"
export BILLSTREAM_SERVICE_COMMAND="python3 $HERE/fake-process.py"
export BILLSTREAM_KAFKA_COMMAND="python3 $HERE/fake-process.py kafka"
export BILLSTREAM_MAIL_COMMAND="python3 $HERE/fake-process.py greenmail"
export BILLSTREAM_START_TIMEOUT=30
unset PAYMENT_INSTANCES INVOICE_INSTANCES DOCUMENT_INSTANCES WEBHOOK_INSTANCES
PIDS="$BILLSTREAM_RUN_DIR/pids"
LOGS="$BILLSTREAM_RUN_DIR/logs"
B="${LAUNCHER_UNDER_TEST:-$ROOT/billstream}"
passed=0
failed=0
FOREIGN=()

check() { # description, command...
  local what="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $what"; else failed=$((failed + 1)); echo "FAIL $what"; fi
}
pid_of() { cat "$PIDS/$1.pid" 2>/dev/null; }
alive() { local pid; pid="$(pid_of "$1")" && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
port_of() { echo $(($1 + BILLSTREAM_PORT_OFFSET)); }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
occupy() { # a listener this launcher did not start
  python3 -c 'import socket,sys,time
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen()
time.sleep(600)' "$1" & FOREIGN+=($!)
  until port_open "$1"; do sleep 0.1; done
}
release() { kill "${FOREIGN[@]}" 2>/dev/null; wait "${FOREIGN[@]}" 2>/dev/null; FOREIGN=(); }
kill9() { local pid; pid="$(pid_of "$1")"; kill -9 "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; }
cleanup() { release; "$B" down >/dev/null 2>&1; rm -rf "$BILLSTREAM_RUN_DIR"; }
trap cleanup EXIT
ALL=(kafka invoice-service payment-service document-service webhook-service gateway)

# 1. a failed `up` (port taken) stops exactly what it started, and nothing is left running
occupy "$(port_of 8084)"
"$B" up > "$BILLSTREAM_RUN_DIR/up1.txt" 2>&1
check "up fails when a port is taken" test $? -ne 0
for id in kafka invoice-service payment-service document-service; do
  check "the failed up stopped $id, which it had started" bash -c "! ls '$PIDS/$id.pid' >/dev/null 2>&1"
done
check "nothing listens on the ports the failed up had used" bash -c \
  "! (exec 3<>/dev/tcp/127.0.0.1/$(port_of 8081)) 2>/dev/null && ! (exec 3<>/dev/tcp/127.0.0.1/$(port_of 9092)) 2>/dev/null"
release

# 2. a healthy stack; kill -9 one service; `up` again keeps the crashed run's log
"$B" up > "$BILLSTREAM_RUN_DIR/up2.txt" 2>&1
check "up starts the stack" test $? -eq 0
nice_of() { ps -o ni= -p "$1" | tr -d ' '; }
own_nice="$(nice_of $$)"
check "document-service (renders, emails) runs at a lower CPU priority" \
  test "$(nice_of "$(pid_of document-service)")" -eq "$(( own_nice + 10 > 19 ? 19 : own_nice + 10 ))"
check "invoice-service runs at the launcher's own CPU priority" test "$(nice_of "$(pid_of invoice-service)")" -eq "$own_nice"
first_invoice_pid="$(pid_of invoice-service)"
kill9 invoice-service
"$B" up > "$BILLSTREAM_RUN_DIR/up3.txt" 2>&1
check "up restarts the killed service" alive invoice-service
check "the crashed run's log is kept as invoice-service.out.1" grep -q "pid $first_invoice_pid started" "$LOGS/invoice-service.out.1"
check "the new run logs to invoice-service.out" grep -q "pid $(pid_of invoice-service) started" "$LOGS/invoice-service.out"

# 3. a failed `up` never stops services of the stack that were already running
declare -A before
for id in "${ALL[@]}"; do before[$id]="$(pid_of "$id")"; done
kill9 payment-service
kill9 webhook-service
occupy "$(port_of 8084)"
"$B" up > "$BILLSTREAM_RUN_DIR/up4.txt" 2>&1
check "up fails when the webhook port is taken" test $? -ne 0
for id in kafka invoice-service document-service gateway; do
  check "$id, healthy before, still runs with the same pid" test "$(pid_of "$id")" = "${before[$id]}" -a -n "$(kill -0 "${before[$id]}" 2>/dev/null && echo y)"
done
check "payment-service, which the failed up restarted, was stopped again" bash -c "! ls '$PIDS/payment-service.pid' >/dev/null 2>&1"
release
"$B" up > "$BILLSTREAM_RUN_DIR/up5.txt" 2>&1
check "up completes the stack once the port is free" test $? -eq 0
"$B" down >/dev/null 2>&1

# 4. PAYMENT_INSTANCES=2: a plain `up` restarts a killed payment-service-1 and leaves the rest alone
PAYMENT_INSTANCES=2 "$B" up > "$BILLSTREAM_RUN_DIR/up6.txt" 2>&1
check "up with PAYMENT_INSTANCES=2 starts two payment instances" alive payment-service-1
for id in "${ALL[@]}"; do before[$id]="$(pid_of "$id")"; done
kill9 payment-service-1
"$B" up > "$BILLSTREAM_RUN_DIR/up7.txt" 2>&1
check "a plain up succeeds" test $? -eq 0
check "it restarted payment-service-1" alive payment-service-1
for id in "${ALL[@]}"; do
  check "$id kept running with the same pid" test "$(pid_of "$id")" = "${before[$id]}"
done

# 5. the ahead-of-time cache (JDK 25, aot_flags): a service without one records one, a complete one is used, one cut
#    short (its .config file left behind) is made again, and other -XX flags get a cache of their own
aot() { # SERVICE_JAVA_OPTS, instance id -> the JVM flags the launcher gives it
  RUN="$BILLSTREAM_RUN_DIR" SERVICE_JAVA_OPTS="$1" bash -c '. "$0/scripts/lib/java.sh" && billstream_pick_java \
    && eval "$(sed -n "/^aot_flags()/,/^}/p" "$1")" && AOT_KEY="$(billstream_aot_key)" && aot_flags "$2"' "$ROOT" "$B" "$2"
}
cache_of() { sed -n 's/.*-XX:AOTCache\(Output\)\{0,1\}=\([^ ]*\).*/\2/p' <<< "$1"; }
mkdir -p "$BILLSTREAM_RUN_DIR/app"
first="$(aot "-Xmx384m -XX:+UseSerialGC" invoice-service)"
cache="$(cache_of "$first")"
check "without a cache the service records one" grep -q -- "-XX:AOTCacheOutput=$BILLSTREAM_RUN_DIR/app/invoice-service\.[0-9]*\.aot" <<< "$first"
echo cache > "$cache"
check "a complete cache is used" grep -q -- "-XX:AOTCache=$cache " <<< "$(aot "-Xmx384m -XX:+UseSerialGC" invoice-service)"
check "... at the address it was made for" grep -q -- "-XX:ArchiveRelocationMode=0 " <<< "$(aot "-Xmx384m -XX:+UseSerialGC" invoice-service)"
moded="-Xmx384m -XX:+UseSerialGC -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=1"
echo cache > "$(cache_of "$(aot "$moded" invoice-service)")"
check "... unless the flags name a mode" grep -v -q -- "ArchiveRelocationMode=0" <<< "$(aot "$moded" invoice-service)"
check "-D and heap flags keep the same cache" test "$(cache_of "$(aot "-Xmx512m -XX:+UseSerialGC -Dx=y" invoice-service)")" = "$cache"
check "other -XX flags get a cache of their own" test "$(cache_of "$(aot "-Xmx384m -XX:+UseParallelGC" invoice-service)")" != "$cache"
touch "$cache.config"
check "a cache cut short is recorded again" grep -q -- "-XX:AOTCacheOutput=$cache " <<< "$(aot "-Xmx384m -XX:+UseSerialGC" invoice-service)"
check "... and the cut-short files are gone" test ! -e "$cache" -a ! -e "$cache.config"

# 6. the services' default JVM flags (scripts/lib/java.sh): the JDK accepts them; the code cache keeps the JDK's size
#    (capped at 64 MB, every ~10 MB of new compiled code set off a full collection: docs/benchmarks.md, row 30);
#    metaspace's first threshold is 128 MB, not the JDK's 21
read -r java_home defaults < <(bash -c '. "$0/scripts/lib/java.sh" && billstream_pick_java \
  && echo "$JAVA_HOME $(billstream_service_java_opts)"' "$ROOT")
check "the JDK accepts the default JVM flags" bash -c '"$0" $1 -version >/dev/null 2>&1' "$java_home/bin/java" "$defaults"
check "... which leave the code cache at the JDK's size" test -z "$(grep -o -- '-XX:ReservedCodeCacheSize=[^ ]*' <<< "$defaults")"
check "... and put metaspace's first threshold at 128 MB" grep -q -- "-XX:MetaspaceSize=128m" <<< "$defaults"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
