package io.billstream.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh PostgreSQL databases for tests, so runs never collide. Where {@code BILLSTREAM_TEST_PG_URL} is set
 * (a JDBC URL to an admin database) it is used; otherwise Testcontainers' PostgreSQL where Docker runs;
 * otherwise the local server on 127.0.0.1:5432. With none reachable the tests stop at once and say what to start.
 */
public final class TestDatabases {

    public static final String URL_ENV = "BILLSTREAM_TEST_PG_URL";
    public static final String USER_ENV = "BILLSTREAM_TEST_PG_USER";
    public static final String PASSWORD_ENV = "BILLSTREAM_TEST_PG_PASSWORD";
    private static final String TOO_MANY_CONNECTIONS = "53300";
    private static final String LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private static Server server;

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
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss")) + "_"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        for (int attempt = 1; ; attempt++) {
            try (Connection c = DriverManager.getConnection(s.adminUrl(), s.user(), s.password());
                 Statement st = c.createStatement()) {
                st.execute("create database " + name);
                return s.urlFor(name);
            } catch (SQLException e) {
                if (!TOO_MANY_CONNECTIONS.equals(e.getSQLState()) || attempt >= 30) {
                    throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
                }
                pause();
            }
        }
    }

    public static synchronized Server server() {
        if (server == null) {
            server = locate();
        }
        return server;
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
