package io.billstream.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Test databases leave nothing behind on the server (docs/system-tests.md, "Test databases"). */
class TestDatabasesTest {

    @Test
    void aContextDropsItsDatabaseWhenItCloses() throws Exception {
        GenericApplicationContext context = new GenericApplicationContext();
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("application", Map.of("spring.application.name", "support-service")));
        new FreshDatabaseInitializer().initialize(context);
        context.refresh();
        String url = context.getEnvironment().getProperty("spring.datasource.url");
        String name = TestDatabases.databaseOf(url);
        assertThat(name).matches("bst_support_\\d{12}_p" + ProcessHandle.current().pid() + "_[a-z0-9]+");
        assertThat(exists(name)).isTrue();
        assertThat(TestDatabases.held()).contains(name);

        context.close();

        assertThat(exists(name)).as(name + " after the context closed").isFalse();
        assertThat(TestDatabases.held()).doesNotContain(name);
    }

    @Test
    void dropClosesConnectionsStillOpen() throws Exception {
        String url = TestDatabases.createFresh("support");
        TestDatabases.Server server = TestDatabases.server();
        try (Connection open = DriverManager.getConnection(url, server.user(), server.password())) {
            TestDatabases.drop(url);
            assertThat(exists(TestDatabases.databaseOf(url))).isFalse();
        }
    }

    @Test
    void onlyOldDatabasesOfGoneProcessesAreStale() {
        LocalDateTime cutoff = LocalDateTime.of(2026, 12, 2, 12, 0);
        long gone = Long.MAX_VALUE;
        long alive = ProcessHandle.current().pid();
        assertThat(TestDatabases.isStale("bst_invoice_261201090000_p" + gone + "_abc12", cutoff)).isTrue();
        assertThat(TestDatabases.isStale("bst_invoice_261201090000_p" + alive + "_abc12", cutoff)).isFalse();
        assertThat(TestDatabases.isStale("bst_invoice_261203090000_p" + gone + "_abc12", cutoff)).isFalse();
        // other naming (older runs, the benchmark's databases) is never touched
        assertThat(TestDatabases.isStale("bst_invoice_1201090000_abc12", cutoff)).isFalse();
        assertThat(TestDatabases.isStale("bst_bench_raw", cutoff)).isFalse();
    }

    private static boolean exists(String name) throws Exception {
        TestDatabases.Server server = TestDatabases.server();
        try (Connection c = DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
             PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            q.setString(1, name);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next();
            }
        }
    }
}
