package io.billstream.invoice;

import io.billstream.invoice.invoicing.api.ApplyPayment;
import io.billstream.invoice.invoicing.api.CreateInvoice;
import io.billstream.invoice.invoicing.api.DraftTerms;
import io.billstream.invoice.invoicing.api.IssueInvoice;
import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.invoicing.domain.InvoiceMetaData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.SlowTest;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing figures, not a test of speed (no thresholds): create + issue through Axon's command gateway in-process
 * (no HTTP), one tenant, sequentially and with 4 threads; then paying each of those invoices in full; and the size
 * of one invoice's event stream. CPU is this JVM's (the test's driver included) over each phase. Run with
 * {@code mvn -B -q -pl invoice-service test -Dtest=InvoiceThroughputBenchmark -Dbillstream.slow=true} (invoices per
 * phase: {@code -Dbillstream.bench.invoices=500}, half as many to warm up first);
 * writes {@code target/bench-invoices.txt}.
 */
@SlowTest
@ServiceIntegrationTest
class InvoiceThroughputBenchmark {

    static final PartyData SELLER = new PartyData("Acme Studio", "billing@acme.test", null, null, null);

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InternalTokenService tokens;
    @Value("${local.server.port}")
    int port;

    @Test
    void createAndIssue() throws Exception {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String customer = http.customer("Bench Co");
        MetaData meta = InvoiceMetaData.of(http.tenant, new Actor(ActorType.USER, "usr_bench"));
        String one = http.draft(customer);
        http.post("/v1/invoices/" + one + "/line-items", """
                {"description": "Hosting", "kind": "expense", "quantity": "1", "unitPrice": "20.00"}""");
        http.post("/v1/invoices/" + one + "/issue", "{}");
        Map<String, Object> stream = jdbc.queryForMap("""
                select count(*) as events, sum(octet_length(payload)) as payload_bytes,
                       sum(octet_length(meta_data)) as metadata_bytes
                from domain_event_entry where aggregate_identifier = ?""", one);
        // The internal token lives 60 s, so HTTP is done before the long runs.
        int invoices = Integer.getInteger("billstream.bench.invoices", 500);
        List<String> warmUp = new ArrayList<>();
        run(customer, meta, invoices / 2, 1, warmUp);
        pay(meta, warmUp);
        List<String> issued = Collections.synchronizedList(new ArrayList<>());
        String sequential = run(customer, meta, invoices, 1, issued);
        String parallel = run(customer, meta, invoices, 4, issued);
        String payments = pay(meta, issued);
        String report = "create+issue sequential: " + sequential + "\ncreate+issue 4 threads: " + parallel
                + "\npay in full (ApplyPayment, one thread, in order of issue): " + payments
                + "\nevent stream of one invoice (create with 1 line, add 1 line, issue): " + stream + "\n";
        System.out.println(report);
        Files.writeString(Path.of("target/bench-invoices.txt"), report);
        assertThat(((Number) stream.get("events")).intValue()).isEqualTo(3);
    }

    private String run(String customer, MetaData meta, int invoices, int threads, List<String> issued)
            throws Exception {
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < invoices / threads; i++) {
                    long t0 = System.nanoTime();
                    String id = Ids.newId("inv");
                    commands.sendAndWait(new CreateInvoice(id, terms(customer), null, List.of(line())), meta);
                    commands.sendAndWait(new IssueInvoice(id, null, SELLER, "{yyyy}-{seq:5}"), meta);
                    nanos.add(System.nanoTime() - t0);
                    issued.add(id);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return summary(nanos, seconds, processCpuNanos() - cpu, "invoices");
    }

    /** Pays each invoice in full (960.00 + 19 % tax), one command at a time: each loads the invoice it pays. */
    private String pay(MetaData meta, List<String> invoices) {
        List<Long> nanos = new ArrayList<>();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        for (String id : List.copyOf(invoices)) {
            long t0 = System.nanoTime();
            commands.sendAndWait(new ApplyPayment(id, Ids.newId("pay"), new BigDecimal("1142.40"), "USD"), meta);
            nanos.add(System.nanoTime() - t0);
        }
        return summary(nanos, (System.nanoTime() - start) / 1e9, processCpuNanos() - cpu, "payments");
    }

    /** Rate, latency, and this JVM's CPU per operation (Kafka broker, database and the processors' catch-up aside). */
    private static String summary(List<Long> nanos, double seconds, long cpuNanos, String what) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return "%d %s in %.2f s = %.1f %s/s, p50 %.1f ms, p99 %.1f ms, service CPU %.2f ms each".formatted(
                sorted.size(), what, seconds, sorted.size() / seconds, what, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6, cpuNanos / 1e6 / sorted.size());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static DraftTerms terms(String customer) {
        return new DraftTerms(customer, "USD", null, null, 14, null, BigDecimal.ZERO, null, Map.of());
    }

    private static LineItem line() {
        return new LineItem(Ids.newId("li"), "Consulting", "service", new BigDecimal("8"), "hour",
                new BigDecimal("120.00"), new BigDecimal("19"), null, null);
    }
}
