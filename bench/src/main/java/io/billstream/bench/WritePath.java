package io.billstream.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1: invoices created and issued per second through the gateway at each concurrency level, beside the raw
 * limit (one JDBC INSERT + COMMIT of the same payload, same server, same number of clients). Levels are interleaved
 * within each round and Billstream and raw alternate, so both see the same machine load; figures are medians over
 * rounds.
 */
final class WritePath {

    private final Config config;
    private final Stack stack;
    private Inventory inventory;

    WritePath(Config config, Stack stack) {
        this.config = config;
        this.stack = stack;
    }

    /** The issued invoices this run left unpaid (for the end-to-end scenario); null before {@link #run()}. */
    Inventory inventory() {
        return inventory;
    }

    private boolean createAndIssue(Tenant tenant, Errors errors) {
        Http.Response issued = tenant.createAndIssue(errors);
        if (issued == null) {
            return false;
        }
        inventory.offer(issued);
        return true;
    }

    Map<String, Object> run() throws Exception {
        Tenant tenant = Tenant.create(config.gateway(), "write");
        inventory = new Inventory(tenant, config.e2eRate() * config.e2eSeconds()
                + Integer.parseInt(Config.env("BENCH_E2E_LOW_RATE", "10")) * Integer.parseInt(Config.env("BENCH_E2E_LOW_SECONDS", "20")));
        String payload = tenant.invoiceBody();
        Errors errors = new Errors();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payloadBytes", payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        out.put("operation", Tenant.createAndIssueOperation() + ", API key, one tenant");
        out.put("rawOperation", "INSERT one row (jsonb payload of the same create body) + COMMIT, own connection per client");

        log("write path: warm-up (%d s at 4 clients)", config.initialWarmup().toSeconds());
        ClosedLoop.run(4, Duration.ZERO, config.initialWarmup(), c -> () -> createAndIssue(tenant, errors), errors);
        Map<Integer, List<Map<String, Object>>> billstream = new LinkedHashMap<>();
        Map<Integer, List<Map<String, Object>>> raw = new LinkedHashMap<>();
        Map<String, Object> rssPeak;
        try (RawJdbc jdbc = new RawJdbc(config.pgHost(), config.pgUser()); Stack.RssPeak peak = stack.new RssPeak()) {
            for (int round = 1; round <= config.rounds(); round++) {
                for (int clients : config.levels()) {
                    // each level starts from a quiet stack: the previous level's PDFs and webhooks are done
                    double settled = stack.settle(0.2, 60);
                    int rawClients = Math.max(1, Math.min(clients, jdbc.spareConnections()));
                    Map<String, Object> r = raw(jdbc, rawClients, payload, errors);
                    r.put("round", round);
                    r.put("loadAverage1m", Stack.loadAverage());
                    raw.computeIfAbsent(clients, k -> new ArrayList<>()).add(r);
                    double cpuBefore = total(stack.cpuSecondsWithDatabaseAndDriver());
                    Map<String, Object> b = ClosedLoop.run(clients, config.warmup(), config.measure(),
                            c -> () -> createAndIssue(tenant, errors), errors);
                    // warm-up included in the CPU window, so divide by the ops of the whole run, estimated by rate
                    double opsInRun = (double) b.get("opsPerSecond") * (config.warmup().toSeconds() + config.measure().toSeconds());
                    b.put("cpuMsPerInvoice", Stats.round((total(stack.cpuSecondsWithDatabaseAndDriver()) - cpuBefore) * 1000
                            / Math.max(1, opsInRun), 1));
                    b.put("round", round);
                    b.put("settleSecondsBefore", settled);
                    b.put("loadAverage1m", Stack.loadAverage());
                    billstream.computeIfAbsent(clients, k -> new ArrayList<>()).add(b);
                    log("write path round %d, %d clients: %.1f ops/s (p50 %.1f ms, p99 %.1f ms, %d failed)  raw (%d clients): %.1f/s",
                            round, clients, (double) b.get("opsPerSecond"), num(b, "p50Ms"), num(b, "p99Ms"),
                            (long) b.get("failedOps"), rawClients, (double) r.get("opsPerSecond"));
                }
            }
            rssPeak = new LinkedHashMap<>(peak.peak());
        }

        List<Map<String, Object>> levels = new ArrayList<>();
        for (int clients : config.levels()) {
            levels.add(summary(clients, billstream.get(clients), raw.get(clients)));
        }
        out.put("levels", levels);
        out.put("multiTenant", multiTenant(errors));
        out.put("errors", errors.snapshot());
        out.put("rssPeakMiB", rssPeak);
        return out;
    }

