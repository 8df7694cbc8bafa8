package io.billstream.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 6 (peer), when {@code KILLBILL_URL} and its tenant credentials are given: Billstream and Kill Bill side by
 * side in the same window, each level measured for Billstream and then for Kill Bill before the next level, so both
 * see the same machine.
 * <ul>
 *   <li>write: Billstream create + issue ({@code POST /v1/invoices} with 5 lines, then {@code /issue}) against Kill
 *       Bill's {@code POST /1.0/kb/invoices/charges/{accountId}?autoCommit=true} with the same 5 lines as external
 *       charges (creates and commits an invoice in one call), at every client level; throughput, p50/p99, and CPU
 *       milliseconds and database transactions per invoice of each system ({@link ProcessGroup}: its processes plus
 *       the PostgreSQL backends of its databases);</li>
 *   <li>paced: one client sending one invoice every {@code BENCH_PACED_MS} (250) ms — latency without queueing;</li>
 *   <li>read: {@code GET /v1/invoices/{id}} against {@code GET /1.0/kb/invoices/{id}} (items included), one client,
 *       over invoices each system created here.</li>
 * </ul>
 * Without {@code KILLBILL_URL}: "not run".
 */
final class KillBill {

    private final Config config;
    private final Stack stack;

    KillBill(Config config, Stack stack) {
        this.config = config;
        this.stack = stack;
    }

    /** One system's operation and its resources, measured the same way for both. */
    /**
     * {@code fresh} starts a new Kill Bill account or Billstream tenant: each level writes to one of its own, so that
     * neither system is measured with the invoices of the levels before on the same account (Kill Bill's calls slow
     * down as its account's invoices grow: 30–37 against 20 invoices/s after a 30 or a 120 s warm-up on one account).
     */
    private record Side(String name, ProcessGroup group, IntOp write, Fresh fresh) {
    }

    /** The charge call of the current Kill Bill account: its path and body. */
    private record ChargeCall(String path, String body) {
    }

    interface Fresh {
        void start() throws Exception;
    }

    interface IntOp {
        /** one write; returns the created invoice's id, or null on failure (counted by the operation). */
        String run() throws Exception;
    }

