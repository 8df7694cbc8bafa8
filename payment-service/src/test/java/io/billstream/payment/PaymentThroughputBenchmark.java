package io.billstream.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billstream.payment.support.HttpResult;
import io.billstream.payment.support.InvoiceEvents;
import io.billstream.testsupport.SlowTest;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow test (not part of {@code ./billstream test}): payments/s through the whole service (HTTP, token check, row lock, insert, outbox) with 8 concurrent
 * clients in this JVM, on one invoice (every payment serialized on one ledger row) and on many invoices.
 * Excluded from the default run; see docs/payment-service.md for the command. Writes target/bench-payments.json.
 */
@SlowTest
class PaymentThroughputBenchmark extends PaymentIntegrationTest {

    private static final int CLIENTS = 8;
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 5));

    @Test
    void paymentsPerSecond() throws Exception {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String tenant = newTenant();
        List<InvoiceEvents.Invoice> warmUp = issue(tenant, 64);
        measure(tenant, warmUp, WARM_UP);

        InvoiceEvents.Invoice single = issue(tenant, 1).getFirst();
        Result one = measure(tenant, List.of(single), RUN);
        Result many = measure(tenant, issue(tenant, 256), RUN);

        ObjectNode report = mapper.createObjectNode();
        report.put("measuredAt", Instant.now().toString());
        report.put("clients", CLIENTS);
        report.put("secondsPerScenario", RUN.toSeconds());
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("java", System.getProperty("java.version"));
        // the machine is shared: the load around the run says how much of it this benchmark had
        report.put("loadAverage1mBefore", loadBefore);
        report.put("loadAverage1mAfter", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        report.set("oneInvoice", one.json());
        report.set("manyInvoices", many.json());
        Path out = Path.of("target", "bench-payments.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("bench-payments: " + report);

        assertThat(one.accepted).isPositive();
        assertThat(many.accepted).isPositive();
        await().atMost(Duration.ofMinutes(2)).until(() ->
                jdbc.queryForObject("select count(*) from outbox_event", Integer.class) == 0);
    }

    private List<InvoiceEvents.Invoice> issue(String tenant, int count) {
        List<InvoiceEvents.Invoice> issued = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            issued.add(invoices.issued(tenant, "USD", "100000000.00"));
        }
        issued.forEach(this::awaitLedger);
        return issued;
    }

    private Result measure(String tenant, List<InvoiceEvents.Invoice> targets, Duration duration) throws Exception {
        List<Future<long[]>> clients = new ArrayList<>();
        long started = System.nanoTime();
        // each client stops by itself at the window's end; closing the pool waits for the last request to finish
        long deadline = started + duration.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    long failed = 0;
                    while (System.nanoTime() < deadline) {
                        InvoiceEvents.Invoice invoice = targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
                        long t0 = System.nanoTime();
                        HttpResult result = api.pay(tenant, invoice.id, "1.00", "USD");
                        long t1 = System.nanoTime();
                        if (result.status() == 201) {
                            latencies.add(t1 - t0);
                        } else {
                            failed++;
                        }
                    }
                    long[] out = new long[latencies.size() + 1];
                    out[0] = failed;
                    for (int i = 0; i < latencies.size(); i++) {
                        out[i + 1] = latencies.get(i);
                    }
                    return out;
                }));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> all = new ArrayList<>();
        long failed = 0;
        for (Future<long[]> client : clients) {
            long[] out = client.get();
            failed += out[0];
            Arrays.stream(out, 1, out.length).forEach(all::add);
        }
        return new Result(targets.size(), all.size(), failed, seconds, all.stream().mapToLong(Long::longValue)
                .sorted().toArray());
    }

    private final class Result {
        final int invoices;
        final long accepted;
        final long failed;
        final double seconds;
        final long[] sortedNanos;

        Result(int invoices, long accepted, long failed, double seconds, long[] sortedNanos) {
            this.invoices = invoices;
            this.accepted = accepted;
            this.failed = failed;
            this.seconds = seconds;
            this.sortedNanos = sortedNanos;
        }

        ObjectNode json() {
            ObjectNode node = mapper.createObjectNode();
            node.put("invoices", invoices);
            node.put("accepted", accepted);
            node.put("failed", failed);
            node.put("paymentsPerSecond", Math.round(accepted / seconds * 10) / 10.0);
            node.put("p50Ms", percentileMs(0.50));
            node.put("p95Ms", percentileMs(0.95));
            node.put("p99Ms", percentileMs(0.99));
            return node;
        }

        private double percentileMs(double p) {
            if (sortedNanos.length == 0) {
                return 0;
            }
            int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(p * sortedNanos.length) - 1);
            return Math.round(sortedNanos[Math.max(0, index)] / 1e4) / 100.0;
        }
    }
}
