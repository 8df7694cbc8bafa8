package io.billstream.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario 5: one client's create + issue latency with the event store as it is, then again after at least
 * {@code growthEvents} more events were stored (seeded through the API — realistic invoice histories — at 16
 * clients over 16 tenants). The invoice-service's event store is only read (a count), never written directly.
 */
final class Growth {

    private final Config config;
    private final Stack stack;
    private Tenant tenant;
    private Map<String, Object> before;
    private Map<String, Object> after;

    Growth(Config config, Stack stack) {
        this.config = config;
        this.stack = stack;
    }

    /** The baseline: run before any other load scenario, so the store holds only what earlier runs left. */
    Map<String, Object> measureBefore() throws Exception {
        tenant = Tenant.create(config.gateway(), "growth");
        Errors errors = new Errors();
        ClosedLoop.run(1, Duration.ZERO, Duration.ofSeconds(10), c -> () -> tenant.createAndIssue(errors) != null, errors);
        before = measure(errors);
        return before;
    }

    Map<String, Object> measureAfter() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("before", before);
        long target = (long) before.get("storedEvents") + config.growthEvents();
        long stored = storedEvents();
        Errors errors = new Errors();
        long seedStart = System.nanoTime();
        long seededFrom = stored;
        if (stored < target) {
            WritePath.log("growth: seeding %d more events through the API", target - stored);
            java.util.List<Tenant> tenants = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tenants.add(Tenant.create(config.gateway(), "seed-" + i));
            }
            while ((stored = storedEvents()) < target) {
                ClosedLoop.run(16, Duration.ZERO, Duration.ofSeconds(10),
                        c -> () -> tenants.get(c).createAndIssue(errors) != null, errors);
            }
            double seconds = (System.nanoTime() - seedStart) / 1e9;
            double rate = (stored - seededFrom) / seconds;
            out.put("seededEvents", stored - seededFrom);
            out.put("seedEventsPerSecond", Stats.round(rate, 1));
            out.put("projectedHoursToSeedOneMillion", Stats.round(1_000_000 / rate / 3600, 1));
        } else {
            out.put("seededEvents", 0);
            out.put("note", "the earlier scenarios already stored enough events");
        }
        out.put("settleSeconds", stack.settle(0.3, 60));
        after = measure(errors);
        out.put("after", after);
        out.put("eventsAddedSinceBaseline", (long) after.get("storedEvents") - (long) before.get("storedEvents"));
        out.put("p50Ratio", Stats.ratio(WritePath.num(after, "p50Ms"), WritePath.num(before, "p50Ms")));
        out.put("p99Ratio", Stats.ratio(WritePath.num(after, "p99Ms"), WritePath.num(before, "p99Ms")));
        out.put("oneMillion", "see growth-1m.json: the store grown to 1 M events by cloning real histories");
        out.put("errors", errors.snapshot());
        return out;
    }

    Map<String, Object> baseline() {
        return before;
    }

    /** The growth-after measurement (warm JIT, the run's own load stored), or null when it did not run. */
    Map<String, Object> warmMeasurement() {
        return after;
    }

    /** A restarted invoice-service runs interpreted at first; a few seconds of load get the JIT going before measuring. */
    void warmUp(Duration duration) throws InterruptedException {
        Errors ignored = new Errors();
        ClosedLoop.run(4, Duration.ZERO, duration, c -> () -> tenant.createAndIssue(ignored) != null, ignored);
    }

    Map<String, Object> measure(Errors errors) throws Exception {
        Map<String, Object> m = ClosedLoop.run(1, Duration.ofSeconds(2), config.growthMeasure(),
                c -> () -> tenant.createAndIssue(errors) != null, errors);
        m.put("storedEvents", storedEvents());
        m.put("loadAverage1m", Stack.loadAverage());
        WritePath.log("growth: %d events stored, 1 client: p50 %.1f ms, p99 %.1f ms",
                m.get("storedEvents"), WritePath.num(m, "p50Ms"), WritePath.num(m, "p99Ms"));
        return m;
    }

    /** Retried: on a busy shared server the connection slots can be briefly exhausted. */
    long storedEvents() throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return countEvents();
            } catch (SQLException e) {
                if (attempt == 10) {
                    throw e;
                }
                Thread.sleep(2000);
            }
        }
    }

    private long countEvents() throws SQLException {
        try (Connection c = config.invoiceDatabase();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from domain_event_entry")) {
            r.next();
            return r.getLong(1);
        }
    }
}
