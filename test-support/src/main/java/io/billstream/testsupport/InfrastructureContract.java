package io.billstream.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the foundation promises of every service: it runs against its own fresh database with its Flyway
 * migrations applied, reaches the Kafka broker for real, and reports health UP. Each service extends this once.
 */
public abstract class InfrastructureContract {

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected KafkaTemplate<String, String> kafka;
    @Autowired
    protected Environment environment;
    @Value("${local.server.port}")
    protected int port;

    @Test
    void usesItsOwnFreshDatabaseWithMigrationsApplied() {
        String database = jdbc.queryForObject("select current_database()", String.class);
        String service = environment.getRequiredProperty("spring.application.name").replace("-service", "");
        assertThat(database).startsWith("bst_" + service + "_");
        Integer applied = jdbc.queryForObject(
                "select count(*) from flyway_schema_history where success", Integer.class);
        assertThat(applied).isPositive();
        assertThat(jdbc.queryForObject("select to_regclass('processed_event') is not null", Boolean.class)).isTrue();
    }

    @Test
    void producesAndConsumesThroughTheBroker() throws Exception {
        String topic = "infra-check-" + UUID.randomUUID();
        String value = "hello-" + UUID.randomUUID();
        kafka.send(topic, "k", value).get();
        String brokers = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        try (KafkaProbe probe = new KafkaProbe(brokers, topic)) {
            assertThat(probe.await(r -> r.value().equals(value), 1, Duration.ofSeconds(30))).hasSize(1);
        }
    }

    /**
     * The docs/api-reference.md §17 meters this service owns, as text that must appear on /actuator/prometheus (Prometheus names:
     * unit and {@code _bucket} suffixes). Every service has the HTTP latency histogram; each adds its own.
     */
    protected List<String> ownedMetrics() {
        return List.of("http_server_requests_seconds_bucket{");
    }

    /** Makes meters that appear only once used (a command's timer) appear; nothing by default. */
    protected void useMeteredParts() {
    }

    @Test
    void exposesTheMetricsItOwnsOnPrometheus() {
        useMeteredParts();
        // the gateway keeps actuator on its management port; the others serve it on their own port
        int managementPort = environment.getProperty("local.management.port", Integer.class, port);
        RestClient actuator = RestClient.create("http://127.0.0.1:" + managementPort);
        // one request on the public port, so its latency histogram has a series (the management port's are not timed)
        RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health").retrieve().toBodilessEntity();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scraped = actuator.get().uri("/actuator/prometheus").retrieve().body(String.class);
            for (String metric : ownedMetrics()) {
                assertThat(scraped).as("/actuator/prometheus of " + environment.getProperty("spring.application.name"))
                        .contains(metric);
            }
            assertThat(scraped).as("every meter carries the application tag")
                    .contains("application=\"" + environment.getProperty("spring.application.name") + "\"");
        });
    }

    @Test
    void reportsHealthUp() {
        String body = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                .retrieve().body(String.class);
        assertThat(body).contains("\"status\":\"UP\"");
    }
}
