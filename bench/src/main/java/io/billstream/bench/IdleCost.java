package io.billstream.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a system costs while nobody calls it: CPU % of one core and database transactions/s of each
 * {@link ProcessGroup} over the same window, after the stack has settled. Every group is measured the same way in the
 * same window (Billstream, and Kill Bill when {@code KILLBILL_URL} is set), so the figures stand side by side.
 */
final class IdleCost {

    private final List<ProcessGroup> groups;
    private final Stack stack;
    private final int seconds;

    IdleCost(List<ProcessGroup> groups, Stack stack) {
        this.groups = groups;
        this.stack = stack;
        this.seconds = Integer.parseInt(Config.env("BENCH_IDLE_SECONDS", "60"));
    }

    static IdleCost of(Config config, Stack stack) throws Exception {
        List<ProcessGroup> groups = new ArrayList<>();
        groups.add(ProcessGroup.billstream(config, stack));
        ProcessGroup kb = ProcessGroup.killBillIfRunning(config, "idle");
        if (kb != null) {
            groups.add(kb);
        }
        return new IdleCost(groups, stack);
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        // A JVM goes on compiling for a minute or two after it starts, in bursts the settle below does not wait
        // out: measured 8 s after start, every process cost about twice what it did minutes later. That is
        // start-up, not rest, so the window starts once the youngest process is BENCH_IDLE_MIN_UPTIME_SECONDS old.
        long minUptime = Long.parseLong(Config.env("BENCH_IDLE_MIN_UPTIME_SECONDS", "180"));
        double youngest = groups.stream().flatMap(g -> g.pids().values().stream())
                .mapToDouble(ProcessGroup::uptimeSecondsOf).filter(u -> u >= 0).min().orElse(minUptime);
        out.put("youngestProcessSecondsBeforeWait", Stats.round(youngest, 1));
        if (youngest < minUptime) {
            WritePath.log("idle: waiting %.0f s until every process is %d s old", minUptime - youngest, minUptime);
            Thread.sleep((long) ((minUptime - youngest) * 1000));
        }
        // background work of earlier load (renders, deliveries, projections) is not idle cost
        out.put("settleSeconds", stack.settle(0.1, 120));
        Thread.sleep(5000);
        out.put("loadAverage1mAtStart", Stack.loadAverage());
        List<ProcessGroup.Snapshot> before = new ArrayList<>();
        for (ProcessGroup g : groups) {
            before.add(g.snapshot());
        }
        WritePath.log("idle: %d s, nothing sent, groups %s", seconds, groups.stream().map(ProcessGroup::name).toList());
        Thread.sleep(seconds * 1000L);
        Map<String, Object> systems = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            ProcessGroup g = groups.get(i);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("processes", g.pids());
            r.put("databases", g.databases());
            r.putAll(g.between(before.get(i), g.snapshot()));
            systems.put(g.name(), r);
            WritePath.log("idle %s: %.2f %% of one core, %.2f transactions/s", g.name(),
                    ((Number) r.get("cpuPercentOfOneCore")).doubleValue(), ((Number) r.get("transactionsPerSecond")).doubleValue());
        }
        out.put("seconds", seconds);
        out.put("systems", systems);
        out.put("loadAverage1mAtEnd", Stack.loadAverage());
        out.put("note", "CPU from /proc/<pid>/stat deltas of each system's processes plus the PostgreSQL backends "
                + "connected to its databases (pg_stat_activity); transactions from pg_stat_database "
                + "(xact_commit + xact_rollback) of its databases; both systems in the same window");
        return out;
    }
}
