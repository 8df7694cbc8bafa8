package io.billstream.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 4 at scale ({@code growth-1m}): the event store grown to a million events, then
 * <ol>
 *   <li>one client's create + issue latency beside the {@code growth-before} baseline of the same run, and</li>
 *   <li>the invoice-view projection rebuilt from the whole store (events/s).</li>
 * </ol>
 * Seeding through the API stores a few hundred events a second here, so the seeder copies real histories instead:
 * the event stream of an invoice the API created, issued and paid earlier in this run is cloned inside PostgreSQL
 * ({@code INSERT … SELECT} over {@code generate_series}) under new invoice and tenant ids, with fresh event ids and
 * global indexes. The copies are byte-for-byte what the aggregate wrote, so folding and projecting them costs what
 * real ones cost. invoice-service is stopped meanwhile; afterwards both processors' tokens are set to the new head, so
 * the copies are not published to Kafka (no other service ever hears of them), and only the rebuild replays them.
 * Only the run's own fresh database is written ({@code BENCH_INVOICE_DB}); bench/run.sh drops it at the end.
 */
final class MillionEvents {

    private static final String TOKEN_TYPE = "org.axonframework.eventhandling.GapAwareTrackingToken";
    private static final String VIEW = "invoice-view";
    private static final String INTEGRATION = "invoice-integration";

    private final Config config;
    private final Stack stack;
    private final Growth growth;
    private final long targetEvents;
    private final Duration rebuildWindow;

    MillionEvents(Config config, Stack stack, Growth growth) {
        this.config = config;
        this.stack = stack;
        this.growth = growth;
        this.targetEvents = Long.parseLong(Config.env("BENCH_MILLION_EVENTS", "1000000"));
        this.rebuildWindow = Duration.ofSeconds(Long.parseLong(Config.env("BENCH_REBUILD_SECONDS", "120")));
    }

