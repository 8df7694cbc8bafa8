package io.billstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Scenario 2: payment POST → {@code invoice.paid} webhook at a local receiver, at a fixed rate (open loop: the
 * schedule does not wait for answers). Each payment fully pays its own invoice, created and issued beforehand.
 * Baselines at the same rate: one HTTP hop (driver → receiver) and one Kafka hop (produce → consume) on the stack's
 * broker — the path crosses two of each (plus the services' database work).
 */
final class EndToEnd {

    private final Config config;
    private final Stack stack;
    private final String kafka = Config.env("BENCH_KAFKA", "127.0.0.1:9092");

    private final Inventory inventory;

    /** @param inventory issued invoices left by the write path in this run, or null */
    EndToEnd(Config config, Stack stack, Inventory inventory) {
        this.config = config;
        this.stack = stack;
        this.inventory = inventory;
    }

    record Prepared(String id, String amountDue) {
    }

    /** The end-to-end path cut where the driver can see it: on Kafka, and at the invoice.paid event's own time. */
    static final List<String> HOPS = List.of(
            "payment POST sent → payment.recorded on Kafka (gateway, payment-service, outbox relay)",
            "payment.recorded on Kafka → invoice.paid event time (invoice-service consumer, command, event store)",
            "invoice.paid event time → invoice.paid on Kafka (Axon processor, publisher)",
            "invoice.paid on Kafka → webhook received (webhook-service ingest, fan-out, delivery)");

    Map<String, Object> run() throws Exception {
        int count = config.e2eRate() * config.e2eSeconds();
        int lowRate = Integer.parseInt(Config.env("BENCH_E2E_LOW_RATE", "10"));
        int lowSeconds = Integer.parseInt(Config.env("BENCH_E2E_LOW_SECONDS", "20"));
        int lowCount = lowRate > 0 ? lowRate * lowSeconds : 0;
        // the payment path (payment POST, ApplyPayment, ledger, paid render) is cold after the write path: without a
        // warm-up the JIT compiles it during the measured minute, at up to 40 % of a service's CPU
        int warmSeconds = Integer.parseInt(Config.env("BENCH_E2E_WARMUP_SECONDS", "20"));
        int warmCount = config.e2eRate() * warmSeconds;
        // after the target rate: the rates in between, to find the highest one at which the targets still hold here
        List<Integer> sweepRates = sweepRates();
        int sweepSeconds = Integer.parseInt(Config.env("BENCH_E2E_SWEEP_SECONDS", "20"));
        int sweepCount = sweepRates.stream().mapToInt(r -> r * sweepSeconds).sum();
        // BENCH_E2E_IDLE_MINUTES (0: skipped): last, the stack is left alone this long, then 10 payments at 1/s show
        // whether anything went to sleep (connections, consumers, workers): the first pays for it if so
        int idleMinutes = Integer.parseInt(Config.env("BENCH_E2E_IDLE_MINUTES", "0"));
        int idleCount = idleMinutes > 0 ? 10 : 0;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ratePerSecond", config.e2eRate());
        out.put("seconds", config.e2eSeconds());
        out.put("payments", count);
        Tenant tenant = inventory != null ? inventory.tenant() : Tenant.create(config.gateway(), "e2e");
        try (Receiver receiver = new Receiver()) {
            tenant.api().post("/v1/webhook-endpoints", Http.json(Map.of("url", receiver.url(),
                    "events", List.of("invoice.paid"), "description", "bench receiver"))).expect(201, "webhook endpoint");

            List<Prepared> invoices = new ArrayList<>();
            Prepared reused;
            int needed = count + lowCount + warmCount + sweepCount + idleCount;
            while (inventory != null && invoices.size() < needed && (reused = inventory.take()) != null) {
                invoices.add(reused);
            }
            out.put("invoicesFromWritePath", invoices.size());
            WritePath.log("e2e: %d issued invoices from the write path, preparing %d more", invoices.size(),
                    needed - invoices.size());
            long prepStart = System.nanoTime();
            invoices.addAll(prepare(tenant, needed - invoices.size()));
            out.put("prepareSeconds", Stats.round((System.nanoTime() - prepStart) / 1e9, 1));
            out.put("settleSecondsBefore", stack.settle(0.3, 90));
            if (warmCount > 0) {
                WritePath.log("e2e: warm-up, %d s at %d/s (not measured)", warmSeconds, config.e2eRate());
                Map<String, Object> warm = phase(tenant, receiver,
                        invoices.subList(count + lowCount, count + lowCount + warmCount), config.e2eRate());
                out.put("warmUp", Map.of("seconds", warmSeconds, "endToEnd", warm.get("endToEnd")));
                out.put("settleSecondsAfterWarmUp", stack.settle(0.3, 90));
            }
            out.put("loadAverage1mAfterSettle", Stack.loadAverage());

            WritePath.log("e2e: baselines (HTTP hop, Kafka hop) at %d/s for 10 s", config.e2eRate());
            out.put("baselineHttpHop", httpHop(receiver));
            out.put("baselineKafkaHop", kafkaHop());
            double floor = num(out, "baselineHttpHop", "p50Ms") * 2 + num(out, "baselineKafkaHop", "p50Ms") * 2;
            out.put("floorP50Ms", Stats.round(floor, 2));

            if (lowCount > 0) {
                // a rate the machine is not saturated by, for contrast with the target rate
                Map<String, Object> low = phase(tenant, receiver, invoices.subList(count, count + lowCount), lowRate);
                low.put("ratePerSecond", lowRate);
                low.put("seconds", lowSeconds);
                low.put("p50RatioToFloor", Stats.ratio(num(low, "endToEnd", "p50Ms"), floor));
                low.put("meetsTargets", meetsTargets(low));
                out.put("lowRate", low);
                out.put("settleSecondsBetween", stack.settle(0.3, 45));
            }
            Map<String, Object> main = phase(tenant, receiver, invoices.subList(0, count), config.e2eRate());
            out.putAll(main);
            out.put("p50RatioToFloor", Stats.ratio(num(out, "endToEnd", "p50Ms"), floor));
            out.put("targetP50Ms", TARGET_P50_MS);
            out.put("targetP99Ms", TARGET_P99_MS);
            out.put("meetsTargets", meetsTargets(out));

            List<Map<String, Object>> sweep = new ArrayList<>();
            int from = count + lowCount + warmCount;
            for (int rate : sweepRates) {
                out.put("settleSecondsBeforeSweep" + rate, stack.settle(0.3, 45));
                int n = rate * sweepSeconds;
                Map<String, Object> step = phase(tenant, receiver, invoices.subList(from, from + n), rate);
                from += n;
                step.put("ratePerSecond", rate);
                step.put("seconds", sweepSeconds);
                step.put("meetsTargets", meetsTargets(step));
                sweep.add(step);
            }
            out.put("sweep", sweep);
            out.put("highestRateMeetingTargets", highestRateMeetingTargets(out, sweep));
            if (idleCount > 0) {
                WritePath.log("e2e: leaving the stack alone for %d min", idleMinutes);
                Thread.sleep(Duration.ofMinutes(idleMinutes));
                Map<String, Object> afterIdle = phase(tenant, receiver, invoices.subList(from, from + idleCount), 1);
                afterIdle.put("idleMinutesBefore", idleMinutes);
                out.put("afterIdle", afterIdle);
            }
        }
        return out;
    }

    /** Pays each invoice in full, open loop at {@code rate}, and waits (≤ 60 s) for every invoice.paid webhook. */
    private Map<String, Object> phase(Tenant tenant, Receiver receiver, List<Prepared> invoices, int rate) throws Exception {
        int count = invoices.size();
        Map<String, Object> out = new LinkedHashMap<>();
        WritePath.log("e2e: %d payments at %d/s", count, rate);
        KafkaWatch watch = new KafkaWatch(kafka, List.of("billstream.payment.v1", "billstream.invoice.v1"));
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> sentWallMicros = new ConcurrentHashMap<>();
        List<Long> postNanos = Collections.synchronizedList(new ArrayList<>());
        Errors errors = new Errors();
        double load = Stack.loadAverage();
        Map<String, Double> cpuBefore = stack.cpuSecondsWithDatabaseAndDriver();
        long phaseStart = System.nanoTime();
        long lateness = openLoop(count, rate, i -> {
            Prepared invoice = invoices.get(i);
            Instant wall = Instant.now();
            long t0 = System.nanoTime();
            Http.Response r = tenant.api().post("/v1/payments", Http.json(Map.of("invoiceId", invoice.id(),
                    "amount", invoice.amountDue(), "currency", "USD", "method", "bank_transfer")));
            if (r.status() == 201) {
                sent.put("invoice.paid:" + invoice.id(), t0);
                sentWallMicros.put("invoice.paid:" + invoice.id(), wall.getEpochSecond() * 1_000_000 + wall.getNano() / 1000);
                postNanos.add(r.nanos());
            } else {
                errors.count("payment " + r.status());
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && sent.keySet().stream().anyMatch(k -> receiver.arrival(k) == null)) {
            Thread.sleep(200);
        }
        out.put("cpu", cpuUse(cpuBefore, stack.cpuSecondsWithDatabaseAndDriver(), System.nanoTime() - phaseStart,
                Math.max(1, sent.size())));
        watch.close();
        List<Long> latencies = new ArrayList<>();
        List<Long> toEvent = new ArrayList<>();
        List<Long> eventToReceiver = new ArrayList<>();
        Map<String, List<Long>> hops = new LinkedHashMap<>();
        for (String hop : HOPS) {
            hops.put(hop, new ArrayList<>());
        }
        int missing = 0;
        for (var e : sent.entrySet()) {
            Long arrival = receiver.arrival(e.getKey());
            if (arrival == null) {
                missing++;
                continue;
            }
            long total = arrival - e.getValue();
            latencies.add(total);
            Long eventMicros = receiver.eventTimeMicros(e.getKey());
            long first = -1;
            if (eventMicros != null) {
                // wall clocks of one machine: payment sent → invoice.paid's own time → arrival
                first = (eventMicros - sentWallMicros.get(e.getKey())) * 1000;
                toEvent.add(first);
                eventToReceiver.add(total - first);
            }
            String invoiceId = e.getKey().substring("invoice.paid:".length());
            Long recorded = watch.seen("payment.recorded", invoiceId);
            Long paid = watch.seen("invoice.paid", invoiceId);
            if (recorded != null && paid != null && first >= 0) {
                long t0 = e.getValue();
                hops.get(HOPS.get(0)).add(recorded - t0);
                hops.get(HOPS.get(1)).add(t0 + first - recorded);
                hops.get(HOPS.get(2)).add(paid - (t0 + first));
                hops.get(HOPS.get(3)).add(arrival - paid);
            }
        }
        long[] endToEnd = latencies.stream().mapToLong(Long::longValue).toArray();
        out.put("endToEnd", Stats.latency(endToEnd));
        out.put("endToEndCdfMs", Stats.percentiles(endToEnd)); // the distribution, for the plot
        out.put("splitPaymentSentToInvoicePaidEvent", Stats.latency(toEvent.stream().mapToLong(Long::longValue).toArray()));
        out.put("splitInvoicePaidEventToReceiver", Stats.latency(eventToReceiver.stream().mapToLong(Long::longValue).toArray()));
        Map<String, Object> split = new LinkedHashMap<>();
        hops.forEach((hop, nanos) -> split.put(hop, Stats.latency(nanos.stream().mapToLong(Long::longValue).toArray())));
        out.put("hops", split);
        out.put("paymentPost", Stats.latency(postNanos.stream().mapToLong(Long::longValue).toArray()));
        out.put("paymentsAccepted", sent.size());
        out.put("webhooksMissingAfter60s", missing);
        out.put("maxScheduleLatenessMs", Stats.ms(lateness));
        out.put("errors", errors.snapshot());
        out.put("loadAverage1mAtStart", load);
        out.put("loadAverage1mAtEnd", Stack.loadAverage());
        return out;
    }

    /**
     * What the phase cost the machine, from its first payment until its last webhook arrived: every stack process,
     * every PostgreSQL server process and this driver. Work still queued then (the PAID pages' PDFs, mostly) is left
     * out, so this is what the payment → webhook path could use, not the whole cost of a payment.
     */
    private static Map<String, Object> cpuUse(Map<String, Double> before, Map<String, Double> after, long nanos,
                                              int payments) {
        Map<String, Object> byProcess = new LinkedHashMap<>();
        double total = 0;
        for (var e : after.entrySet()) {
            double used = Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0.0));
            total += used;
            byProcess.put(e.getKey(), Stats.round(used * 1000 / payments, 2));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("msPerPayment", Stats.round(total * 1000 / payments, 2));
        out.put("machineBusyPercent", Stats.round(total / (nanos / 1e9) / Runtime.getRuntime().availableProcessors() * 100, 1));
        out.put("msPerPaymentByProcess", byProcess);
        return out;
    }

    private static final int TARGET_P50_MS = 60;
    private static final int TARGET_P99_MS = 250;

    private static List<Integer> sweepRates() {
        String rates = Config.env("BENCH_E2E_SWEEP_RATES", "20,30,40").trim();
        return rates.isEmpty() ? List.of()
                : java.util.Arrays.stream(rates.split(",")).map(String::trim).map(Integer::parseInt).sorted().toList();
    }

    private static boolean meetsTargets(Map<String, Object> phase) {
        return num(phase, "endToEnd", "p50Ms") <= TARGET_P50_MS && num(phase, "endToEnd", "p99Ms") <= TARGET_P99_MS
                && ((Number) phase.get("webhooksMissingAfter60s")).intValue() == 0;
    }

    /** Of every rate measured in this run (contrast, sweep, target), the highest whose phase met both targets. */
    @SuppressWarnings("unchecked")
    private static Integer highestRateMeetingTargets(Map<String, Object> out, List<Map<String, Object>> sweep) {
        List<Map<String, Object>> phases = new ArrayList<>(sweep);
        if (out.get("lowRate") instanceof Map<?, ?> low) {
            phases.add((Map<String, Object>) low);
        }
        Integer best = (Boolean) out.get("meetsTargets") ? (Integer) out.get("ratePerSecond") : null;
        for (Map<String, Object> p : phases) {
            int rate = ((Number) p.get("ratePerSecond")).intValue();
            if (meetsTargets(p) && (best == null || rate > best)) {
                best = rate;
            }
        }
        return best;
    }

    @SuppressWarnings("unchecked")
    private static double num(Map<String, Object> out, String section, String field) {
        return WritePath.num((Map<String, Object>) out.get(section), field);
    }

    private List<Prepared> prepare(Tenant tenant, int count) throws InterruptedException {
        if (count <= 0) {
            return List.of();
        }
        List<Prepared> prepared = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger claimed = new AtomicInteger();
        Errors errors = new Errors();
        int workers = 8;
        CountDownLatch done = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    int failures = 0;
                    while (claimed.getAndIncrement() < count) {
                        Http.Response issued = tenant.createAndIssue(errors);
                        if (issued == null) {
                            claimed.decrementAndGet();
                            if (++failures > 100) {
                                throw new IllegalStateException("preparing invoices keeps failing: " + errors.snapshot());
                            }
                            continue;
                        }
                        JsonNode invoice = issued.json();
                        prepared.add(new Prepared(invoice.get("id").asText(), invoice.get("amountDue").asText()));
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        if (prepared.size() < count) {
            throw new IllegalStateException("prepared only " + prepared.size() + " of " + count + ": " + errors.snapshot());
        }
        return new ArrayList<>(prepared.subList(0, count));
    }

    /** Starts task i at start + i/rate on a virtual thread; returns the worst lateness of a start (ns). */
    private static long openLoop(int count, int rate, Consumer<Integer> task) throws InterruptedException {
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        long worst = 0;
        List<Thread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            worst = Math.max(worst, System.nanoTime() - due);
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> task.accept(index)));
        }
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(60));
        }
        return worst;
    }

    /** One HTTP hop: driver → local receiver, one-way (arrival − send) at the scenario's rate for 10 s. */
    private Map<String, Object> httpHop(Receiver receiver) throws InterruptedException {
        int count = config.e2eRate() * 10;
        Map<String, Long> sent = new ConcurrentHashMap<>();
        openLoop(count, config.e2eRate(), i -> {
            String probe = "probe-" + i;
            Http probeClient = new Http(receiver.url().replace("/webhooks", ""), Map.of("X-Bench-Probe", probe));
            sent.put(probe, System.nanoTime());
            probeClient.post("/webhooks", "{\"type\":\"probe\",\"data\":{}}");
        });
        return oneWay(sent, receiver::arrival);
    }

    /** One Kafka hop on the stack's broker: produce (acks=all) → a consumer polling, one-way, same rate, 10 s. */
    private Map<String, Object> kafkaHop() throws Exception {
        String topic = "bench.latency." + UUID.randomUUID().toString().substring(0, 8);
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            Map<String, Long> arrivals = new ConcurrentHashMap<>();
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
            c.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            var running = new java.util.concurrent.atomic.AtomicBoolean(true);
            CountDownLatch assigned = new CountDownLatch(1);
            Thread poller = Thread.ofPlatform().daemon().start(() -> {
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
                    consumer.subscribe(List.of(topic));
                    while (running.get()) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                            arrivals.putIfAbsent(r.key(), System.nanoTime());
                        }
                        if (!consumer.assignment().isEmpty()) {
                            assigned.countDown();
                        }
                    }
                }
            });
            assigned.await(30, java.util.concurrent.TimeUnit.SECONDS);
            Map<String, Long> sent = new ConcurrentHashMap<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                producer.send(new ProducerRecord<>(topic, "warm", "{}")).get();
                int count = config.e2eRate() * 10;
                openLoop(count, config.e2eRate(), i -> {
                    String key = "probe-" + i;
                    sent.put(key, System.nanoTime());
                    producer.send(new ProducerRecord<>(topic, key, "{\"type\":\"probe\"}"));
                });
                producer.flush();
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline && arrivals.size() < sent.size() + 1) {
                Thread.sleep(100);
            }
            running.set(false);
            poller.join(5000);
            a.deleteTopics(List.of(topic)).all().get();
            return oneWay(sent, arrivals::get);
        }
    }

    private static Map<String, Object> oneWay(Map<String, Long> sent, java.util.function.Function<String, Long> arrival) {
        List<Long> nanos = new ArrayList<>();
        int missing = 0;
        for (var e : sent.entrySet()) {
            Long at = arrival.apply(e.getKey());
            if (at == null) {
                missing++;
            } else {
                nanos.add(at - e.getValue());
            }
        }
        Map<String, Object> out = Stats.latency(nanos.stream().mapToLong(Long::longValue).toArray());
        out.put("missing", missing);
        return out;
    }
}
