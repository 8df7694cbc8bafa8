package io.billstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/** Renders every result file of one run as Markdown tables (pasted into docs/benchmarks.md). */
final class Report {

    private final Path dir;
    private final StringBuilder md = new StringBuilder();

    private Report(Path dir) {
        this.dir = dir;
    }

    static String render(Path dir) throws IOException {
        return new Report(dir).all();
    }

    private JsonNode load(String name) throws IOException {
        Path file = dir.resolve(name + ".json");
        return Files.exists(file) ? Http.JSON.readTree(file.toFile()) : MissingNode.getInstance();
    }

    private String all() throws IOException {
        line("# Billstream benchmark run " + dir.getFileName());
        machine();
        write();
        e2e();
        services();
        footprint();
        idle();
        growth();
        profile();
        peer();
        cpuPerInvoice();
        return md.toString();
    }

    private void machine() throws IOException {
        JsonNode m = load("machine");
        line("");
        line((Files.exists(dir.resolve("RUNS")) ? "Machine of the newest run below: " : "Machine: ") + m.path("cpus").asText("?") + " CPUs (" + m.path("cpuModel").asText("?") + "), "
                + m.path("memTotalMiB").asText("?") + " MiB RAM, Java " + m.path("java").asText("?")
                + "; load average (1 min) at start " + m.path("loadAverage1m").asText("?") + ".");
        JsonNode rev = load("revision");
        line("Code of that run: commit " + rev.path("commit").asText("?") + " (" + rev.path("uncommittedFiles").asText("?")
                + " tracked files with uncommitted changes at the time of the run).");
        JsonNode c = m.path("config");
        line("Its settings (the harness's knobs as that run resolved them, used or not by its scenarios; each published"
                + " scenario's own command is in the table below): " + c.toString());
        Path runs = dir.resolve("RUNS");
        if (Files.exists(runs)) {
            line("");
            line("Published result per scenario (the newest run of each; its JSON is in this folder):");
            line("");
            line("| scenario | run (UTC) | commit | command |");
            line("|---|---|---|---|");
            for (String l : Files.readAllLines(runs)) {
                String[] f = l.split("\t", 4);
                if (f.length == 4) {
                    line("| " + f[0] + " | " + f[1] + " | " + f[2] + " | `" + f[3] + "` |");
                }
            }
        }
    }

    private void write() throws IOException {
        JsonNode w = load("write");
        section("1. Write path: create + issue through the gateway vs. raw JDBC INSERT+COMMIT");
        if (error(w)) {
            return;
        }
        line("Operation: " + w.path("operation").asText() + ". Raw: " + w.path("rawOperation").asText()
                + ", payload " + w.path("payloadBytes").asText() + " bytes. Medians over rounds.");
        line("");
        line("| clients | Billstream invoices/s | p50 ms | p99 ms | raw clients | raw commits/s | raw p50 ms | raw p99 ms | ratio to raw | failed ops | CPU ms / invoice | load avg during |");
        line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (JsonNode l : w.path("levels")) {
            writeRow(l.path("clients").asText(), l);
        }
        JsonNode mt = w.path("multiTenant");
        if (mt.has("clients")) {
            writeRow(mt.path("clients").asText() + " (" + mt.path("tenants").asText() + " tenants)", mt);
        }
        line("");
        line("Errors: " + w.path("errors").toString());
    }

    private void writeRow(String clients, JsonNode l) {
        StringBuilder loads = new StringBuilder();
        for (JsonNode r : l.path("rounds")) {
            loads.append(loads.isEmpty() ? "" : "/").append(r.path("loadAverage1m").asText());
        }
        line("| " + clients + " | " + l.path("opsPerSecond").asText() + " | " + l.path("p50Ms").asText() + " | "
                + l.path("p99Ms").asText() + " | " + l.path("rawClients").asText() + " | "
                + l.path("rawOpsPerSecond").asText() + " | " + l.path("rawP50Ms").asText() + " | "
                + l.path("rawP99Ms").asText() + " | " + percent(l.path("ratioToRaw")) + " | "
                + l.path("failedOps").asText() + " | " + l.path("cpuMsPerInvoice").asText("-") + " | " + loads + " |");
    }

