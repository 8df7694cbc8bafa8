package io.billstream.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole stack as users run it: {@code ./billstream up} with two instances of invoice-, payment- and
 * webhook-service, its own run directory ({@code system-tests/target/stack}: pid files, logs, Kafka data), and
 * {@code ./billstream down} at the end. Faults are made to the processes the launcher started (their pid files),
 * never to anything else.
 */
public final class SystemStack {

    public static final Path ROOT = locateRoot();
    public static final Path RUN_DIR = ROOT.resolve("system-tests/target/stack");
    public static final Path PIDS = RUN_DIR.resolve("pids");
    public static final Path LOGS = RUN_DIR.resolve("logs");
    /** The ports of everything the launcher starts with the counts below. */
    private static final int[] PORTS = {8080, 8090, 8081, 8181, 8082, 8182, 8083, 8084, 8184};
    /**
     * The suite's broker listens apart from the default 9092/9093 (the launcher's KAFKA_PORT), so a developer's
     * broker left running never receives the suite's events, nor the reverse.
     */
    public static final int KAFKA_PORT = 19192;
    private static final int KAFKA_CONTROLLER_PORT = 19193;
    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private static SystemStack running;
    private static RuntimeException startFailure;

    private final Map<String, String> environment;

    private SystemStack(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Starts the stack once per test JVM; later callers get the same one. */
    public static synchronized SystemStack start() {
        if (startFailure != null) {
            throw new IllegalStateException("the stack did not start (see the first failure)", startFailure);
        }
        if (running == null) {
            try {
                SystemStack stack = new SystemStack(launcherEnvironment());
                stack.refuseForeignStack();
                resetDatabases();
                Runtime.getRuntime().addShutdownHook(new Thread(SystemStack::stop, "stack-down"));
                running = stack;
                try {
                    stack.launcher(Duration.ofMinutes(12), "up");
                } catch (RuntimeException e) {
                    // The launcher stops its services after a failed start, but not always its broker.
                    stop();
                    throw e;
                }
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return running;
    }

    public static synchronized void stop() {
        if (running != null) {
            try {
                running.launcher(Duration.ofMinutes(3), "down");
            } finally {
                running = null;
            }
        }
    }

    private static Map<String, String> launcherEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BILLSTREAM_RUN_DIR", RUN_DIR.toString());
        env.put("INVOICE_INSTANCES", "2");
        env.put("PAYMENT_INSTANCES", "2");
        env.put("WEBHOOK_INSTANCES", "2");
        env.put("DOCUMENT_INSTANCES", "1");
        env.put("KAFKA_PORT", String.valueOf(KAFKA_PORT));
        env.put("KAFKA_CONTROLLER_PORT", String.valueOf(KAFKA_CONTROLLER_PORT));
        env.put("BILLSTREAM_START_TIMEOUT", System.getenv().getOrDefault("BILLSTREAM_START_TIMEOUT", "600"));
        // Nine short-lived JVMs on two cores: the user's default (full JIT, a class-data archive written at every
        // stop) pays off in a stack that runs for hours, not in one that lives for a test class, where C2's compile
        // burst at start-up and the archive dump at stop are pure cost. A caller's SERVICE_JAVA_OPTS wins.
        env.put("SERVICE_JAVA_OPTS", System.getenv().getOrDefault("SERVICE_JAVA_OPTS",
                "-Xms32m -Xmx384m -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1"));
        env.put("BILLSTREAM_CDS", System.getenv().getOrDefault("BILLSTREAM_CDS", "0"));
        // Nine JVMs on one PostgreSQL whose max_connections is 100: pools grow only under load and stay small
        // (at most 9 x 8 = 72 connections), instead of each filling its pool at start-up.
        env.put("SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", "1");
        env.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "8");
        // Retries in seconds, not hours (docs/api-reference.md §8: the schedule is configurable so tests can use seconds); long
        // enough in total (~2.5 min) that a receiver down for a while is still reached.
        env.put("BILLSTREAM_WEBHOOKS_RETRYSCHEDULE", "1s,2s,3s,5s,5s,10s,10s,10s,15s,15s,15s,15s,15s,15s");
        // The suite's load comes from one tenant at a time; the production limits (50/s per tenant, 20/s per
        // key) would make the 500-payment burst a rate-limit test. Clients still honour 429 if one comes.
        env.put("BILLSTREAM_GATEWAY_RATELIMIT_TENANT_REQUESTSPERSECOND", "2000");
        env.put("BILLSTREAM_GATEWAY_RATELIMIT_TENANT_BURST", "4000");
        env.put("BILLSTREAM_GATEWAY_RATELIMIT_APIKEY_REQUESTSPERSECOND", "2000");
        env.put("BILLSTREAM_GATEWAY_RATELIMIT_APIKEY_BURST", "4000");
        return env;
    }

    private void refuseForeignStack() {
        try {
            Files.createDirectories(LOGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ownProcessesAlive()) {
            // A previous run of this suite was cut short: its stack is ours to stop.
            launcher(Duration.ofMinutes(3), "down");
        }
        List<Integer> taken = new ArrayList<>();
        for (int port : java.util.stream.IntStream.concat(java.util.Arrays.stream(PORTS),
                java.util.stream.IntStream.of(KAFKA_PORT, KAFKA_CONTROLLER_PORT)).toArray()) {
            if (portOpen(port)) {
                taken.add(port);
            }
        }
        if (!taken.isEmpty()) {
            throw new IllegalStateException("The system tests start their own Billstream stack, but port(s) "
                    + taken + " are already taken by processes this suite did not start (a stack from "
                    + "`./billstream up`?). Stop it first (`./billstream down`), then run the tests again.");
        }
    }

    /** {@code ./billstream <args>} with the suite's environment; fails with the launcher's output. */
    public void launcher(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("billstream").toString()));
        command.addAll(List.of(args));
        Path log = RUN_DIR.resolve("launcher.log");
        try {
            Files.createDirectories(RUN_DIR);
            Files.writeString(log, "\n=== " + Instant.now() + " ./billstream " + String.join(" ", args) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./billstream " + String.join(" ", args) + " did not finish within "
                        + timeout + "; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("./billstream " + String.join(" ", args) + " failed (exit "
                        + process.exitValue() + "):\n" + tail(log, 60));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts whatever is not running (a killed instance, a stopped broker) and waits until all are healthy. */
    public void restartMissing() {
        // The launcher takes a killed process that init has not reaped yet (a zombie) for a running one.
        org.awaitility.Awaitility.await("killed processes reaped").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500)).until(this::noZombies);
        launcher(Duration.ofMinutes(8), "up");
    }

    private boolean noZombies() throws IOException {
        try (var files = Files.list(PIDS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pid")).noneMatch(f -> {
                String id = f.getFileName().toString().replace(".pid", "");
                long pid = pid(id);
                return Files.exists(Path.of("/proc/" + pid)) && zombie(pid);
            });
        }
    }

