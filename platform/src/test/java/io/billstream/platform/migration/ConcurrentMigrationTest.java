package io.billstream.platform.migration;

import io.billstream.testsupport.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kubernetes starts the replicas of a Deployment together, and each runs Flyway at start-up (docs/operations.md):
 * three replicas migrating one empty database at the same instant must all start, with each migration applied once.
 * Flyway serialises them with a PostgreSQL advisory lock.
 */
class ConcurrentMigrationTest {

    @Test
    void replicasMigratingTogetherApplyEachMigrationOnce() throws Exception {
        String url = TestDatabases.createFresh("platform");
        TestDatabases.Server server = TestDatabases.server();
        int replicas = 3;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<MigrateResult>> results = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                results.add(pool.submit(() -> {
                    Flyway flyway = Flyway.configure()
                            .dataSource(url, server.user(), server.password())
                            .locations("classpath:db/platform")
                            .load();
                    start.await();
                    return flyway.migrate();
                }));
            }
            start.countDown();
            int applied = 0;
            for (Future<MigrateResult> result : results) {
                MigrateResult migrate = result.get();
                assertThat(migrate.success).isTrue();
                applied += migrate.migrationsExecuted;
            }
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, server.user(), server.password()));
            int migrations = jdbc.queryForObject(
                    "select count(*) from flyway_schema_history where version is not null", Integer.class);
            assertThat(migrations).as("platform migrations").isGreaterThanOrEqualTo(2);
            assertThat(applied).as("each migration applied by exactly one replica").isEqualTo(migrations);
            assertThat(jdbc.queryForObject("select count(distinct version) from flyway_schema_history "
                    + "where version is not null", Integer.class)).isEqualTo(migrations);
        } finally {
            pool.shutdownNow();
            TestDatabases.drop(url);
        }
    }
}