    private void e2e() throws IOException {
        JsonNode e = load("e2e");
        section("2. End-to-end: payment POST → invoice.paid webhook at the receiver");
        if (error(e)) {
            return;
        }
        line("At the target rate: " + e.path("payments").asText() + " payments at " + e.path("ratePerSecond").asText() + "/s for "
                + e.path("seconds").asText() + " s (open loop), each paying a fresh issued invoice in full.");
        line("");
        line("| measure | p50 ms | p99 ms | max ms | count |");
        line("|---|---:|---:|---:|---:|");
        latencyRow("payment POST → invoice.paid received", e.path("endToEnd"));
        latencyRow("… of which: payment sent → invoice.paid event time (payment-service, Kafka, invoice-service)", e.path("splitPaymentSentToInvoicePaidEvent"));
        latencyRow("… of which: invoice.paid event time → received (publisher, Kafka, webhook-service)", e.path("splitInvoicePaidEventToReceiver"));
        e.path("hops").fields().forEachRemaining(h -> latencyRow("hop: " + h.getKey(), h.getValue()));
        latencyRow("payment POST response (through the gateway)", e.path("paymentPost"));
        latencyRow("baseline: one HTTP hop driver → receiver", e.path("baselineHttpHop"));
        latencyRow("baseline: one Kafka hop produce → consume", e.path("baselineKafkaHop"));
        JsonNode low = e.path("lowRate");
        if (low.has("endToEnd")) {
            line("");
            line("For contrast, " + low.path("paymentsAccepted").asText() + " payments at " + low.path("ratePerSecond").asText()
                    + "/s for " + low.path("seconds").asText() + " s first (p50/floor " + low.path("p50RatioToFloor").asText()
                    + ", missing " + low.path("webhooksMissingAfter60s").asText() + ", errors " + low.path("errors") + "):");
            line("");
            line("| measure at " + low.path("ratePerSecond").asText() + "/s | p50 ms | p99 ms | max ms | count |");
            line("|---|---:|---:|---:|---:|");
            latencyRow("payment POST → invoice.paid received", low.path("endToEnd"));
            low.path("hops").fields().forEachRemaining(h -> latencyRow("hop: " + h.getKey(), h.getValue()));
            latencyRow("payment POST response (through the gateway)", low.path("paymentPost"));
        }
        JsonNode sweep = e.path("sweep");
        if (sweep.isArray() && !sweep.isEmpty()) {
            line("");
            line("Every rate measured in this run, to find where the targets stop holding on this machine (the rates "
                    + "between the contrast and the target rate ran after it, " + sweep.get(0).path("seconds").asText()
                    + " s each):");
            line("");
            line("| payments/s | p50 ms | p99 ms | max ms | count | targets | CPU ms / payment | machine busy % |");
            line("|---:|---:|---:|---:|---:|---|---:|---:|");
            java.util.List<JsonNode> phases = new java.util.ArrayList<>();
            if (low.has("endToEnd")) {
                phases.add(low);
            }
            sweep.forEach(phases::add);
            phases.add(e);
            phases.sort(java.util.Comparator.comparingInt(p -> p.path("ratePerSecond").asInt()));
            for (JsonNode p : phases) {
                JsonNode l = p.path("endToEnd");
                boolean met = p.path("meetsTargets").asBoolean();
                line("| " + p.path("ratePerSecond").asText() + " | " + l.path("p50Ms").asText() + " | " + l.path("p99Ms").asText()
                        + " | " + l.path("maxMs").asText() + " | " + l.path("count").asText() + " | " + (met ? "met" : "not met")
                        + " | " + p.path("cpu").path("msPerPayment").asText("–") + " | "
                        + p.path("cpu").path("machineBusyPercent").asText("–") + " |");
            }
            line("");
            line("CPU: every stack process, every PostgreSQL server process and the driver, from a rate's first payment "
                    + "until its last webhook arrived (PDFs still queued then are left out); by process at the target rate: "
                    + e.path("cpu").path("msPerPaymentByProcess") + ".");
            line("");
            line("Highest rate meeting both targets in this run: "
                    + (e.path("highestRateMeetingTargets").isNull() || e.path("highestRateMeetingTargets").isMissingNode()
                    ? "none" : e.path("highestRateMeetingTargets").asText() + " payments/s") + ".");
        }
        JsonNode afterIdle = e.path("afterIdle");
        if (afterIdle.has("endToEnd")) {
            line("");
            line("After the stack was left alone for " + afterIdle.path("idleMinutesBefore").asText() + " min: "
                    + afterIdle.path("paymentsAccepted").asText() + " payments at 1/s (the first one meets whatever went "
                    + "to sleep; max is that one unless another was slower):");
            line("");
            line("| measure after idle | p50 ms | p99 ms | max ms | count |");
            line("|---|---:|---:|---:|---:|");
            latencyRow("payment POST → invoice.paid received", afterIdle.path("endToEnd"));
            latencyRow("payment POST response (through the gateway)", afterIdle.path("paymentPost"));
        }
        e2ePlot(e, low, sweep);
        line("");
        line("Floor (2 HTTP + 2 Kafka hops, p50): " + e.path("floorP50Ms").asText() + " ms; end-to-end p50 / floor = "
                + e.path("p50RatioToFloor").asText() + ". Targets p50 ≤ 60 ms, p99 ≤ 250 ms: "
                + (e.path("meetsTargets").asBoolean() ? "met" : "NOT met") + ". Accepted payments "
                + e.path("paymentsAccepted").asText() + ", webhooks missing after 60 s " + e.path("webhooksMissingAfter60s").asText()
                + ", errors " + e.path("errors") + ", worst schedule lateness " + e.path("maxScheduleLatenessMs").asText()
                + " ms, load average " + e.path("loadAverage1mAtStart").asText() + " → " + e.path("loadAverage1mAtEnd").asText() + ".");
    }

