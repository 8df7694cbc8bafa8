package io.billstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The processes the launcher started (its pid files under {@code .run/pids}): resident memory from
 * {@code /proc/<pid>/status} and CPU time from {@code /proc/<pid>/stat}.
 */
final class Stack {

    private final Path pids;

    Stack(Path runDir) {
        this.pids = runDir.resolve("pids");
    }

    /** process name (file name of its pid file) → pid, for processes alive now. */
    Map<String, Long> processes() {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(pids)) {
            files.filter(p -> p.toString().endsWith(".pid")).forEach(p -> {
                try {
                    long pid = Long.parseLong(Files.readString(p).trim());
                    if (Files.exists(Path.of("/proc", Long.toString(pid)))) {
                        out.put(p.getFileName().toString().replace(".pid", ""), pid);
                    }
                } catch (IOException | NumberFormatException ignored) {
                    // a pid file being rewritten by the launcher; the next reading gets it
                }
            });
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    long pidOf(String name) {
        Long pid = processes().get(name);
        if (pid == null) {
            throw new IllegalStateException(name + " is not running (no live pid in " + pids + ")");
        }
        return pid;
    }

    /** process → VmRSS in MiB. */
    Map<String, Double> rssMiB() {
        return statusMiB("VmRSS");
    }

    /** process → that {@code /proc/<pid>/status} line in MiB ({@link ProcessGroup#statusMiB(long, String)}). */
    Map<String, Double> statusMiB(String field) {
        return ProcessGroup.statusMiB(processes(), field);
    }

    /** Total CPU seconds (user + system) used so far by every stack process. */
    double cpuSeconds() {
        return cpuSecondsByProcess().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** process → CPU seconds (user + system) used so far. */
    Map<String, Double> cpuSecondsByProcess() {
        Map<String, Double> out = new TreeMap<>();
        processes().forEach((name, pid) -> {
            double cpu = cpuSecondsOf(pid);
            if (cpu >= 0) {
                out.put(name, cpu);
            }
        });
        return out;
    }

    /**
     * The above plus every PostgreSQL server process (all databases of the server: on a quiet machine that is the
     * stack's) and this load driver, so a per-invoice CPU budget covers the whole machine's work.
     */
    Map<String, Double> cpuSecondsWithDatabaseAndDriver() {
        Map<String, Double> out = cpuSecondsByProcess();
        double postgres = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    if (Files.readString(p.resolve("comm")).trim().startsWith("postgres")) {
                        postgres += Math.max(0, cpuSecondsOf(Long.parseLong(p.getFileName().toString())));
                    }
                } catch (IOException | RuntimeException ignored) {
                    // a process that ended while listing
                }
            }
        } catch (IOException ignored) {
            // no /proc: leave PostgreSQL out
        }
        out.put("postgresql (all server processes)", postgres);
        out.put("load driver (this JVM)", cpuSecondsOf(ProcessHandle.current().pid()));
        return out;
    }

    /**
     * CPU seconds of the PostgreSQL backends connected to the databases whose names start with {@code prefix} (this
     * run's fresh databases): on a shared server, other clients' work stays out of it. Backends that ended are lost.
     */
    double cpuSecondsOfDatabaseBackends(String prefix) {
        double sum = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (cmd.startsWith("postgres:") && cmd.contains(" " + prefix)) {
                        sum += Math.max(0, cpuSecondsOf(Long.parseLong(p.getFileName().toString())));
                    }
                } catch (IOException | RuntimeException ignored) {
                    // a process that ended while listing
                }
            }
        } catch (IOException ignored) {
            // no /proc
        }
        return sum;
    }

    /** CPU seconds (user + system) of one live process; -1 if it is gone. */
    private static double cpuSecondsOf(long pid) {
        return ProcessGroup.cpuSecondsOf(pid);
    }

    /**
     * Waits until the stack is quiet (background work of earlier load — PDF renders, webhook deliveries, projections —
     * uses less than {@code cores} of CPU over two seconds), at most {@code maxSeconds}. Returns the seconds waited.
     */
    double settle(double cores, int maxSeconds) throws InterruptedException {
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1e9 < maxSeconds) {
            double before = cpuSeconds();
            Thread.sleep(2000);
            if ((cpuSeconds() - before) / 2.0 < cores) {
                break;
            }
        }
        return Stats.round((System.nanoTime() - start) / 1e9, 1);
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Samples RSS every second while running and keeps each process's maximum. */
    final class RssPeak implements AutoCloseable {
        private final Map<String, Double> peak = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        RssPeak() {
            thread = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
                while (running) {
                    rssMiB().forEach((k, v) -> peak.merge(k, v, Math::max));
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        Map<String, Double> peak() {
            return new TreeMap<>(peak);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }
    }

    static Map<String, Object> machine() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cpus", Runtime.getRuntime().availableProcessors());
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    out.put("memTotalMiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    out.put("cpuModel", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
        } catch (IOException ignored) {
            // not Linux; the figures stay without machine details
        }
        out.put("java", System.getProperty("java.version"));
        out.put("loadAverage1m", loadAverage());
        return out;
    }
}
