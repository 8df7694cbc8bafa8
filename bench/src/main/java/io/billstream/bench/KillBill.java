package io.billstream.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 6 (peer): the write-path load against Kill Bill's external-charge invoice API
 * ({@code POST /1.0/kb/invoices/charges/{accountId}?autoCommit=true}: creates and commits an invoice in one call),
 * at the same client counts, when {@code KILLBILL_URL} and its tenant credentials are given. Otherwise "not run".
 */
final class KillBill {

    private final Config config;

    KillBill(Config config) {
        this.config = config;
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
        String externalKey = "bench-" + UUID.randomUUID();
        kb.post("/1.0/kb/accounts", Http.json(Map.of("name", "Globex Corporation", "email", "ap@globex.example",
                "currency", "USD", "externalKey", externalKey))).expect(201, "Kill Bill account");
        String accountId = kb.get("/1.0/kb/accounts?externalKey=" + externalKey).expect(200, "Kill Bill account lookup")
                .json().get("accountId").asText();
        // The same five lines as the Billstream invoice, as external charges on one invoice.
        List<Map<String, Object>> charges = List.of(
                charge(accountId, "Backend development (API, billing engine)", "4245.98"),
                charge(accountId, "UX review workshop", "1034.31"),
                charge(accountId, "Code review", "783.90"),
                charge(accountId, "Cloud hosting - March", "249.90"),
                charge(accountId, "Third-party API credits", "100.00"));
        String body = Http.json(charges);
        String path = "/1.0/kb/invoices/charges/" + accountId + "?autoCommit=true";
        Errors errors = new Errors();
        ClosedLoop.Op op = () -> {
            Http.Response r = kb.post(path, body);
            if (r.status() != 201 && r.status() != 200) {
                errors.count("charge " + r.status());
                return false;
            }
            return true;
        };
        ClosedLoop.run(4, Duration.ZERO, Duration.ofSeconds(10), c -> op, errors);
        List<Map<String, Object>> levels = new ArrayList<>();
        for (int clients : config.levels()) {
            List<Map<String, Object>> rounds = new ArrayList<>();
            for (int round = 1; round <= config.rounds(); round++) {
                rounds.add(ClosedLoop.run(clients, config.warmup(), config.measure(), c -> op, errors));
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("clients", clients);
            s.put("opsPerSecond", Stats.median(rounds, "opsPerSecond"));
            s.put("p50Ms", Stats.median(rounds, "p50Ms"));
            s.put("p99Ms", Stats.median(rounds, "p99Ms"));
            s.put("rounds", rounds);
            levels.add(s);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "run");
        out.put("url", url);
        out.put("operation", "POST /1.0/kb/invoices/charges/{accountId}?autoCommit=true, 5 external charges");
        out.put("levels", levels);
        out.put("errors", errors.snapshot());
        return out;
    }

    private static Map<String, Object> charge(String accountId, String description, String amount) {
        return Map.of("accountId", accountId, "description", description, "amount", amount, "currency", "USD");
    }
}
