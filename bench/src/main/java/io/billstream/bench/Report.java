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
        growth();
        profile();
        peer();
        return md.toString();
    }

    private void machine() throws IOException {
        JsonNode m = load("machine");
        line("");
        line("Machine: " + m.path("cpus").asText("?") + " CPUs (" + m.path("cpuModel").asText("?") + "), "
                + m.path("memTotalMiB").asText("?") + " MiB RAM, Java " + m.path("java").asText("?")
                + "; load average (1 min) at start " + m.path("loadAverage1m").asText("?") + ".");
        JsonNode rev = load("revision");
        line("Code: commit " + rev.path("commit").asText("?") + " (" + rev.path("uncommittedFiles").asText("?")
                + " tracked files with uncommitted changes at the time of the run).");
        JsonNode c = m.path("config");
        line("Settings: " + c.toString());
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
            line("| payments/s | p50 ms | p99 ms | max ms | count | targets |");
            line("|---:|---:|---:|---:|---:|---|");
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
                        + " | " + l.path("maxMs").asText() + " | " + l.path("count").asText() + " | " + (met ? "met" : "not met") + " |");
            }
            line("");
            line("Highest rate meeting both targets in this run: "
                    + (e.path("highestRateMeetingTargets").isNull() || e.path("highestRateMeetingTargets").isMissingNode()
                    ? "none" : e.path("highestRateMeetingTargets").asText() + " payments/s") + ".");
        }
        line("");
        line("Floor (2 HTTP + 2 Kafka hops, p50): " + e.path("floorP50Ms").asText() + " ms; end-to-end p50 / floor = "
                + e.path("p50RatioToFloor").asText() + ". Targets p50 ≤ 60 ms, p99 ≤ 250 ms: "
                + (e.path("meetsTargets").asBoolean() ? "met" : "NOT met") + ". Accepted payments "
                + e.path("paymentsAccepted").asText() + ", webhooks missing after 60 s " + e.path("webhooksMissingAfter60s").asText()
                + ", errors " + e.path("errors") + ", worst schedule lateness " + e.path("maxScheduleLatenessMs").asText()
                + " ms, load average " + e.path("loadAverage1mAtStart").asText() + " → " + e.path("loadAverage1mAtEnd").asText() + ".");
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
        line("| process | RSS at rest MiB | peak RSS, write path MiB | peak RSS, end-to-end MiB |");
        line("|---|---:|---:|---:|");
        TreeSet<String> names = new TreeSet<>();
        rest.path("rssMiB").fieldNames().forEachRemaining(names::add);
        write.path("rssPeakMiB").fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            line("| " + n + " | " + rest.path("rssMiB").path(n).asText("-") + " | "
                    + write.path("rssPeakMiB").path(n).asText("-") + " | " + e2e.path("rssPeakMiB").path(n).asText("-") + " |");
        }
        line("| **total** | " + rest.path("totalRssMiB").asText("-") + " | " + sum(write.path("rssPeakMiB")) + " | "
                + sum(e2e.path("rssPeakMiB")) + " |");
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
        for (String name : new String[]{"gateway", "invoice-service"}) {
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
        section("6. Peer: Kill Bill external-charge invoices");
        if (k.isMissingNode() || !"run".equals(k.path("status").asText())) {
            line(k.path("status").asText("not run"));
            return;
        }
        line("| clients | Kill Bill invoices/s | p50 ms | p99 ms |");
        line("|---:|---:|---:|---:|");
        for (JsonNode l : k.path("levels")) {
            line("| " + l.path("clients").asText() + " | " + l.path("opsPerSecond").asText() + " | " + l.path("p50Ms").asText()
                    + " | " + l.path("p99Ms").asText() + " |");
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