    private void e2ePlot(JsonNode e, JsonNode low, JsonNode sweep) throws IOException {
        java.util.List<JsonNode> phases = new java.util.ArrayList<>();
        if (low.has("endToEnd")) {
            phases.add(low);
        }
        sweep.forEach(phases::add);
        phases.add(e);
        phases.sort(java.util.Comparator.comparingInt(p -> p.path("ratePerSecond").asInt()));
        boolean full = phases.stream().allMatch(p -> p.path("endToEndCdfMs").isArray() && !p.path("endToEndCdfMs").isEmpty());
        Svg chart = new Svg("E2E latency distribution, payment → invoice.paid webhook"
                + (full ? "" : " (p50, p90, p99, max)"), "latency ms", "share of payments ≤ latency, %", true, false, !full);
        for (JsonNode p : phases) {
            JsonNode cdf = p.path("endToEndCdfMs");
            if (!cdf.isArray() || cdf.isEmpty()) {
                // results from before the harness kept the distribution: the percentiles it did keep
                JsonNode l = p.path("endToEnd");
                if (l.has("p50Ms") && l.has("p90Ms")) {
                    chart.add(p.path("ratePerSecond").asText() + " payments/s",
                            new double[]{l.path("p50Ms").asDouble(), l.path("p90Ms").asDouble(), l.path("p99Ms").asDouble(), l.path("maxMs").asDouble()},
                            new double[]{50, 90, 99, 100}, false);
                }
                continue;
            }
            double[] x = new double[cdf.size()];
            double[] y = new double[cdf.size()];
            for (int i = 0; i < cdf.size(); i++) {
                x[i] = cdf.get(i).asDouble();
                y[i] = i * 100.0 / (cdf.size() - 1);
            }
            chart.add(p.path("ratePerSecond").asText() + " payments/s", x, y, false);
        }
        plot("e2e-latency-cdf.svg", "end-to-end latency distribution per rate", chart);
    }

    /** Writes the chart next to the results and embeds it (bench/run.sh rewrites the link when publishing). */
    private void plot(String file, String alt, Svg chart) throws IOException {
        if (chart.isEmpty()) {
            return;
        }
        Files.writeString(dir.resolve(file), chart.render());
        line("");
        line("![" + alt + "](" + file + ")");
    }

    private void latencyRow(String name, JsonNode l) {
        line("| " + name + " | " + l.path("p50Ms").asText() + " | " + l.path("p99Ms").asText() + " | "
                + l.path("maxMs").asText() + " | " + l.path("count").asText() + " |");
    }

