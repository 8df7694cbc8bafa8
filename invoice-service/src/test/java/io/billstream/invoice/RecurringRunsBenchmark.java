package io.billstream.invoice;

import io.billstream.invoice.invoicing.api.CreateInvoice;
import io.billstream.invoice.invoicing.api.DraftTerms;
import io.billstream.invoice.invoicing.api.IssueInvoice;
import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.invoicing.domain.InvoiceMetaData;
import io.billstream.invoice.recurring.api.CreateRecurringInvoice;
import io.billstream.invoice.recurring.api.RecurringSchedule;
import io.billstream.invoice.recurring.api.RecurringTemplate;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.MovableClock;
import io.billstream.testsupport.SlowTest;
import io.billstream.testsupport.TestDatabases;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing figures, not a test of speed (no thresholds): N active monthly schedules (default 10,000) whose runs all
 * fall due at once — time until every run's invoice exists (created and issued, in the event store) and until the
 * list view has them, as invoices/s — beside the write path's own create + issue rate (4 threads, same process,
 * same database) measured in the same run. The schedules are anchored tomorrow; then the service's clock moves one
 * day on and their timers are made due together. Run with
 * {@code mvn -B -q -pl invoice-service -am verify -Dtest=RecurringRunsBenchmark -Dbillstream.slow=true
 * -Dsurefire.failIfNoSpecifiedTests=false -Drecurring.bench.schedules=10000}; writes
 * {@code invoice-service/target/bench-recurring.txt}.
 */
@SlowTest
// A property of its own: the default (spring.kafka.bootstrap-servers) is a system property, which would point the
// shared service context's Kafka probes in later test classes at this broker after it stopped.
@EmbeddedKafka(kraft = true, partitions = 2, bootstrapServersProperty = "billstream.test.own-broker")
class RecurringRunsBenchmark {

    static final int SCHEDULES = Integer.getInteger("recurring.bench.schedules", 10_000);
    static final int BASELINE = Math.min(SCHEDULES, 2_000);
    static final PartyData SELLER = new PartyData("Acme Studio", "billing@acme.test", null, null, null);

    @Test
    void tenThousandSchedulesFallingDueAtOnce(EmbeddedKafkaBroker broker) throws Exception {
        String url = TestDatabases.createFresh("invoice");
        TestDatabases.Server server = TestDatabases.server();
        MovableClock clock = MovableClock.ticking();
        String[] args = {
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + server.user(),
                "--spring.datasource.password=" + server.password(),
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--db-scheduler.polling-interval=1s",
                "--server.port=0"};
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(InvoiceServiceApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", clock)).run(args)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            InvoiceHttp http = new InvoiceHttp(context.getBean(InternalTokenService.class), port);
            String customer = http.customer("Bench Co");
            CommandGateway commands = context.getBean(CommandGateway.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            MetaData meta = InvoiceMetaData.of(http.tenant, new Actor(ActorType.USER, "usr_bench"));

            LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
            RecurringTemplate template = new RecurringTemplate("USD", List.of(new LineItem("li_t", "Retainer",
                    "service", BigDecimal.ONE, "month", new BigDecimal("800.00"), new BigDecimal("19"), null, null)),
                    RecurringTemplate.MODE_ISSUE, false, 14, null, null, null, BigDecimal.ZERO, Map.of());
            RecurringSchedule schedule = new RecurringSchedule("month", 1, tomorrow, null, null);
            AtomicInteger next = new AtomicInteger();
            double createSeconds = parallel(4, () -> {
                while (next.getAndIncrement() < SCHEDULES) {
                    commands.sendAndWait(new CreateRecurringInvoice(Ids.newId("rec"), customer, template, schedule,
                            "Bench Co"), meta);
                }
            });

            String baseline = baseline(commands, customer, meta);

            // A day later: every schedule's first run is due now.
            clock.shift(Duration.ofDays(1));
            String timers = "position(convert_to('recurring-invoice-run', 'UTF8') in task_data) > 0";
            long t0 = System.nanoTime();
            int due = jdbc.update("update scheduled_tasks set execution_time = now() where " + timers);
            assertThat(due).isEqualTo(SCHEDULES);
            double allInvoices = waitFor(jdbc, "select count(*) from domain_event_entry where payload_type like "
                    + "'%.RecurringInvoiceRan'", SCHEDULES, t0);
            double allListed = waitFor(jdbc, "select count(*) from invoice_view where status <> 'draft' and "
                    + "document->>'recurringInvoiceId' is not null", SCHEDULES, t0);
            long numbers = jdbc.queryForObject("select count(distinct number) from invoice_view where number is not "
                    + "null and document->>'recurringInvoiceId' is not null", Long.class);

            String report = """
                    recurring runs, %d schedules due at once (one tenant, one instance, db-scheduler 4 threads, 1 s poll):
                      setup: %d schedules created in %.1f s = %.1f/s (4 threads, command gateway)
                      every run's invoice created and issued: %.1f s = %.1f invoices/s
                      every one in the invoice list view:    %.1f s
                      distinct invoice numbers: %d
                    baseline, same run: create+issue 4 threads: %s
                    """.formatted(SCHEDULES, SCHEDULES, createSeconds, SCHEDULES / createSeconds, allInvoices,
                    SCHEDULES / allInvoices, allListed, numbers, baseline);
            System.out.println(report);
            Files.writeString(Path.of("target/bench-recurring.txt"), report);
            assertThat(numbers).isEqualTo(SCHEDULES);
        }
    }

    private static String baseline(CommandGateway commands, String customer, MetaData meta) throws Exception {
        AtomicInteger next = new AtomicInteger();
        double seconds = parallel(4, () -> {
            while (next.getAndIncrement() < BASELINE) {
                String id = Ids.newId("inv");
                commands.sendAndWait(new CreateInvoice(id, new DraftTerms(customer, "USD", null, null, 14, null,
                        BigDecimal.ZERO, null, Map.of()), null, List.of(new LineItem(Ids.newId("li"), "Retainer",
                        "service", BigDecimal.ONE, "month", new BigDecimal("800.00"), new BigDecimal("19"), null,
                        null))), meta);
                commands.sendAndWait(new IssueInvoice(id, null, SELLER, "{yyyy}-{seq:5}"), meta);
            }
        });
        return "%d invoices in %.1f s = %.1f invoices/s".formatted(BASELINE, seconds, BASELINE / seconds);
    }

    private static double parallel(int threads, Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(work));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double waitFor(JdbcTemplate jdbc, String countSql, long expected, long t0) {
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.queryForObject(countSql, Long.class) >= expected);
        return (System.nanoTime() - t0) / 1e9;
    }
}
