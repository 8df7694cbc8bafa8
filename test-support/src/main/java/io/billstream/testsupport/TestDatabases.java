package io.billstream.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fresh PostgreSQL databases for tests, so runs never collide. Where {@code BILLSTREAM_TEST_PG_URL} is set
 * (a JDBC URL to an admin database) it is used; otherwise Testcontainers' PostgreSQL where Docker runs;
 * otherwise the local server on 127.0.0.1:5432. With none reachable the tests stop at once and say what to start.
 *
 * <p>Nothing is left behind on the server: a test context drops its database when it closes
 * ({@link FreshDatabaseInitializer}), a test that creates one itself calls {@link #drop}, and whatever this JVM
 * created and still holds is dropped when the JVM exits (Spring's test context cache keeps contexts until then, and
 * a test may end without closing what it started). A database's name carries its creation time (UTC) and the id of
 * the creating process, {@code bst_<prefix>_<yyMMddHHmmss>_p<pid>_<random>}, so that the first use of the server in
 * a JVM also sweeps what a killed run left: databases older than a day whose process is gone and that nobody is
 * connected to.
 */
public final class TestDatabases {

    public static final String URL_ENV = "BILLSTREAM_TEST_PG_URL";
    public static final String USER_ENV = "BILLSTREAM_TEST_PG_USER";
    public static final String PASSWORD_ENV = "BILLSTREAM_TEST_PG_PASSWORD";
    private static final String TOO_MANY_CONNECTIONS = "53300";
    private static final String LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmmss");
    /** What {@link #createFresh} names: prefix, creation time, creating process (the random tail is not captured). */
    private static final Pattern NAME = Pattern.compile("bst_(.+)_(\\d{12})_p(\\d+)_[a-z0-9]+");
    private static final Duration STALE_AFTER = Duration.ofDays(1);

    private static Server server;
    /** Databases this JVM created and has not dropped yet (names), for the exit hook. */
    private static final Set<String> created = new LinkedHashSet<>();
    /** Per database, whether its user (a Spring context) is still running; the exit hook lets it close first. */
    private static final Map<String, BooleanSupplier> users = new HashMap<>();
    private static boolean exitHookInstalled;

    private TestDatabases() {
    }

    /** Connection settings of the server tests use, and the admin database on it. */
    public record Server(String adminUrl, String user, String password) {
        public String urlFor(String database) {
            int slash = adminUrl.lastIndexOf('/');
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + database + (query > 0 ? adminUrl.substring(query) : "");
        }
    }

    /** Creates a new, empty database whose name starts with {@code prefix}; returns its JDBC URL. */
    public static synchronized String createFresh(String prefix) {
        Server s = server();
        String name = ("bst_" + prefix + "_"
                + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "_p" + ProcessHandle.current().pid() + "_"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        installExitHook();
        for (int attempt = 1; ; attempt++) {
            try (Connection c = DriverManager.getConnection(s.adminUrl(), s.user(), s.password());
                 Statement st = c.createStatement()) {
                st.execute("create database " + name);
                created.add(name);
                return s.urlFor(name);
            } catch (SQLException e) {
                if (!TOO_MANY_CONNECTIONS.equals(e.getSQLState()) || attempt >= 30) {
                    throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
                }
                pause();
            }
        }
    }

    /**
     * Drops a database {@link #createFresh} made (by its JDBC URL), closing whatever connections are still open to
     * it. Quietly does nothing for a database that is already gone; a failure is reported on stderr, never thrown,
     * as it runs while tests and contexts wind down.
     */
    public static synchronized void drop(String url) {
        String name = databaseOf(url);
        if (!created.contains(name)) {
            return;
        }
        try (Connection c = DriverManager.getConnection(server().adminUrl(), server().user(), server().password());
             Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
            created.remove(name);
            users.remove(name);
        } catch (SQLException e) {
            System.err.println("test-support: could not drop test database " + name + ": " + e.getMessage());
        }
    }

    /**
     * Tells the exit hook that {@code inUse} reports whether the database at {@code url} is still being used (a
     * Spring context that Spring's own shutdown hook is closing, which then drops it): the hook waits a little for
     * that before it drops the database under the user's feet.
     */
    public static synchronized void usedWhile(String url, BooleanSupplier inUse) {
        users.put(databaseOf(url), inUse);
    }

    /** The databases this JVM created and still holds (names); what the exit hook would drop. */
    public static synchronized List<String> held() {
        return List.copyOf(created);
    }

    public static synchronized Server server() {
        if (server == null) {
            server = locate();
            sweepStale(server);
        }
        return server;
    }

    private static synchronized boolean anyInUse() {
        return users.values().stream().anyMatch(BooleanSupplier::getAsBoolean);
    }

    static String databaseOf(String url) {
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return url.substring(slash + 1, query > 0 ? query : url.length());
    }

    private static synchronized void installExitHook() {
        if (exitHookInstalled) {
            return;
        }
        exitHookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (anyInUse() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    break;
                }
            }
            for (String name : held()) {
                drop(server().urlFor(name));
            }
        }, "test-databases-exit"));
    }

    /**
     * Drops test databases a killed run left behind: named by {@link #createFresh}, created more than a day ago by
     * a process that no longer runs on this machine, and with no open connection (a run on another machine sharing
     * the server keeps its databases while it uses them). Best effort: a failure never stops the tests.
     */
    private static void sweepStale(Server s) {
        LocalDateTime cutoff = LocalDateTime.now(ZoneOffset.UTC).minus(STALE_AFTER);
        try (Connection c = DriverManager.getConnection(s.adminUrl(), s.user(), s.password())) {
            List<String> stale = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("""
                    select datname from pg_database d where datname like 'bst\\_%'
                    and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)""");
                 ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    if (isStale(name, cutoff)) {
                        stale.add(name);
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                for (String name : stale) {
                    try {
                        // no FORCE: should anyone connect in the meantime, the database stays
                        st.execute("drop database if exists " + name);
                    } catch (SQLException e) {
                        // in use after all, or dropped by a concurrent sweep
                    }
                }
            }
        } catch (SQLException e) {
            System.err.println("test-support: no sweep of stale test databases: " + e.getMessage());
        }
    }

    static boolean isStale(String name, LocalDateTime cutoff) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return false;
        }
        LocalDateTime createdAt;
        try {
            createdAt = LocalDateTime.parse(m.group(2), STAMP);
        } catch (DateTimeParseException e) {
            return false;
        }
        long pid = Long.parseLong(m.group(3));
        return createdAt.isBefore(cutoff) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static Server locate() {
        String url = System.getenv(URL_ENV);
        String user = envOr(USER_ENV, "postgres");
        String password = envOr(PASSWORD_ENV, "");
        if (url != null && !url.isBlank()) {
            return reachableOrFail(new Server(url, user, password), URL_ENV + "=" + url);
        }
        if (reachable(new Server(LOCAL_ADMIN_URL, user, password))) {
            return new Server(LOCAL_ADMIN_URL, user, password);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        throw new IllegalStateException("""
                No PostgreSQL for the tests: nothing answers on 127.0.0.1:5432 and Docker is not available.
                Start the local server (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start),
                or start Docker, or point %s at an admin database (JDBC URL).""".formatted(URL_ENV));
    }

    private static Server reachableOrFail(Server candidate, String origin) {
        if (!reachable(candidate)) {
            throw new IllegalStateException("PostgreSQL from " + origin + " is not reachable");
        }
        return candidate;
    }

    /** A server that is up but momentarily full ("too many clients") counts as reachable. */
    private static boolean reachable(Server candidate) {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(candidate.adminUrl(), candidate.user(),
                candidate.password())) {
            return true;
        } catch (SQLException e) {
            return TOO_MANY_CONNECTIONS.equals(e.getSQLState());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a PostgreSQL connection", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