    Map<String, Object> run() throws Exception {
        if (!Config.env("BENCH_FRESH_DATABASES", "1").equals("1") || System.getenv("BENCH_INVOICE_DB") == null) {
            return Map.of("error", "growth-1m writes the event store directly, so it runs only on the run's own fresh "
                    + "database (BENCH_FRESH_DATABASES=1 and a stack started by bench/run.sh)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("before", growth.baseline());
        stopInvoiceService();
        try (Connection c = config.invoiceDatabase()) {
            out.put("seed", seed(c));
            long head = scalar(c, "select max(global_index) from domain_event_entry");
            setTokens(c, List.of(VIEW, INTEGRATION), head);
        }
        startStack(out, "restartSeconds");
        growth.warmUp(config.initialWarmup());
        out.put("warmUpSeconds", config.initialWarmup().toSeconds());
        out.put("settleSeconds", stack.settle(0.3, 60));
        Map<String, Object> after = growth.measure(new Errors());
        out.put("after", after);
        out.put("p50Ratio", Stats.ratio(WritePath.num(after, "p50Ms"), WritePath.num(growth.baseline(), "p50Ms")));
        out.put("p99Ratio", Stats.ratio(WritePath.num(after, "p99Ms"), WritePath.num(growth.baseline(), "p99Ms")));
        // growth-before runs right after start-up (cold JIT, busy machine); growth-after is the warm comparison.
        Map<String, Object> warm = growth.warmMeasurement();
        if (warm != null) {
            out.put("warm", warm);
            out.put("p50RatioToWarm", Stats.ratio(WritePath.num(after, "p50Ms"), WritePath.num(warm, "p50Ms")));
            out.put("p99RatioToWarm", Stats.ratio(WritePath.num(after, "p99Ms"), WritePath.num(warm, "p99Ms")));
        }
        out.put("rebuild", rebuild(out));
        return out;
    }

    private Map<String, Object> seed(Connection c) throws SQLException {
        String template = template(c);
        String tenant = text(c, "select convert_from(meta_data, 'UTF8')::jsonb->>'tenantId' from domain_event_entry "
                + "where aggregate_identifier = '" + template + "' limit 1");
        long templateEvents = scalar(c, "select count(*) from domain_event_entry where aggregate_identifier = '" + template + "'");
        long stored = scalar(c, "select count(*) from domain_event_entry");
        long invoices = Math.max(0, (targetEvents - stored + templateEvents - 1) / templateEvents);
        WritePath.log("growth-1m: cloning %s (%d events, tenant %s) %d times", template, templateEvents, tenant, invoices);
        long start = System.nanoTime();
        int batch = 20_000;
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("""
                insert into domain_event_entry (global_index, sequence_number, meta_data, payload, aggregate_identifier,
                                                event_identifier, payload_revision, payload_type, time_stamp, type)
                select nextval('domain_event_entry_seq'), sequence_number,
                       convert_to(replace(convert_from(meta_data, 'UTF8'), ?, tenant), 'UTF8'),
                       convert_to(replace(replace(convert_from(payload, 'UTF8'), ?, invoice), ?, tenant), 'UTF8'),
                       invoice, gen_random_uuid()::text, payload_revision, payload_type, time_stamp, type
                from (select 'inv_seed' || lpad(g::text, 20, '0') as invoice,
                             'ten_seed' || lpad((g / 1000)::text, 20, '0') as tenant, e.*
                      from generate_series(?::bigint, ?::bigint) g
                      cross join (select * from domain_event_entry where aggregate_identifier = ?) e
                      order by g, e.sequence_number) copies""")) {
            for (long from = 1; from <= invoices; from += batch) {
                long to = Math.min(invoices, from + batch - 1);
                insert.setString(1, tenant);
                insert.setString(2, template);
                insert.setString(3, tenant);
                insert.setLong(4, from);
                insert.setLong(5, to);
                insert.setString(6, template);
                insert.executeUpdate();
                c.commit();
                WritePath.log("growth-1m: %d of %d invoices cloned", to, invoices);
            }
        } finally {
            c.setAutoCommit(true);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        try (Statement s = c.createStatement()) {
            s.execute("analyze domain_event_entry");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("templateInvoice", template);
        out.put("templateEvents", templateEvents);
        out.put("templateEventTypes", text(c, "select string_agg(substring(payload_type from '[^.]+$'), ', ' order by "
                + "sequence_number) from domain_event_entry where aggregate_identifier = '" + template + "'"));
        out.put("clonedInvoices", invoices);
        out.put("eventsBefore", stored);
        out.put("storedEvents", scalar(c, "select count(*) from domain_event_entry"));
        out.put("eventStoreMiB", Stats.round(scalar(c, "select pg_total_relation_size('domain_event_entry')") / 1048576.0, 1));
        out.put("seconds", Stats.round(seconds, 1));
        out.put("eventsPerSecond", Stats.round(invoices * templateEvents / seconds, 0));
        return out;
    }

    /** The longest stream of an issued invoice the API wrote in this run (paid ones are longest: the real history). */
    private static String template(Connection c) throws SQLException {
        String id = text(c, """
                select aggregate_identifier from domain_event_entry
                where aggregate_identifier in (select aggregate_identifier from domain_event_entry
                                               where payload_type like '%.InvoiceIssued')
                  and aggregate_identifier not like 'inv_seed%'
                group by aggregate_identifier order by count(*) desc, aggregate_identifier limit 1""");
        if (id == null) {
            throw new IllegalStateException("no issued invoice to copy: run growth-before (or write) first");
        }
        return id;
    }

    /** invoice-view replays the whole store from an empty table, as docs/invoice-service.md describes a rebuild. */
    private Map<String, Object> rebuild(Map<String, Object> out) throws Exception {
        stopInvoiceService();
        long total;
        try (Connection c = config.invoiceDatabase(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from token_entry where processor_name = '" + VIEW + "'");
            s.executeUpdate("truncate invoice_view");
            total = scalar(c, "select count(*) from domain_event_entry");
        }
        startStack(out, "rebuildRestartSeconds");
        Map<String, Object> result = new LinkedHashMap<>();
        List<double[]> samples = new ArrayList<>();
        long deadline = System.nanoTime() + rebuildWindow.toNanos();
        try (Connection c = config.invoiceDatabase()) {
            long head = scalar(c, "select max(global_index) from domain_event_entry");
            while (System.nanoTime() < deadline) {
                Long position = viewPosition(c);
                if (position != null) {
                    samples.add(new double[] {System.nanoTime() / 1e9,
                            scalar(c, "select count(*) from domain_event_entry where global_index <= " + position)});
                    if (position >= head) {
                        break;
                    }
                }
                Thread.sleep(2000);
            }
            if (samples.size() < 2) {
                result.put("error", "the invoice-view processor made no measurable progress in " + rebuildWindow);
                return result;
            }
            double[] first = samples.getFirst();
            double[] last = samples.getLast();
            double rate = (last[1] - first[1]) / (last[0] - first[0]);
            result.put("storedEvents", total);
            result.put("eventsReplayed", (long) last[1]);
            result.put("finished", last[1] >= total);
            result.put("measuredSeconds", Stats.round(last[0] - first[0], 1));
            result.put("eventsPerSecond", Stats.round(rate, 0));
            result.put("projectedSecondsForWholeStore", Stats.round(total / rate, 0));
            result.put("viewRows", scalar(c, "select count(*) from invoice_view"));
            result.put("processor", "pooled, 4 segments, 2 threads, batch 16 (invoice-service application.yml)");
        }
        WritePath.log("growth-1m: rebuild %s", result);
        return result;
    }

    /**
     * How far every segment of invoice-view has got (the slowest one), or null before it claimed any. A processor that
     * starts without tokens replays: its tokens are ReplayTokens whose position is {@code currentToken.index}.
     */
    private static Long viewPosition(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*), min(coalesce((t->'currentToken'->>'index')::bigint, "
                     + "(t->>'index')::bigint, 0)) from (select convert_from(token, 'UTF8')::jsonb t from token_entry "
                     + "where processor_name = '" + VIEW + "' and token is not null) tokens")) {
            r.next();
            return r.getLong(1) == 0 ? null : r.getLong(2);
        }
    }

    private static void setTokens(Connection c, List<String> processors, long head) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update token_entry set token = convert_to(?, 'UTF8'), "
                + "token_type = ?, owner = null where processor_name = ?")) {
            for (String processor : processors) {
                s.setString(1, "{\"index\":" + head + ",\"gaps\":[]}");
                s.setString(2, TOKEN_TYPE);
                s.setString(3, processor);
                if (s.executeUpdate() == 0) {
                    throw new IllegalStateException("no tokens of " + processor + " to move past the seeded events");
                }
            }
        }
    }

    private void stopInvoiceService() throws InterruptedException {
        for (Map.Entry<String, Long> process : stack.processes().entrySet()) {
            if (!process.getKey().startsWith("invoice-service")) {
                continue;
            }
            ProcessHandle handle = ProcessHandle.of(process.getValue()).orElse(null);
            if (handle == null) {
                continue;
            }
            handle.destroy();
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
            WritePath.log("growth-1m: stopped %s", process.getKey());
        }
    }

    /** The launcher's own `up` starts exactly what is missing, with the run's environment (fresh databases, limits). */
    private void startStack(Map<String, Object> out, String key) throws IOException, InterruptedException {
        Path launcher = Path.of(Config.env("BENCH_ROOT", ".")).resolve("billstream");
        long start = System.nanoTime();
        Process up = new ProcessBuilder(launcher.toString(), "up")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.out().resolve("growth-1m-launcher.log").toFile()))
                .start();
        if (up.waitFor() != 0) {
            throw new IllegalStateException("./billstream up failed; see growth-1m-launcher.log");
        }
        out.put(key, Stats.round((System.nanoTime() - start) / 1e9, 1));
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
