package io.billstream.invoice;

import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The overdue timer is a row in PostgreSQL, not a thread: an invoice issued by one instance, which stops before the
 * timer is due, turns overdue in the next instance. Its own two contexts on purpose (a restart is the point).
 * The first instance's clock runs five days behind and never polls for due timers, so the timer is due by the time
 * the second instance (real clock, normal polling) starts.
 */
// A property of its own: the default (spring.kafka.bootstrap-servers) is a system property, which would point the
// shared service context's Kafka probes in later test classes at this broker after it stopped.
@EmbeddedKafka(kraft = true, partitions = 1, bootstrapServersProperty = "billstream.test.own-broker")
class OverdueTimerRestartTest {

    @Test
    void anOverdueTimerScheduledBeforeARestartFiresAfterIt(EmbeddedKafkaBroker broker) {
        String url = TestDatabases.createFresh("invoice");
        TestDatabases.Server server = TestDatabases.server();
        String[] common = {
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + server.user(),
                "spring.datasource.password=" + server.password(),
                "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "server.port=0"};
        Clock fiveDaysAgo = Clock.offset(Clock.systemUTC(), Duration.ofDays(-5));
        LocalDate issueDate = LocalDate.now(fiveDaysAgo.withZone(ZoneOffset.UTC));

        String invoiceId;
        try (ConfigurableApplicationContext first = start(common, fiveDaysAgo,
                "db-scheduler.immediate-execution-enabled=false", "db-scheduler.polling-interval=1h")) {
            InvoiceHttp http = http(first);
            String customer = http.customer("Stark Industries");
            invoiceId = http.post("/v1/invoices", """
                    {"customerId": "%s", "dueInDays": 2,
                     "lineItems": [{"description": "Repairs", "kind": "service", "quantity": "1",
                                    "unitPrice": "500.00"}]}""".formatted(customer)).text("id");
            var issued = http.post("/v1/invoices/" + invoiceId + "/issue", "{}");
            assertThat(issued.text("status")).isEqualTo("open");
            assertThat(issued.text("issueDate")).isEqualTo(issueDate.toString());
            assertThat(issued.text("dueDate")).isEqualTo(issueDate.plusDays(2).toString());
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            Instant dueAt = jdbc.queryForObject("select execution_time from scheduled_tasks", java.sql.Timestamp.class)
                    .toInstant();
            assertThat(dueAt).isEqualTo(issueDate.plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant());
            assertThat(dueAt).isBefore(Instant.now());
            assertThat(http.get("/v1/invoices/" + invoiceId).text("status")).isEqualTo("open");
        }

        try (ConfigurableApplicationContext second = start(common, Clock.systemUTC())) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(jdbc.queryForObject("select status from invoice_view where id = ?", String.class,
                            invoiceId)).isEqualTo("overdue"));
            assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name like '%Deadline%'",
                    Long.class)).isZero();
        }
    }

    private static ConfigurableApplicationContext start(String[] common, Clock clock, String... extra) {
        // Command-line arguments, because builder properties would lose against application.yml.
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(common), java.util.Arrays.stream(extra))
                .map(p -> "--" + p).toArray(String[]::new);
        return new SpringApplicationBuilder(InvoiceServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .run(args);
    }

    private static InvoiceHttp http(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new InvoiceHttp(context.getBean(InternalTokenService.class), port);
    }
}