    private void services() throws IOException {
        section("3. The services' own benchmarks");
        JsonNode pdf = load("bench-pdf");
        line("");
        line("**PDF rendering** (document-service `RenderBenchmark`, 2 threads, best round):");
        if (pdf.isMissingNode()) {
            line("not run / no output");
        } else {
            line("");
            line("| pipeline | renders/s | p50 ms | p99 ms |");
            line("|---|---:|---:|---:|");
            line("| service (snapshot → XHTML → PDF, hashed) | " + pdf.at("/service/rendersPerSecond").asText() + " | "
                    + pdf.at("/service/p50Ms").asText() + " | " + pdf.at("/service/p99Ms").asText() + " |");
            line("| baseline: bare openhtmltopdf, same XHTML | " + pdf.at("/bare/rendersPerSecond").asText() + " | "
                    + pdf.at("/bare/p50Ms").asText() + " | " + pdf.at("/bare/p99Ms").asText() + " |");
            if (!pdf.at("/facturx").isMissingNode()) {
                line("| Factur-X (snapshot → PDF/A-3 page + factur-x.xml by Mustang, hashed) | "
                        + pdf.at("/facturx/rendersPerSecond").asText() + " | " + pdf.at("/facturx/p50Ms").asText()
                        + " | " + pdf.at("/facturx/p99Ms").asText() + " |");
            }
            line("");
            line("p50 ratio service/bare " + pdf.path("p50Ratio").asText() + ", throughput ratio bare/service "
                    + pdf.path("throughputRatio").asText() + " (targets: ≥ " + pdf.path("targetPerSecond").asText()
                    + " renders/s, ratio ≤ " + pdf.path("targetRatio").asText() + ").");
        }
        JsonNode wh = load("bench-webhooks");
        line("");
        line("**Webhook fan-out** (webhook-service `DeliveryBenchmark`, 10 endpoints on local receivers):");
        if (wh.isMissingNode()) {
            line("not run / no output");
        } else {
            line("");
            line("| scenario | deliveries | seconds | deliveries/s |");
            line("|---|---:|---:|---:|");
            line("| baseline: 10 healthy endpoints | " + wh.at("/healthy/delivered").asText() + " | "
                    + wh.at("/healthy/seconds").asText() + " | " + wh.at("/healthy/deliveriesPerSecond").asText() + " |");
            line("| 1 of 10 hanging: the 9 healthy | " + wh.at("/oneOfTenHanging/healthyNineDelivered").asText() + " | "
                    + wh.at("/oneOfTenHanging/healthyNineSeconds").asText() + " | "
                    + wh.at("/oneOfTenHanging/healthyNineDeliveriesPerSecond").asText() + " |");
            line("");
            line("Throughput loss of the healthy nine: " + wh.at("/oneOfTenHanging/healthyNineThroughputLossPercent").asText()
                    + " %; duplicates " + wh.at("/healthy/duplicateRequests").asText() + "; ingest "
                    + wh.at("/healthy/ingestMessagesPerSecond").asText() + " messages/s.");
        }
    }