    /** Any process whose pid file is in the suite's run directory still running (an interrupted earlier run). */
    private static boolean ownProcessesAlive() {
        if (!Files.isDirectory(PIDS)) {
            return false;
        }
        try (var files = Files.list(PIDS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pid")).anyMatch(f -> {
                try {
                    long pid = Long.parseLong(Files.readString(f).trim());
                    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                } catch (IOException | NumberFormatException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid(String id) {
        try {
            return Long.parseLong(Files.readString(PIDS.resolve(id + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean alive(String id) {
        Path file = PIDS.resolve(id + ".pid");
        if (!Files.exists(file)) {
            return false;
        }
        return ProcessHandle.of(pid(id)).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@code kill -9} of one process the launcher started; returns once it no longer serves. */
    public void kill9(String id) {
        long pid = pid(id);
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(id + " (pid " + pid + ") is not running"));
        process.destroyForcibly();
        awaitGone(id, pid);
    }

    /**
     * Until the process has exited — or at least stopped listening: an orphan killed here is reaped by the
     * machine's init, which may take a while, and meanwhile still looks alive.
     */
    private void awaitGone(String id, long pid) {
        int port = port(id);
        org.awaitility.Awaitility.await(id + " gone").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true) || zombie(pid)
                        || (port > 0 && !portOpen(port)));
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private int port(String id) {
        if (id.equals("gateway")) {
            return 8080;
        }
        if (id.equals("kafka")) {
            return KAFKA_PORT;
        }
        try {
            return Integer.parseInt(Files.readString(PIDS.resolve(id + ".port")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** After a test that broke something: start whatever is not running again (nothing if all are). */
    public void restoreIfBroken() {
        try (var files = Files.list(PIDS)) {
            boolean broken = files.filter(f -> f.getFileName().toString().endsWith(".pid"))
                    .map(f -> f.getFileName().toString().replace(".pid", ""))
                    .anyMatch(id -> !alive(id) || zombie(pid(id)));
            if (broken) {
                restartMissing();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clean stop (SIGTERM) of one process the launcher started; returns once it no longer serves. */
    public void terminate(String id) {
        long pid = pid(id);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        try {
            awaitGone(id, pid);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            awaitGone(id, pid);
        }
    }

    public static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The launcher's databases (fixed names, one per service); the suite never touches any other. */
    public static final List<String> DATABASES = List.of("billstream_invoice", "billstream_payment",
            "billstream_document", "billstream_webhook", "billstream_gateway");

    /**
     * Starts from empty service databases (the launcher creates them again): results then depend on nothing a
     * previous stack left, and a migration edited since that stack ran cannot stop the services. Runs only once no
     * foreign stack holds the ports, so nobody is using them. {@code BILLSTREAM_SYSTEM_TESTS_KEEP_DATABASES=true}
     * keeps them (only repairing what an interrupted database-outage test left behind).
     */
    static void resetDatabases() {
        boolean keep = "true".equals(System.getenv("BILLSTREAM_SYSTEM_TESTS_KEEP_DATABASES"));
        try (Connection connection = DriverManager.getConnection(PG_URL, "postgres", "");
             var statement = connection.createStatement()) {
            for (String database : DATABASES) {
                if (!keep) {
                    statement.execute("drop database if exists " + database + " with (force)");
                } else if (exists(connection, database)) {
                    statement.execute("alter database " + database + " allow_connections true");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 (user postgres) is needed by the system "
                    + "tests: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (var query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, database);
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    private static Path locateRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("billstream")) && Files.isDirectory(candidate.resolve("system-tests"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the Billstream root (with ./billstream) above " + dir);
    }
}
