package io.billstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One system under test as the operating system and PostgreSQL see it: its own processes (pids) and its databases.
 * CPU counts the processes plus the PostgreSQL backends connected to those databases (attributed through
 * {@code pg_stat_activity.pid}); transactions count {@code xact_commit + xact_rollback} of those databases
 * ({@code pg_stat_database}). The server's shared processes (checkpointer, WAL writer, autovacuum launcher) and other
 * databases' backends belong to no group, so other engineers' tests on the same server do not land in a figure.
 * Billstream and Kill Bill are both measured through this class, the same way.
 */
record ProcessGroup(String name, Map<String, Long> pids, List<String> databases, String pgHost, String pgUser) {

    /** CPU seconds by process label, and transactions by database, at one moment. */
    record Snapshot(long nanos, Map<String, Double> cpuSeconds, Map<String, Long> transactions, int backends) {
    }

    Snapshot snapshot() {
        Map<String, Double> cpu = new TreeMap<>();
        pids.forEach((label, pid) -> {
            double s = cpuSecondsOf(pid);
            if (s >= 0) {
                cpu.put(label, s);
            }
        });
        Map<String, Long> transactions = new TreeMap<>();
        int backends = 0;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + pgHost + "/postgres", pgUser, "")) {
            String[] dbs = databases.toArray(String[]::new);
            try (PreparedStatement ps = c.prepareStatement(
                    "select pid, datname from pg_stat_activity where datname = any(?) and pid <> pg_backend_pid()")) {
                ps.setArray(1, c.createArrayOf("text", dbs));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double s = cpuSecondsOf(rs.getLong(1));
                        if (s >= 0) {
                            cpu.put("postgresql backend " + rs.getString(2) + " #" + rs.getLong(1), s);
                            backends++;
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select datname, xact_commit + xact_rollback from pg_stat_database where datname = any(?)")) {
                ps.setArray(1, c.createArrayOf("text", dbs));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        transactions.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading pg_stat_activity / pg_stat_database: " + e.getMessage(), e);
        }
        return new Snapshot(System.nanoTime(), cpu, transactions, backends);
    }

    /**
     * What the group used between two snapshots: CPU % of one core by process (PostgreSQL backends summed per
     * database; a backend that appeared in between counts from zero, one that ended is lost), transactions/s by
     * database. The snapshot's own query is one transaction on {@code postgres}, which is in no group.
     */
    Map<String, Object> between(Snapshot a, Snapshot b) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        Map<String, Double> cpu = new TreeMap<>();
        for (var e : b.cpuSeconds().entrySet()) {
            String key = e.getKey();
            boolean backend = key.startsWith("postgresql backend ");
            double before = a.cpuSeconds().getOrDefault(key, backend ? 0.0 : e.getValue());
            String label = backend ? key.substring(0, key.indexOf(" #")) : key;
            cpu.merge(label, Math.max(0, e.getValue() - before), Double::sum);
        }
        Map<String, Object> percent = new LinkedHashMap<>();
        double total = 0;
        for (var e : cpu.entrySet()) {
            percent.put(e.getKey(), Stats.round(100 * e.getValue() / seconds, 2));
            total += e.getValue();
        }
        Map<String, Object> tps = new LinkedHashMap<>();
        long totalTx = 0;
        for (var e : b.transactions().entrySet()) {
            long d = e.getValue() - a.transactions().getOrDefault(e.getKey(), e.getValue());
            tps.put(e.getKey(), Stats.round(d / seconds, 2));
            totalTx += d;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seconds", Stats.round(seconds, 1));
        out.put("cpuSeconds", Stats.round(total, 3));
        out.put("cpuPercentOfOneCore", Stats.round(100 * total / seconds, 2));
        out.put("cpuPercentOfOneCoreByProcess", percent);
        out.put("transactionsPerSecond", Stats.round(totalTx / seconds, 2));
        out.put("transactionsPerSecondByDatabase", tps);
        out.put("transactions", totalTx);
        out.put("postgresBackends", b.backends());
        return out;
    }

    /** CPU seconds (user + system) of one live process; -1 if it is gone or unreadable. */
    static double cpuSecondsOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * One memory line of {@code /proc/<pid>/status} in MiB ({@code VmRSS}, {@code RssAnon}, {@code RssFile}); null if
     * the process is gone or the line is missing.
     */
    static Double statusMiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Stats.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0, 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between listing and reading
        }
        return null;
    }

    /** label → that {@code /proc/<pid>/status} line in MiB, for every live process of {@code pids}. */
    static Map<String, Double> statusMiB(Map<String, Long> pids, String field) {
        Map<String, Double> out = new TreeMap<>();
        pids.forEach((label, pid) -> {
            Double mib = statusMiB(pid, field);
            if (mib != null) {
                out.put(label, mib);
            }
        });
        return out;
    }

    /** Seconds since the process started; -1 if it is gone or unreadable. */
    static double uptimeSecondsOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double bootUptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return bootUptime - Long.parseLong(f[19]) / 100.0; // starttime, in clock ticks after boot
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Billstream: the launcher's processes (services and Kafka) and the databases the run's services use. */
    static ProcessGroup billstream(Config config, Stack stack) throws SQLException {
        String prefix = Config.env("BENCH_DB_PREFIX", "billstream_");
        List<String> dbs;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + config.pgHost() + "/postgres", config.pgUser(), "");
             PreparedStatement ps = c.prepareStatement("select datname from pg_database where starts_with(datname, ?) order by 1")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                dbs = new java.util.ArrayList<>();
                while (rs.next()) {
                    dbs.add(rs.getString(1));
                }
            }
        }
        return new ProcessGroup("Billstream", stack.processes(), dbs, config.pgHost(), config.pgUser());
    }

    /**
     * Kill Bill: its JVM ({@code KILLBILL_PID}, else the process listening on {@code KILLBILL_URL}'s port) and its
     * database ({@code KILLBILL_DB}, default {@code killbill}); null when Kill Bill is not configured.
     */
    static ProcessGroup killBill(Config config) {
        String url = System.getenv("KILLBILL_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        String pid = Config.env("KILLBILL_PID", "");
        if (pid.isBlank()) {
            pid = listener(java.net.URI.create(url).getPort());
        }
        if (pid == null || pid.isBlank()) {
            throw new IllegalStateException("Kill Bill's pid: set KILLBILL_PID (no process found listening on " + url + ")");
        }
        return new ProcessGroup("Kill Bill", Map.of("killbill", Long.parseLong(pid.trim())),
                List.of(Config.env("KILLBILL_DB", "killbill")), config.pgHost(), config.pgUser());
    }

    /**
     * Kill Bill as {@link #killBill}, or null when it is not configured or configured but not found: the scenario
     * ({@code who}) then measures Billstream alone and says so in the run's log.
     */
    static ProcessGroup killBillIfRunning(Config config, String who) {
        try {
            return killBill(config);
        } catch (RuntimeException e) {
            WritePath.log("%s: Kill Bill left out (%s)", who, e.getMessage());
            return null;
        }
    }

    /** The pid listening on a local TCP port (ss shows it for processes of this user). */
    private static String listener(int port) {
        try {
            Process p = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            var m = java.util.regex.Pattern.compile("pid=(\\d+)").matcher(out);
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