    private void footprint() throws IOException {
        section("4. Footprint");
        JsonNode up = load("startup");
        JsonNode rest = load("rest");
        JsonNode write = load("write");
        JsonNode e2e = load("e2e");
        if (up.has("upSeconds")) {
            line("`./billstream up` wall time: **" + up.path("upSeconds").asText() + " s** (JVM options `"
                    + up.path("serviceJavaOpts").asText() + "`). Baseline: the slowest single service's own "
                    + "start-up as Spring logs it (`process running for N`): " + up.path("slowestServiceStartSeconds").asText()
                    + " s; ratio " + up.path("ratioToSlowestService").asText() + ". Per service: " + up.path("serviceStartSeconds") + ".");
        } else {
            line("Start-up: the stack was already running, not measured in this run.");
        }
        line("");
        line("| process | RSS at rest MiB | of which anonymous MiB | peak RSS, write path MiB | peak RSS, end-to-end MiB |");
        line("|---|---:|---:|---:|---:|");
        TreeSet<String> names = new TreeSet<>();
        rest.path("rssMiB").fieldNames().forEachRemaining(names::add);
        write.path("rssPeakMiB").fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            line("| " + n + " | " + rest.path("rssMiB").path(n).asText("-") + " | "
                    + rest.path("rssAnonMiB").path(n).asText("-") + " | "
                    + write.path("rssPeakMiB").path(n).asText("-") + " | " + e2e.path("rssPeakMiB").path(n).asText("-") + " |");
        }
        line("| **total** | " + rest.path("totalRssMiB").asText("-") + " | " + sum(rest.path("rssAnonMiB")) + " | "
                + sum(write.path("rssPeakMiB")) + " | " + sum(e2e.path("rssPeakMiB")) + " |");
        JsonNode killBill = rest.path("killBill");
        if (killBill.has("rssMiB")) {
            line("| Kill Bill (same moment) | " + sum(killBill.path("rssMiB")) + " | " + sum(killBill.path("rssAnonMiB"))
                    + " | – | – |");
        }
        line("");
        line("Anonymous memory (`RssAnon` in `/proc/<pid>/status`: heap, metaspace, compiled code, thread stacks, malloc)"
                + " is what a process holds alone; the rest of its RSS (`RssFile`) is mapped files the kernel can share"
                + " and drop: jars, the JVM's libraries and, on JDK 25, the service's ahead-of-time cache.");
    }

    private static String sum(JsonNode map) {
        double total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            total += it.next().getValue().asDouble();
        }
        return total == 0 ? "-" : Double.toString(Stats.round(total, 1));
    }

    private void growth() throws IOException {
        JsonNode g = load("growth-after");
        section("5. Growth: one client's create + issue as the event store grows");
        if (error(g)) {
            return;
        }
        growthHeader();
        growthRow("baseline (before the run's load)", g.path("before"));
        growthRow("after +" + g.path("eventsAddedSinceBaseline").asText() + " events", g.path("after"));
        line("");
        line("Ratios after/before: p50 " + g.path("p50Ratio").asText() + ", p99 " + g.path("p99Ratio").asText()
                + ". Seeded through the API: " + g.path("seededEvents").asText() + " events"
                + (g.has("seedEventsPerSecond") ? " at " + g.path("seedEventsPerSecond").asText() + " events/s (1 M would take ~"
                + g.path("projectedHoursToSeedOneMillion").asText() + " h)" : "") + ".");
        million();
    }

    private void growthHeader() {
        line("| store | events stored | p50 ms | p99 ms | ops |");
        line("|---|---:|---:|---:|---:|");
    }

    private void growthRow(String label, JsonNode m) {
        line("| " + label + " | " + m.path("storedEvents").asText() + " | " + m.path("p50Ms").asText() + " | "
                + m.path("p99Ms").asText() + " | " + m.path("ops").asText() + " |");
    }

    private void million() throws IOException {
        JsonNode m = load("growth-1m");
        line("");
        line("### 1 M events, and the projection rebuilt from them (`growth-1m`)");
        line("");
        if (error(m)) {
            return;
        }
        JsonNode seed = m.path("seed");
        growthHeader();
        growthRow("baseline (before the run's load)", m.path("before"));
        if (m.has("warm")) {
            growthRow("warm (growth-after)", m.path("warm"));
        }
        growthRow("grown", m.path("after"));
        line("");
        line("Ratios grown/baseline: p50 " + m.path("p50Ratio").asText() + ", p99 " + m.path("p99Ratio").asText()
                + (m.has("warm") ? "; grown/warm: p50 " + m.path("p50RatioToWarm").asText() + ", p99 "
                + m.path("p99RatioToWarm").asText() : "") + ". Seeder: "
                + seed.path("clonedInvoices").asText() + " copies of a real " + seed.path("templateEvents").asText()
                + "-event history (" + seed.path("templateEventTypes").asText() + ") in " + seed.path("seconds").asText()
                + " s = " + seed.path("eventsPerSecond").asText() + " events/s; event store " + seed.path("eventStoreMiB").asText()
                + " MiB.");
        JsonNode r = m.path("rebuild");
        line("");
        if (r.has("error")) {
            line("Rebuild: FAILED: " + r.path("error").asText());
            return;
        }
        line("Rebuild of `invoice-view` from the whole store (" + r.path("processor").asText() + "): "
                + r.path("eventsPerSecond").asText() + " events/s over " + r.path("measuredSeconds").asText() + " s ("
                + r.path("eventsReplayed").asText() + " of " + r.path("storedEvents").asText() + " events replayed, "
                + (r.path("finished").asBoolean() ? "finished" : "window ended; whole store projected at ~"
                + r.path("projectedSecondsForWholeStore").asText() + " s") + ").");
    }

    private void profile() throws IOException {
        JsonNode p = load("profile");
        section("Profile: write path at 16 clients (JFR, settings=profile)");
        if (error(p)) {
            return;
        }
        line("Throughput while profiling: " + p.at("/load/opsPerSecond").asText() + " invoices/s. CPU ms per invoice by process: "
                + p.path("cpuMsPerInvoiceByProcess") + ".");
        // the services BENCH_PROFILE_JFR named: each has its own section in the JSON
        java.util.List<String> profiled = new java.util.ArrayList<>();
        p.fields().forEachRemaining(f -> {
            if (f.getValue().has("cpuSamples")) {
                profiled.add(f.getKey());
            }
        });
        for (String name : profiled) {
            JsonNode a = p.path(name);
            line("");
            line("**" + name + "** (" + a.path("cpuSamples").asText() + " CPU samples) by library: " + a.path("byLibraryPercent"));
            line("");
            line("hottest methods (self %): " + a.path("hottestMethodsSelfPercent"));
            line("");
            line("Billstream methods (inclusive %): " + a.path("billstreamMethodsInclusivePercent"));
        }
    }

    private void peer() throws IOException {
        JsonNode k = load("killbill");
        section("6. Peer: Billstream and Kill Bill side by side");
        if (k.isMissingNode() || !"run".equals(k.path("status").asText())) {
            line(k.path("error").asText(k.path("status").asText("not run")));
            peerPlots(MissingNode.getInstance(), MissingNode.getInstance());
            return;
        }
        JsonNode bs = k.path("write").path("Billstream");
        JsonNode kb = k.path("write").path("Kill Bill");
        // results from before 2026-12-04's second run counted CPU inside the window only, on one account / tenant
        boolean drained = bs.path(0).path("rounds").path(0).has("drainSeconds");
        line("Billstream: " + k.at("/operation/Billstream").asText() + ". Kill Bill (" + k.path("url").asText() + "): "
                + k.at("/operation/Kill Bill").asText() + ". Each level runs for Billstream and then for Kill Bill "
                + "before the next, " + (drained ? "each on a fresh tenant / account and " : "") + "each starting "
                + "from a quiet stack, medians over rounds. CPU and transactions per invoice: each system's processes "
                + "plus the PostgreSQL backends of its own databases (" + k.path("groups") + ")"
                + (drained ? ", from the level's start until that system is quiet again after it (work finished "
                + "after answering, such as Billstream's PDFs and webhooks, included)."
                : ", inside the level's window only (work still queued when it closed is not counted)."));
        line("");
        line("| clients | Billstream invoices/s | p50 ms | p99 ms | CPU ms / invoice | DB tx / invoice | Kill Bill invoices/s | p50 ms | p99 ms | CPU ms / invoice | DB tx / invoice | Billstream / Kill Bill throughput |");
        line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < kb.size(); i++) {
            JsonNode b = bs.path(i);
            JsonNode o = kb.path(i);
            line("| " + o.path("clients").asText() + " | " + b.path("opsPerSecond").asText("-") + " | " + b.path("p50Ms").asText("-")
                    + " | " + b.path("p99Ms").asText("-") + " | " + b.path("cpuMsPerInvoice").asText("-") + " | "
                    + b.path("transactionsPerInvoice").asText("-") + " | " + o.path("opsPerSecond").asText() + " | "
                    + o.path("p50Ms").asText() + " | " + o.path("p99Ms").asText() + " | " + o.path("cpuMsPerInvoice").asText("-")
                    + " | " + o.path("transactionsPerInvoice").asText("-") + " | "
                    + ratio(b.path("opsPerSecond"), o.path("opsPerSecond")) + " |");
        }
        JsonNode paced = k.path("paced");
        if (paced.has("Kill Bill")) {
            line("");
            line("Paced single requests (one client, one invoice every " + k.path("pacedEveryMs").asText()
                    + " ms; latency without queueing):");
            line("");
            line("| system | p50 ms | p90 ms | p99 ms | max ms | count | failed |");
            line("|---|---:|---:|---:|---:|---:|---:|");
            paced.fields().forEachRemaining(f -> line("| " + f.getKey() + " | " + f.getValue().path("p50Ms").asText() + " | "
                    + f.getValue().path("p90Ms").asText() + " | " + f.getValue().path("p99Ms").asText() + " | "
                    + f.getValue().path("maxMs").asText() + " | " + f.getValue().path("count").asText() + " | "
                    + f.getValue().path("failedOps").asText() + " |"));
        }
        JsonNode read = k.path("getInvoice");
        if (read.has("Kill Bill")) {
            line("");
            line("GET one invoice (one client, closed loop, medians over rounds; Billstream: " + k.at("/read/Billstream").asText()
                    + "; Kill Bill: " + k.at("/read/Kill Bill").asText() + "):");
            line("");
            line("| system | GETs/s | p50 ms | p99 ms | rounds (p50 ms) |");
            line("|---|---:|---:|---:|---|");
            read.fields().forEachRemaining(f -> {
                StringBuilder rounds = new StringBuilder();
                f.getValue().path("rounds").forEach(r -> rounds.append(rounds.isEmpty() ? "" : ", ").append(r.path("p50Ms").asText()));
                line("| " + f.getKey() + " | " + f.getValue().path("opsPerSecond").asText() + " | " + f.getValue().path("p50Ms").asText()
                        + " | " + f.getValue().path("p99Ms").asText() + " | " + rounds + " |");
            });
        }
        line("");
        line("Errors: " + k.path("errors"));
        peerPlots(bs, kb);
    }

    private void peerPlots(JsonNode bs, JsonNode kb) throws IOException {
        JsonNode write = load("write");
        Svg throughput = new Svg("Invoices per second against clients", "clients", "invoices/s", true, false, true);
        throughput.add("Billstream (peer scenario)", series(bs, "clients"), series(bs, "opsPerSecond"), false, 0);
        throughput.add("Kill Bill", series(kb, "clients"), series(kb, "opsPerSecond"), false, 1);
        if (bs.isMissingNode()) {
            // no peer result: the write scenario's own Billstream series (a peer result is plotted alone, since the
            // published write result may come from another run on another day)
            throughput.add("Billstream (write scenario)", series(write.path("levels"), "clients"), series(write.path("levels"), "opsPerSecond"), true, 0);
        }
        plot("throughput.svg", "invoices per second against clients, Billstream and Kill Bill", throughput);
        Svg latency = new Svg("Latency per invoice against clients", "clients", "ms", true, true, true);
        if (bs.isMissingNode()) {
            bs = write.path("levels");
        }
        latency.add("Billstream p50", series(bs, "clients"), series(bs, "p50Ms"), false, 0);
        latency.add("Billstream p99", series(bs, "clients"), series(bs, "p99Ms"), true, 0);
        latency.add("Kill Bill p50", series(kb, "clients"), series(kb, "p50Ms"), false, 1);
        latency.add("Kill Bill p99", series(kb, "clients"), series(kb, "p99Ms"), true, 1);
        plot("latency.svg", "p50 and p99 latency against clients, Billstream and Kill Bill", latency);
    }

    private static double[] series(JsonNode levels, String field) {
        double[] out = new double[levels.size()];
        for (int i = 0; i < levels.size(); i++) {
            JsonNode v = levels.get(i).path(field);
            out[i] = v.isNumber() ? v.asDouble() : Double.NaN;
        }
        return out;
    }

    private static String ratio(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() && b.asDouble() > 0 ? Stats.round(a.asDouble() / b.asDouble(), 2) + "×" : "-";
    }

    private void idle() throws IOException {
        JsonNode i = load("idle");
        section("Idle: what each system costs while nobody calls it (`idle`)");
        if (error(i)) {
            return;
        }
        line("Both systems in the same " + i.path("seconds").asText() + " s window, after the stack settled ("
                + i.path("settleSeconds").asText() + " s); nothing sent. " + i.path("note").asText() + ". Load average "
                + i.path("loadAverage1mAtStart").asText() + " → " + i.path("loadAverage1mAtEnd").asText() + ".");
        line("");
        line("| system | CPU % of one core | DB transactions/s | PostgreSQL backends | by process (% of one core) | transactions/s by database |");
        line("|---|---:|---:|---:|---|---|");
        i.path("systems").fields().forEachRemaining(f -> {
            JsonNode s = f.getValue();
            line("| " + f.getKey() + " | " + s.path("cpuPercentOfOneCore").asText() + " | " + s.path("transactionsPerSecond").asText()
                    + " | " + s.path("postgresBackends").asText() + " | " + compact(s.path("cpuPercentOfOneCoreByProcess")) + " | "
                    + compact(s.path("transactionsPerSecondByDatabase")) + " |");
        });
    }

    private static String compact(JsonNode map) {
        StringBuilder out = new StringBuilder();
        map.fields().forEachRemaining(f -> out.append(out.isEmpty() ? "" : ", ").append(f.getKey()).append(" ").append(f.getValue().asText()));
        return out.toString();
    }

    /** The CPU cost of one invoice at 16 clients, from every scenario of the run that measured it. */
    private void cpuPerInvoice() throws IOException {
        section("CPU per create + issue at 16 clients");
        JsonNode write = load("write");
        JsonNode profile = load("profile");
        JsonNode k = load("killbill");
        line("| source | system | CPU ms / invoice | what is counted |");
        line("|---|---|---:|---|");
        for (JsonNode l : write.path("levels")) {
            if (l.path("clients").asInt() == 16) {
                line("| write scenario | Billstream | " + l.path("cpuMsPerInvoice").asText() + " | every stack process, every PostgreSQL server process, the load driver |");
            }
        }
        if (profile.has("cpuMsPerInvoiceByProcess")) {
            line("| profile scenario (JFR on) | Billstream | " + profile.at("/cpuMsPerInvoiceByProcess/total").asText()
                    + " | the same, by process: " + profile.path("cpuMsPerInvoiceByProcess") + " |");
        }
        JsonNode idle = load("idle").path("systems");
        for (String side : new String[]{"Billstream", "Kill Bill"}) {
            for (JsonNode l : k.path("write").path(side)) {
                if (l.path("clients").asInt() == 16) {
                    line("| peer scenario | " + side + " | " + l.path("cpuMsPerInvoice").asText()
                            + " | its processes + the PostgreSQL backends of its databases (" + l.path("transactionsPerInvoice").asText()
                            + " DB transactions per invoice) |");
                    JsonNode rest = idle.path(side);
                    double ops = l.path("opsPerSecond").asDouble();
                    if (rest.has("cpuPercentOfOneCore") && ops > 0) {
                        // what the system spends at rest anyway (idle scenario), per second, spread over the invoices of a second
                        double cpu = l.path("cpuMsPerInvoice").asDouble() - rest.path("cpuPercentOfOneCore").asDouble() * 10 / ops;
                        double tx = l.path("transactionsPerInvoice").asDouble() - rest.path("transactionsPerSecond").asDouble() / ops;
                        line("| peer scenario, net of idle | " + side + " | " + Stats.round(cpu, 1)
                                + " | the row above minus its idle cost (" + rest.path("cpuPercentOfOneCore").asText()
                                + " % of one core and " + rest.path("transactionsPerSecond").asText() + " transactions/s at rest) over "
                                + ops + " invoices/s (" + Stats.round(tx, 1) + " DB transactions per invoice) |");
                    }
                }
            }
        }
    }

    private boolean error(JsonNode n) {
        if (n.isMissingNode()) {
            line("not run");
            return true;
        }
        if (n.has("error")) {
            line("FAILED: " + n.path("error").asText());
            return true;
        }
        return false;
    }

    private static String percent(JsonNode ratio) {
        return ratio.isNumber() ? Stats.round(ratio.asDouble() * 100, 1) + " %" : ratio.asText();
    }

    private void section(String title) {
        line("");
        line("## " + title);
        line("");
    }

    private void line(String s) {
        md.append(s).append('\n');
    }
}
