package io.billstream.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stretch goal: where the write path's CPU goes. CPU seconds per invoice for every stack process (from /proc) during
 * a 16-client create+issue load, and JFR (settings=profile) on the gateway and the invoice-service during the same
 * load, summarised as CPU samples by library (leaf-most recognised frame) and the hottest methods.
 */
final class Profile {

    /** Leaf-most frame prefix → library; the first match walking from the top of the stack wins. */
    private static final List<String[]> CATEGORIES = List.of(
            new String[]{"com.fasterxml.jackson", "JSON (Jackson)"},
            new String[]{"org.postgresql", "JDBC driver (pgjdbc)"},
            new String[]{"com.zaxxer.hikari", "connection pool (Hikari)"},
            new String[]{"org.hibernate", "Hibernate / JPA"},
            new String[]{"org.axonframework", "Axon Framework"},
            new String[]{"org.apache.kafka", "Kafka client"},
            new String[]{"org.springframework.kafka", "Spring Kafka"},
            new String[]{"com.nimbusds", "internal token (Nimbus JOSE)"},
            new String[]{"javax.crypto", "crypto (HMAC/SHA)"},
            new String[]{"sun.security", "crypto (HMAC/SHA)"},
            new String[]{"com.sun.crypto", "crypto (HMAC/SHA)"},
            new String[]{"org.springframework.security.crypto", "password hashing"},
            new String[]{"ch.qos.logback", "logging"},
            new String[]{"org.slf4j", "logging"},
            new String[]{"io.micrometer", "metrics / tracing (Micrometer)"},
            new String[]{"io.opentelemetry", "metrics / tracing (OpenTelemetry)"},
            new String[]{"io.github.resilience4j", "resilience4j"},
            new String[]{"org.springframework.cloud.gateway", "Spring Cloud Gateway (proxy)"},
            new String[]{"jdk.internal.net.http", "JDK HTTP client"},
            new String[]{"org.apache.hc", "Apache HTTP client"},
            new String[]{"org.springframework.web.client", "Spring RestClient"},
            new String[]{"org.springframework.http", "Spring HTTP"},
            new String[]{"org.apache.coyote", "Tomcat"},
            new String[]{"org.apache.tomcat", "Tomcat"},
            new String[]{"org.apache.catalina", "Tomcat"},
            new String[]{"jakarta.validation", "Bean Validation"},
            new String[]{"org.hibernate.validator", "Bean Validation"},
            new String[]{"org.springframework.web", "Spring MVC"},
            new String[]{"org.springframework", "Spring (other)"},
            new String[]{"io.billstream", "Billstream code"},
            new String[]{"java.util.regex", "regex"},
            new String[]{"sun.nio", "network I/O"},
            new String[]{"java.net", "network I/O"},
            new String[]{"sun.net", "network I/O"});

    private final Config config;
    private final Stack stack;

    Profile(Config config, Stack stack) {
        this.config = config;
        this.stack = stack;
    }

