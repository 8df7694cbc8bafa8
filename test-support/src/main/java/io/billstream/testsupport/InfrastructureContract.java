package io.billstream.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void reportsHealthUp() {
        String body = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                .retrieve().body(String.class);
        assertThat(body).contains("\"status\":\"UP\"");
    }
}
