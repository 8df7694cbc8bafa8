package io.billstream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every knob, from environment variables (bench/run.sh documents them); defaults are the published run. */
record Config(String gateway, String pgHost, String pgUser, Path runDir, Path out,
              List<Integer> levels, int rounds, Duration warmup, Duration measure, Duration rawMeasure,
              int multiTenantClients, Duration initialWarmup, int e2eRate, int e2eSeconds, int growthEvents, Duration growthMeasure,
              Duration profileSeconds) {

    static Config fromEnvironment(Path out) {
        return new Config(
                env("BENCH_GATEWAY", "http://127.0.0.1:8080"),
                env("PGHOST", "127.0.0.1") + ":" + env("PGPORT", "5432"),
                env("PGUSER", "postgres"),
                Path.of(env("BILLSTREAM_RUN_DIR", Path.of(env("BENCH_ROOT", ".")).resolve(".run").toString())),
                out,
                Arrays.stream(env("BENCH_LEVELS", "1,4,16,64").split(",")).map(String::trim).map(Integer::valueOf).toList(),
                Integer.parseInt(env("BENCH_ROUNDS", "3")),
                Duration.ofSeconds(Long.parseLong(env("BENCH_WARMUP_SECONDS", "3"))),
                Duration.ofSeconds(Long.parseLong(env("BENCH_MEASURE_SECONDS", "10"))),
                Duration.ofSeconds(Long.parseLong(env("BENCH_RAW_SECONDS", "3"))),
                Integer.parseInt(env("BENCH_MULTI_TENANT_CLIENTS", "16")),
                Duration.ofSeconds(Long.parseLong(env("BENCH_INITIAL_WARMUP_SECONDS", "20"))),
                Integer.parseInt(env("BENCH_E2E_RATE", "50")),
                Integer.parseInt(env("BENCH_E2E_SECONDS", "60")),
                Integer.parseInt(env("BENCH_GROWTH_EVENTS", "10000")),
                Duration.ofSeconds(Long.parseLong(env("BENCH_GROWTH_MEASURE_SECONDS", "20"))),
                Duration.ofSeconds(Long.parseLong(env("BENCH_PROFILE_SECONDS", "30"))));
    }

    /** The invoice-service database the stack under test writes (the run's fresh one when bench/run.sh made it). */
    java.sql.Connection invoiceDatabase() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://" + pgHost + "/"
                + env("BENCH_INVOICE_DB", "billstream_invoice"), pgUser, "");
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gateway", gateway);
        out.put("levels", levels);
        out.put("rounds", rounds);
        out.put("warmupSeconds", warmup.toSeconds());
        out.put("measureSeconds", measure.toSeconds());
        out.put("rawMeasureSeconds", rawMeasure.toSeconds());
        out.put("multiTenantClients", multiTenantClients);
        out.put("e2eRate", e2eRate);
        out.put("e2eSeconds", e2eSeconds);
        out.put("growthEvents", growthEvents);
        out.put("growthMeasureSeconds", growthMeasure.toSeconds());
        out.put("issueOnCreate", Tenant.ISSUE_ON_CREATE);
        return out;
    }
}