    Map<String, Object> run() throws Exception {
        Tenant tenant = Tenant.create(config.gateway(), "profile");
        Errors errors = new Errors();
        // BENCH_PROFILE_IDLE_SECONDS: the stack's CPU while idle first (after the earlier load has settled), so
        // that on a loaded machine, where few invoices fit in the window, the figure net of idle work can be shown.
        int idleSeconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_PROFILE_IDLE_SECONDS", "0"));
        Map<String, Double> idleMsPerSecond = new LinkedHashMap<>();
        if (idleSeconds > 0) {
            stack.settle(0.2, 30);
            Map<String, Double> before = stack.cpuSecondsWithDatabaseAndDriver();
            Thread.sleep(idleSeconds * 1000L);
            Map<String, Double> after = stack.cpuSecondsWithDatabaseAndDriver();
            after.forEach((k, v) -> idleMsPerSecond.put(k, (v - before.getOrDefault(k, v)) * 1000 / idleSeconds));
        }
        // BENCH_PROFILE_CLIENTS (16): the closed-loop clients of the profiled window (and of its warm-up)
        int clients = Integer.parseInt(System.getenv().getOrDefault("BENCH_PROFILE_CLIENTS", "16"));
        ClosedLoop.run(clients, Duration.ZERO, Duration.ofSeconds(10), c -> () -> tenant.createAndIssue(errors) != null,
                errors);
        Path dir = config.out().resolve("jfr");
        Files.createDirectories(dir);
        // BENCH_PROFILE_JFR widens the recording to other services (comma-separated process names).
        List<String> targets = List.of(System.getenv().getOrDefault("BENCH_PROFILE_JFR", "gateway,invoice-service")
                .split(","));
        for (String name : targets) {
            jcmd(stack.pidOf(name), "JFR.start", "name=bench", "settings=profile");
        }
        String ownDatabases = System.getenv().getOrDefault("BENCH_INVOICE_DB", "").replace("invoice-service", "");
        double ownDbBefore = ownDatabases.isEmpty() ? 0 : stack.cpuSecondsOfDatabaseBackends(ownDatabases);
        Map<String, Double> cpuBefore = stack.cpuSecondsWithDatabaseAndDriver();
        Map<String, Object> load = ClosedLoop.run(clients, Duration.ZERO, config.profileSeconds(),
                c -> () -> tenant.createAndIssue(errors) != null, errors);
        Map<String, Double> cpuAfter = stack.cpuSecondsWithDatabaseAndDriver();
        double ownDbAfter = ownDatabases.isEmpty() ? 0 : stack.cpuSecondsOfDatabaseBackends(ownDatabases);
        double wall = config.profileSeconds().toNanos() / 1e9;
        long ops = ((Number) load.get("ops")).longValue();
        Map<String, Object> cpuPerInvoice = new LinkedHashMap<>();
        Map<String, Object> netOfIdle = new LinkedHashMap<>();
        double totalMs = 0;
        for (var e : cpuAfter.entrySet()) {
            double ms = (e.getValue() - cpuBefore.getOrDefault(e.getKey(), e.getValue())) * 1000 / Math.max(1, ops);
            cpuPerInvoice.put(e.getKey(), Stats.round(ms, 2));
            totalMs += ms;
        }
        cpuPerInvoice.put("total", Stats.round(totalMs, 2));
        if (!idleMsPerSecond.isEmpty()) {
            Map<String, Object> net = new LinkedHashMap<>();
            double netTotal = 0;
            for (var e : cpuAfter.entrySet()) {
                double ms = ((e.getValue() - cpuBefore.getOrDefault(e.getKey(), e.getValue())) * 1000
                        - idleMsPerSecond.getOrDefault(e.getKey(), 0.0) * wall) / Math.max(1, ops);
                net.put(e.getKey(), Stats.round(ms, 2));
                netTotal += ms;
            }
            net.put("total", Stats.round(netTotal, 2));
            Map<String, Object> idle = new LinkedHashMap<>();
            idleMsPerSecond.forEach((k, v) -> idle.put(k, Stats.round(v, 1)));
            netOfIdle.put("cpuMsPerInvoiceNetOfIdle", net);
            netOfIdle.put("idleCpuMsPerSecond", idle);
        }
        if (!ownDatabases.isEmpty()) {
            // the server is shared: its other clients' work is in "all server processes", not in this figure
            double ownDbMs = (ownDbAfter - ownDbBefore) * 1000 / Math.max(1, ops);
            double allDbMs = cpuPerInvoice.get("postgresql (all server processes)") instanceof Double d ? d : 0;
            cpuPerInvoice.put("postgresql backends of this run's databases (in all server processes)",
                    Stats.round(ownDbMs, 2));
            cpuPerInvoice.put("total with only this run's database backends", Stats.round(totalMs - allDbMs + ownDbMs, 2));
        }
        // What 2 cores could do if this CPU per invoice were the only limit.
        cpuPerInvoice.put("cpuBoundCeilingInvoicesPerSecond",
                Stats.round(Runtime.getRuntime().availableProcessors() * 1000.0 / Math.max(1, totalMs), 1));
        cpuPerInvoice.put("machineCpuBusyPercent", Stats.round(100 * totalMs * ops / 1000
                / (wall * Runtime.getRuntime().availableProcessors()), 1));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", clients);
        out.put("load", load);
        out.put("cpuMsPerInvoiceByProcess", cpuPerInvoice);
        out.putAll(netOfIdle);
        out.put("note", "CPU from /proc (user + system) per completed invoice during the profiled window; the load "
                + "driver shares the same cores; JFR itself adds a little to gateway and invoice-service");
        for (String name : targets) {
            Path file = dir.resolve(name + ".jfr").toAbsolutePath();
            jcmd(stack.pidOf(name), "JFR.stop", "name=bench", "filename=" + file);
        }
        for (String name : targets) {
            Path file = dir.resolve(name + ".jfr");
            out.put(name, Files.exists(file) ? analyse(file) : Map.of("error", "no recording written"));
        }
        out.put("errors", errors.snapshot());
        return out;
    }

    private static void jcmd(long pid, String... args) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> command = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd failed: " + output);
        }
    }

    static Map<String, Object> analyse(Path file) throws Exception {
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Integer> selfByMethod = new HashMap<>();
        Map<String, Integer> inclusiveBillstream = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            selfByMethod.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
            String library = "JDK / other";
            outer:
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                for (String[] c : CATEGORIES) {
                    if (type.startsWith(c[0])) {
                        library = c[1];
                        break outer;
                    }
                }
            }
            byLibrary.merge(library, 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                if (type.startsWith("io.billstream") && seen.add(name(frame.getMethod()))) {
                    inclusiveBillstream.merge(name(frame.getMethod()), 1, Integer::sum);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.getFileName().toString());
        out.put("cpuSamples", samples);
        out.put("byLibraryPercent", top(byLibrary, samples, 20));
        out.put("hottestMethodsSelfPercent", top(selfByMethod, samples, 15));
        out.put("billstreamMethodsInclusivePercent", top(inclusiveBillstream, samples, 15));
        return out;
    }

    private static String name(RecordedMethod m) {
        String type = m.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + m.getName();
    }

    private static Map<String, Double> top(Map<String, Integer> counts, int total, int n) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(n)
                .forEach(e -> out.put(e.getKey(), Stats.round(100.0 * e.getValue() / Math.max(1, total), 1)));
        return out;
    }
}