    Map<String, Object> run() throws Exception {
        String url = System.getenv("KILLBILL_URL");
        if (url == null || url.isBlank()) {
            return Map.of("status", "not run (KILLBILL_URL not set)");
        }
        String basic = Base64.getEncoder().encodeToString((Config.env("KILLBILL_USER", "admin") + ":"
                + Config.env("KILLBILL_PASSWORD", "password")).getBytes(StandardCharsets.UTF_8));
        Http kb = new Http(url.replaceAll("/$", ""), Map.of(
                "Authorization", "Basic " + basic,
                "X-Killbill-ApiKey", Config.env("KILLBILL_API_KEY", "bob"),
                "X-Killbill-ApiSecret", Config.env("KILLBILL_API_SECRET", "lazar"),
                "X-Killbill-CreatedBy", "billstream-bench",
                "Accept", "application/json"));
        AtomicReference<ChargeCall> account = new AtomicReference<>();
        Fresh freshAccount = () -> {
            String externalKey = "bench-" + UUID.randomUUID();
            kb.post("/1.0/kb/accounts", Http.json(Map.of("name", "Globex Corporation", "email", "ap@globex.example",
                    "currency", "USD", "externalKey", externalKey))).expect(201, "Kill Bill account");
            String accountId = kb.get("/1.0/kb/accounts?externalKey=" + externalKey)
                    .expect(200, "Kill Bill account lookup").json().get("accountId").asText();
            // The same five lines as the Billstream invoice (its line totals), as external charges on one invoice.
            List<Map<String, Object>> charges = List.of(
                    charge(accountId, "Backend development (API, billing engine)", "4245.98"),
                    charge(accountId, "UX review workshop", "1034.31"),
                    charge(accountId, "Code review", "783.90"),
                    charge(accountId, "Cloud hosting - March", "249.90"),
                    charge(accountId, "Third-party API credits", "100.00"));
            account.set(new ChargeCall("/1.0/kb/invoices/charges/" + accountId + "?autoCommit=true", Http.json(charges)));
        };
        Errors errors = new Errors();
        AtomicReference<Tenant> tenant = new AtomicReference<>();
        AtomicInteger tenants = new AtomicInteger();
        Fresh freshTenant = () -> tenant.set(Tenant.create(config.gateway(), "peer-" + tenants.incrementAndGet()));

        Side billstream = new Side("Billstream", ProcessGroup.billstream(config, stack), () -> {
            Http.Response issued = tenant.get().createAndIssue(errors);
            return issued == null ? null : Tenant.invoiceId(issued.body());
        }, freshTenant);
        Side killBill = new Side("Kill Bill", ProcessGroup.killBill(config), () -> {
            ChargeCall call = account.get();
            Http.Response r = kb.post(call.path(), call.body());
            if (r.status() != 201 && r.status() != 200) {
                errors.count("Kill Bill charge " + r.status());
                return null;
            }
            JsonNode items = r.json();
            return items.isArray() && !items.isEmpty() ? items.get(0).path("invoiceId").asText(null) : null;
        }, freshAccount);
        List<Side> sides = List.of(billstream, killBill);

        // BENCH_PEER_WARMUP_SECONDS (30): long enough for both JITs; Billstream has five JVMs to compile
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_PEER_WARMUP_SECONDS", "30"));
        WritePath.log("peer: warm-up, %d s at 4 clients each", warmUp);
        for (Side side : sides) {
            side.fresh().start();
            ClosedLoop.run(4, Duration.ZERO, Duration.ofSeconds(warmUp), c -> () -> side.write().run() != null, errors);
        }
        // The warm-up leaves Billstream minutes of PDFs to render (document-service yields the CPU while requests
        // run): finished here, or the first level's drain counted them as its own invoices' work.
        double settledAfterWarmUp = stack.settle(0.2, 300);
        Map<String, Map<Integer, List<Map<String, Object>>>> rounds = new LinkedHashMap<>();
        for (int round = 1; round <= config.rounds(); round++) {
            for (int clients : config.levels()) {
                for (Side side : sides) {
                    // Billstream finishes an invoice's PDF, webhooks and projections after answering: without the
                    // wait, the backlog of the level before ran in this one's window (and in Kill Bill's)
                    side.fresh().start();
                    double settled = stack.settle(0.2, 60);
                    Map<String, Object> r = measured(side, clients, errors);
                    r.put("settleSecondsBefore", settled);
                    r.put("round", round);
                    r.put("loadAverage1m", Stack.loadAverage());
                    rounds.computeIfAbsent(side.name(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(clients, k -> new ArrayList<>()).add(r);
                    WritePath.log("peer round %d, %s, %d clients: %.1f invoices/s (p50 %.1f ms, p99 %.1f ms), %.1f CPU ms/invoice",
                            round, side.name(), clients, WritePath.num(r, "opsPerSecond"), WritePath.num(r, "p50Ms"),
                            WritePath.num(r, "p99Ms"), WritePath.num(r, "cpuMsPerInvoice"));
                }
            }
        }
        Map<String, Object> write = new LinkedHashMap<>();
        for (Side side : sides) {
            List<Map<String, Object>> levels = new ArrayList<>();
            for (int clients : config.levels()) {
                List<Map<String, Object>> rs = rounds.get(side.name()).get(clients);
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("clients", clients);
                for (String f : List.of("opsPerSecond", "p50Ms", "p99Ms", "cpuMsPerInvoice", "transactionsPerInvoice")) {
                    s.put(f, Stats.median(rs, f));
                }
                s.put("failedOps", rs.stream().mapToLong(r -> (long) r.get("failedOps")).sum());
                s.put("rounds", rs);
                levels.add(s);
            }
            write.put(side.name(), levels);
        }

        Map<String, Object> paced = new LinkedHashMap<>();
        int pacedMs = Integer.parseInt(Config.env("BENCH_PACED_MS", "250"));
        List<List<String>> created = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < sides.size(); i++) {
            sides.get(i).fresh().start();
            paced.put(sides.get(i).name(), paced(sides.get(i), pacedMs, created.get(i)));
        }

        Map<String, Object> read = new LinkedHashMap<>();
        List<Http> readers = List.of(tenant.get().api(), kb);
        List<String> readPaths = List.of("/v1/invoices/", "/1.0/kb/invoices/");
        Map<String, List<Map<String, Object>>> readRounds = new LinkedHashMap<>();
        for (int round = 1; round <= config.rounds(); round++) {
            for (int i = 0; i < sides.size(); i++) {
                List<String> ids = created.get(i);
                if (ids.isEmpty()) {
                    continue;
                }
                Http reader = readers.get(i);
                String prefix = readPaths.get(i);
                String label = sides.get(i).name();
                AtomicInteger next = new AtomicInteger();
                Map<String, Object> r = ClosedLoop.run(1, config.warmup(), config.measure(), c -> () -> {
                    Http.Response g = reader.get(prefix + ids.get(Math.floorMod(next.getAndIncrement(), ids.size())));
                    if (g.status() != 200) {
                        errors.count(label + " GET " + g.status());
                        return false;
                    }
                    return true;
                }, errors);
                r.put("round", round);
                readRounds.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
                WritePath.log("peer read round %d, %s: p50 %.2f ms, p99 %.2f ms", round, label,
                        WritePath.num(r, "p50Ms"), WritePath.num(r, "p99Ms"));
            }
        }
        readRounds.forEach((label, rs) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            for (String f : List.of("opsPerSecond", "p50Ms", "p99Ms")) {
                s.put(f, Stats.median(rs, f));
            }
            s.put("rounds", rs);
            read.put(label, s);
        });

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "run");
        out.put("url", url);
        out.put("operation", Map.of(
                "Billstream", Tenant.createAndIssueOperation() + " through the gateway, API key",
                "Kill Bill", "POST /1.0/kb/invoices/charges/{accountId}?autoCommit=true, 5 external charges (one committed invoice)"));
        out.put("read", Map.of(
                "Billstream", "GET /v1/invoices/{id} through the gateway, API key",
                "Kill Bill", "GET /1.0/kb/invoices/{id} (items included), tenant key/secret + basic auth"));
        out.put("groups", Map.of("Billstream", Map.of("processes", billstream.group().pids(), "databases", billstream.group().databases()),
                "Kill Bill", Map.of("processes", killBill.group().pids(), "databases", killBill.group().databases())));
        out.put("levels", write.get("Kill Bill")); // the Kill Bill rows, as earlier results had them
        out.put("write", write);
        out.put("settleSecondsAfterWarmUp", settledAfterWarmUp);
        out.put("pacedEveryMs", pacedMs);
        out.put("paced", paced);
        out.put("getInvoice", read);
        out.put("errors", errors.snapshot());
        return out;
    }

    /** One closed-loop level with the side's CPU and transactions over the whole run (warm-up included). */
    private Map<String, Object> measured(Side side, int clients, Errors errors) throws Exception {
        ProcessGroup.Snapshot before = side.group().snapshot();
        long start = System.nanoTime();
        Map<String, Object> r = ClosedLoop.run(clients, config.warmup(), config.measure(),
                c -> () -> side.write().run() != null, errors);
        ProcessGroup.Snapshot windowEnd = side.group().snapshot();
        Map<String, Object> used = side.group().between(before, windowEnd);
        // the CPU window includes the warm-up, so divide by the invoices of the whole run, estimated by rate
        double invoices = WritePath.num(r, "opsPerSecond") * (System.nanoTime() - start) / 1e9;
        r.put("cpuMsPerInvoiceInWindow", Stats.round(((Number) used.get("cpuSeconds")).doubleValue() * 1000 / Math.max(1, invoices), 2));
        r.put("cpuPercentOfOneCoreByProcess", used.get("cpuPercentOfOneCoreByProcess"));
        // work a system finishes after answering (Billstream's PDFs, webhooks, projections; Kill Bill's bus) is part
        // of what an invoice costs: count it until the side is quiet again, or it would fall between the windows
        r.put("drainSeconds", drain(side));
        Map<String, Object> withDrain = side.group().between(before, side.group().snapshot());
        r.put("cpuMsPerInvoice", Stats.round(((Number) withDrain.get("cpuSeconds")).doubleValue() * 1000 / Math.max(1, invoices), 2));
        r.put("transactionsPerInvoice", Stats.round(((Number) withDrain.get("transactions")).doubleValue() / Math.max(1, invoices), 2));
        return r;
    }

    /** Waits (≤ 60 s) until the side's processes use less than a fifth of a core over two seconds. */
    private static double drain(Side side) throws InterruptedException {
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1e9 < 60) {
            ProcessGroup.Snapshot a = side.group().snapshot();
            Thread.sleep(2000);
            Map<String, Object> used = side.group().between(a, side.group().snapshot());
            if (((Number) used.get("cpuSeconds")).doubleValue() / 2.0 < 0.2) {
                break;
            }
        }
        return Stats.round((System.nanoTime() - start) / 1e9, 1);
    }

    /** One client, one invoice every {@code everyMs} (the wait is not measured); keeps the created ids for reads. */
    private Map<String, Object> paced(Side side, int everyMs, List<String> ids) throws Exception {
        int n = (int) Math.max(10, config.measure().toMillis() * 2 / everyMs);
        Stats.Samples samples = new Stats.Samples();
        int failed = 0;
        long next = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += everyMs * 1_000_000L;
            long t0 = System.nanoTime();
            String id = side.write().run();
            long t1 = System.nanoTime();
            if (id == null) {
                failed++;
            } else {
                samples.add(t1 - t0);
                ids.add(id);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(Stats.latency(samples.toArray()));
        out.put("failedOps", failed);
        WritePath.log("peer paced, %s: p50 %.1f ms, p99 %.1f ms", side.name(), WritePath.num(out, "p50Ms"), WritePath.num(out, "p99Ms"));
        return out;
    }

    private static Map<String, Object> charge(String accountId, String description, String amount) {
        return Map.of("accountId", accountId, "description", description, "amount", amount, "currency", "USD");
    }
}