    /** The same load with each client its own tenant: no contention on one tenant's gapless number counter. */
    private Map<String, Object> multiTenant(Errors errors) throws Exception {
        int clients = config.multiTenantClients();
        if (clients <= 0) {
            return Map.of("status", "not run (BENCH_MULTI_TENANT_CLIENTS=0)");
        }
        List<Tenant> tenants = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            tenants.add(Tenant.create(config.gateway(), "multi-" + i));
        }
        String payload = tenants.get(0).invoiceBody();
        List<Map<String, Object>> rounds = new ArrayList<>();
        List<Map<String, Object>> raws = new ArrayList<>();
        try (RawJdbc jdbc = new RawJdbc(config.pgHost(), config.pgUser())) {
            int rawClients = Math.max(1, Math.min(clients, jdbc.spareConnections()));
            for (int round = 1; round <= config.rounds(); round++) {
                double settled = stack.settle(0.2, 60);
                raws.add(raw(jdbc, rawClients, payload, errors));
                Map<String, Object> b = ClosedLoop.run(clients, config.warmup(), config.measure(),
                        c -> () -> tenants.get(c).createAndIssue(errors) != null, errors);
                b.put("round", round);
                b.put("settleSecondsBefore", settled);
                rounds.add(b);
                log("write path, %d clients over %d tenants, round %d: %.1f ops/s (p50 %.1f ms, p99 %.1f ms)",
                        clients, clients, round, (double) b.get("opsPerSecond"), num(b, "p50Ms"), num(b, "p99Ms"));
            }
        }
        Map<String, Object> s = summary(clients, rounds, raws);
        s.put("tenants", clients);
        return s;
    }

    /**
     * One raw measurement. Its connections are opened before the clock starts; if the shared server has no free
     * slots the round records the error and the Billstream measurement still runs.
     */
    private Map<String, Object> raw(RawJdbc jdbc, int clients, String payload, Errors errors) throws InterruptedException {
        try {
            List<ClosedLoop.Op> ops = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                ops.add(jdbc.client(payload));
            }
            return ClosedLoop.run(clients, Duration.ofSeconds(1), config.rawMeasure(), ops::get, errors);
        } catch (RuntimeException e) {
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("clients", clients);
            failed.put("error", e.toString());
            return failed;
        } finally {
            jdbc.closeClients();
        }
    }

    static Map<String, Object> summary(int clients, List<Map<String, Object>> rounds, List<Map<String, Object>> raws) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("clients", clients);
        double ops = Stats.median(rounds, "opsPerSecond");
        double rawOps = Stats.median(raws, "opsPerSecond");
        s.put("opsPerSecond", ops);
        s.put("p50Ms", Stats.median(rounds, "p50Ms"));
        s.put("p99Ms", Stats.median(rounds, "p99Ms"));
        s.put("rawClients", raws.get(0).get("clients"));
        s.put("rawOpsPerSecond", rawOps);
        s.put("rawP50Ms", Stats.median(raws, "p50Ms"));
        s.put("rawP99Ms", Stats.median(raws, "p99Ms"));
        s.put("ratioToRaw", Stats.ratio(ops, rawOps));
        s.put("cpuMsPerInvoice", Stats.median(rounds, "cpuMsPerInvoice"));
        s.put("failedOps", rounds.stream().mapToLong(r -> (long) r.get("failedOps")).sum());
        s.put("rounds", rounds);
        s.put("rawRounds", raws);
        return s;
    }

    private static double total(Map<String, Double> cpu) {
        return cpu.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static void log(String format, Object... args) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    }
}
