package io.billstream.invoice;

import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly one invoice per (schedule, run number) with two instances on one database, across a restart between runs,
 * with every run timer duplicated (a timer firing twice, possibly on both instances at once). Its own contexts on
 * purpose: the instances and the restart are the point.
 * <p>
 * Phase 1: instances A and B, each taking schedules; anchors one month back, so runs 1 and 2 are due at once
 * (catch-up) and run on whichever instance's db-scheduler picks them. Both stop. Phase 2 is "a month later": run 3's
 * timers (rows in scheduled_tasks, left by phase 1) are made due and copied, and instances C and D start with
 * clocks 31 days ahead. Each schedule must end with runs 1, 2, 3 and exactly three invoices.
 */
// A property of its own: the default (spring.kafka.bootstrap-servers) is a system property, which would point the
// shared service context's Kafka probes in later test classes at this broker after it stopped.
@EmbeddedKafka(kraft = true, partitions = 2, bootstrapServersProperty = "billstream.test.own-broker")
class RecurringRunsAcrossInstancesTest {

    private static final int SCHEDULES = 8;

    @Test
    void oneInvoicePerRunAcrossTwoInstancesARestartAndDuplicateTimers(EmbeddedKafkaBroker broker) {
        String url = TestDatabases.createFresh("invoice");
        TestDatabases.Server server = TestDatabases.server();
        String[] common = {
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + server.user(),
                "spring.datasource.password=" + server.password(),
                "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "db-scheduler.polling-interval=1s",
                "server.port=0"};
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate anchor = today.minusMonths(1);
        List<String> schedules = new ArrayList<>();
        InvoiceHttp http;

        try (ConfigurableApplicationContext a = start(common, Clock.systemUTC());
             ConfigurableApplicationContext b = start(common, Clock.systemUTC())) {
            http = http(a);
            InvoiceHttp onB = http.on(b.getBean(InternalTokenService.class), port(b));
            String customer = http.customer("Globex");
            for (int i = 0; i < SCHEDULES; i++) {
                InvoiceHttp via = i % 2 == 0 ? http : onB;
                var created = via.post("/v1/recurring-invoices", RecurringInvoiceApiTest.retainer(customer, anchor,
                        ""));
                assertThat(created.status()).isEqualTo(201);
                schedules.add(created.text("id"));
            }
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(schedules)
                    .allSatisfy(id -> assertThat(runs(onB, id)).isEqualTo(2)));
        }

        // Run 3's timers were stored by phase 1: make them due now and give each a twin.
        JdbcTemplate direct = new JdbcTemplate(new DriverManagerDataSource(url, server.user(), server.password()));
        String recurringTimers = "position(convert_to('recurring-invoice-run', 'UTF8') in task_data) > 0";
        assertThat(direct.queryForObject("select count(*) from scheduled_tasks where " + recurringTimers, Long.class))
                .isEqualTo(SCHEDULES);
        direct.update("update scheduled_tasks set execution_time = now() where " + recurringTimers);
        direct.update("""
                insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version,
                                             priority)
                select task_name, task_instance || '-twin', task_data, now(), false, 1, priority
                from scheduled_tasks where """ + " " + recurringTimers);

        Clock monthLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
        try (ConfigurableApplicationContext c = start(common, monthLater);
             ConfigurableApplicationContext d = start(common, monthLater)) {
            InvoiceHttp onC = http.on(c.getBean(InternalTokenService.class), port(c));
            InvoiceHttp onD = http.on(d.getBean(InternalTokenService.class), port(d));
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(schedules)
                    .allSatisfy(id -> assertThat(runs(onD, id)).isEqualTo(3)));

            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "select count(*) from invoice_view where document->>'recurringInvoiceId' is not null",
                    Long.class)).isEqualTo(3L * SCHEDULES));
            for (String id : schedules) {
                List<Map<String, Object>> invoices = jdbc.queryForList("""
                        select id, (document->>'runNumber')::int as run, issue_date from invoice_view
                        where document->>'recurringInvoiceId' = ? order by 2""", id);
                assertThat(invoices).extracting(row -> row.get("run")).containsExactly(1, 2, 3);
                assertThat(invoices).extracting(row -> row.get("issue_date").toString()).containsExactly(
                        anchor.toString(), anchor.plusMonths(1).toString(), anchor.plusMonths(2).toString());
                assertThat(onC.get("/v1/recurring-invoices/" + id).text("nextRunDate"))
                        .isEqualTo(anchor.plusMonths(3).toString());
            }
            // The event store holds exactly one invoice stream per run, and every number once.
            assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like ?",
                    Long.class, "%.InvoiceCreated")).isEqualTo(3L * SCHEDULES);
            assertThat(jdbc.queryForObject("select count(distinct number) from invoice_view where number is not null",
                    Long.class)).isEqualTo(3L * SCHEDULES);
            // Every twin fired: it found its run made, or lost the race to its original and was put back for later
            // (db-scheduler's retry), where it will find the run made.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "select count(*) from scheduled_tasks where task_instance like '%-twin' and execution_time <= now()",
                    Long.class)).isZero());
            assertThat(schedules).allSatisfy(id -> assertThat(runs(onC, id)).isEqualTo(3));
        }
    }

    private static int runs(InvoiceHttp http, String id) {
        var schedule = http.get("/v1/recurring-invoices/" + id);
        assertThat(schedule.status()).as(schedule.raw().body()).isEqualTo(200);
        return schedule.json().get("runs").asInt();
    }

    private static ConfigurableApplicationContext start(String[] common, Clock clock) {
        // Command-line arguments, because builder properties would lose against application.yml.
        String[] args = Stream.concat(Arrays.stream(common), Stream.<String>empty()).map(p -> "--" + p)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(InvoiceServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .run(args);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static InvoiceHttp http(ConfigurableApplicationContext context) {
        return new InvoiceHttp(context.getBean(InternalTokenService.class), port(context));
    }
}
