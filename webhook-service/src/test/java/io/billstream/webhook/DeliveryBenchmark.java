package io.billstream.webhook;

import io.billstream.platform.events.Topics;
import io.billstream.testsupport.SlowTest;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.billstream.webhook.delivery.DeliveryWorker;
import io.billstream.webhook.support.Api;
import io.billstream.webhook.support.Events;
import io.billstream.webhook.support.Receiver;
import io.billstream.webhook.support.Receiver.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow test (not part of {@code ./billstream test}): measures deliveries per second to local receivers, with ten healthy endpoints and then with one of
 * the ten hanging (never answering within the attempt timeout). Messages are queued first (worker stopped), so the
 * figure is the delivery rate, not Kafka ingestion. One warm-up run, three healthy runs (the median is reported), one
 * run with an endpoint hanging. Writes target/bench-webhooks.json.
 * Run: {@code mvn -B -q -pl webhook-service -am test -Dbillstream.slow=true -Dtest=DeliveryBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@SlowTest
@ServiceIntegrationTest
class DeliveryBenchmark extends WebhookTestBase {

    private static final int ENDPOINTS = 10;
    private static final int EVENTS = Integer.getInteger("bench.events", 2000);
    private static final int HEALTHY_RUNS = 3;

    @Autowired
    DeliveryWorker worker;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    MeterRegistry meters;

    @Test
    void measure() throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("command", "mvn -B -q -pl webhook-service test -Dtest=DeliveryBenchmark "
                + "-Dsurefire.failIfNoSpecifiedTests=false");
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        report.put("endpoints", ENDPOINTS);
        report.put("eventsPerScenario", EVENTS);
        report.put("deliveriesPerScenario", EVENTS * ENDPOINTS);

        // warm-up as long as a measured run: with a 200-event warm-up a third of the JVM's CPU in the measured runs
        // went to the JIT compiler threads (JFR ThreadCPULoad), a start-up cost a running service does not pay
        report.put("warmUp", run(EVENTS, false));
        // the shared machine's noise (autovacuum, other builds) moves single runs by ±10 %: the median of three
        List<Map<String, Object>> healthyRuns = new ArrayList<>();
        for (int i = 0; i < HEALTHY_RUNS; i++) {
            healthyRuns.add(run(EVENTS, false));
        }
        report.put("healthyRuns", healthyRuns.stream().map(r -> r.get("deliveriesPerSecond")).toList());
        Map<String, Object> healthy = healthyRuns.stream()
                .sorted(Comparator.comparingDouble(r -> (double) r.get("deliveriesPerSecond")))
                .toList().get(HEALTHY_RUNS / 2);
        report.put("healthy", healthy);
        Map<String, Object> hanging = run(EVENTS, true);
        // against the median healthy run
        double baseline = (double) healthy.get("deliveriesPerSecond");
        double healthyNineRate = (double) hanging.get("healthyNineDeliveriesPerSecond");
        // what the nine healthy endpoints got, against what nine of ten got without the hanging one
        hanging.put("healthyNineThroughputLossPercent",
                round(100.0 * Math.max(0, 1 - healthyNineRate / baseline)));
        // the same comparison per CPU second, which the other builds sharing the machine disturb far less
        double baselineCpu = (double) healthy.get("deliveriesPerJvmCpuSecond");
        double hangingCpu = (double) hanging.get("healthyNineDeliveriesPerJvmCpuSecond");
        hanging.put("healthyNineCpuEfficiencyLossPercent",
                round(100.0 * Math.max(0, 1 - hangingCpu / baselineCpu)));
        report.put("oneOfTenHanging", hanging);
        report.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        Path out = Path.of("target", "bench-webhooks.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("BENCH " + mapper.writeValueAsString(report));
    }

    private Map<String, Object> run(int events, boolean oneHanging) throws Exception {
        Api api = newTenant();
        CountDownLatch release = new CountDownLatch(1);
        // one receiver (server) per endpoint, as ten subscribers would be
        List<Receiver> receivers = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS; i++) {
            boolean hangs = oneHanging && i == 0;
            Receiver receiver = new Receiver();
            receivers.add(receiver);
            String url = receiver.path((n, r) -> {
                if (hangs) {
                    release.await(60, TimeUnit.SECONDS);
                }
                return Reply.ok();
            });
            urls.add(url);
            ids.add(createEndpoint(api, url, "[\"*\"]").get("id").asText());
        }
        worker.stop();
        long ingestStart = System.nanoTime();
        Events builder = events();
        for (int i = 0; i < events; i++) {
            Events.Sent event = builder.invoiceEvent(api.tenant(), "invoice.updated");
            kafka.send(Topics.INVOICE, event.subject(), event.json());
        }
        kafka.flush();
        int expected = events * ENDPOINTS;
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                "select count(*) from webhook_message where tenant_id = ?", Integer.class, api.tenant()),
                n -> n == expected);
        double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;

        List<String> healthyIds = oneHanging ? ids.subList(1, ids.size()) : ids;
        int healthyExpected = events * healthyIds.size();
        String healthyArray = "{" + String.join(",", healthyIds) + "}";
        double deferredBefore = deferred();
        long cpuStart = processCpuNanos();
        long postgresTicksStart = postgresCpuTicks();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        worker.start();
        // counting what is still pending (a shrinking partial index) rather than what is delivered (a growing
        // table): the poll is PostgreSQL work that competes with the deliveries it measures
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "select count(*) from webhook_message where status = 'pending' and endpoint_id = any(?::text[])",
                Integer.class, healthyArray), n -> n == 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(jdbc.queryForObject(
                "select count(*) from webhook_message where endpoint_id = any(?::text[]) and status = 'delivered'",
                Integer.class, healthyArray)).as("delivered to the healthy endpoints").isEqualTo(healthyExpected);
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        double deferred = deferred() - deferredBefore;
        double postgresCpuSeconds = (postgresCpuTicks() - postgresTicksStart) / 100.0;

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("messagesQueued", expected);
        // to line the phase up with a profile (JFR) of the run
        result.put("deliveringFrom", startedAt.toString());
        result.put("deliveringUntil", Instant.now().toString());
        // claimed, then put back unsent because the endpoint's slots were full: claim and write work for nothing
        result.put("deferredClaims", (long) deferred);
        // all PostgreSQL processes on this machine (the other half of the delivery cost); -1 without /proc
        result.put("postgresCpuSeconds", postgresCpuSeconds < 0 ? -1 : round(postgresCpuSeconds));
        result.put("ingestSeconds", round(ingestSeconds));
        result.put("ingestMessagesPerSecond", round(expected / ingestSeconds));
        if (oneHanging) {
            result.put("healthyNineDelivered", healthyExpected);
            result.put("healthyNineSeconds", round(seconds));
            result.put("healthyNineDeliveriesPerSecond", round(healthyExpected / seconds));
            result.put("jvmCpuSeconds", round(cpuSeconds));
            result.put("healthyNineDeliveriesPerJvmCpuSecond", round(healthyExpected / cpuSeconds));
            result.put("healthyNineLostOrUndelivered", healthyExpected
                    - receivedBy(receivers.subList(1, ENDPOINTS), urls.subList(1, ENDPOINTS)));
            result.put("hangingEndpointRequestsInFlight", receivers.get(0).requests(urls.get(0)).size());
            result.put("hangingEndpointMessagesByStatus", jdbc.queryForList(
                    "select status, count(*) as n from webhook_message where endpoint_id = ? group by status",
                    ids.get(0)));
            api.patch("/v1/webhook-endpoints/" + ids.get(0), "{\"status\":\"disabled\"}");
        } else {
            result.put("delivered", expected);
            result.put("seconds", round(seconds));
            result.put("deliveriesPerSecond", round(expected / seconds));
            result.put("duplicateRequests", requestsTo(receivers, urls) - expected);
            // CPU of this JVM (service and receiver together; PostgreSQL not included) while delivering: a figure
            // that does not depend on how busy the shared machine is
            result.put("jvmCpuSeconds", round(cpuSeconds));
            result.put("deliveriesPerJvmCpuSecond", round(expected / cpuSeconds));
        }
        release.countDown();
        receivers.forEach(Receiver::close);
        return result;
    }

    private double deferred() {
        return meters.counter("billstream.webhooks.delivery.deferred").count();
    }

    /** CPU ticks (1/100 s on Linux) used so far by every process named postgres; -1 where /proc is unreadable. */
    private static long postgresCpuTicks() {
        try (var dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(DeliveryBenchmark::postgresTicksOf).sum();
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long postgresTicksOf(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int close = stat.lastIndexOf(')');
            if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                return 0;
            }
            String[] fields = stat.substring(close + 2).split(" ");
            // utime and stime: fields 14 and 15 of stat, counted from the state field (3) here
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Distinct webhook-ids each endpoint's receiver saw. */
    private static int receivedBy(List<Receiver> receivers, List<String> urls) {
        int sum = 0;
        for (int i = 0; i < urls.size(); i++) {
            sum += (int) receivers.get(i).requests(urls.get(i)).stream().map(r -> r.header("webhook-id")).distinct()
                    .count();
        }
        return sum;
    }

    private static int requestsTo(List<Receiver> receivers, List<String> urls) {
        int sum = 0;
        for (int i = 0; i < urls.size(); i++) {
            sum += receivers.get(i).requests(urls.get(i)).size();
        }
        return sum;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
