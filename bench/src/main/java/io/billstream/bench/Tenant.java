package io.billstream.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh tenant, as an integrator would set one up: signup → login → API key (read_write) → one customer. Every
 * load request uses the API key, like a SaaS platform calling Billstream.
 */
record Tenant(String tenantId, Http api, String customerId) {

    static Tenant create(String gateway, String label) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String username = "bench_" + suffix;
        String password = "bench-password-" + suffix;
        Http anonymous = new Http(gateway, Map.of());
        JsonNode signup = anonymous.post("/v1/signup", Http.json(Map.of(
                "organizationName", "Bench " + label + " " + suffix,
                "username", username,
                "email", username + "@bench.example",
                "password", password))).expect(201, "signup").json();
        String token = anonymous.post("/v1/login", Http.json(Map.of("login", username, "password", password)))
                .expect(200, "login").json().get("accessToken").asText();
        Http session = new Http(gateway, Map.of("Authorization", "Bearer " + token));
        String key = session.post("/v1/api-keys", Http.json(Map.of("name", "bench", "scope", "read_write")))
                .expect(201, "api key").json().get("key").asText();
        Http api = new Http(gateway, Map.of("Authorization", "Bearer " + key));
        String customer = api.post("/v1/customers", Http.json(Map.of(
                "name", "Globex Corporation",
                "email", "ap@globex.example",
                "address", Map.of("line1", "1 Market Street", "city", "Springfield", "postalCode", "94105",
                        "country", "US"),
                "locale", "en-US"))).expect(201, "customer").json().get("id").asText();
        return new Tenant(signup.get("tenantId").asText(), api, customer);
    }

    /** A realistic freelancer invoice: three service lines (taxed), two pass-through expenses, short notes. */
    String invoiceBody() {
        return invoiceBody(false);
    }

    private String invoiceBody(boolean issue) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of(
                "customerId", customerId,
                "currency", "USD",
                "dueInDays", 14,
                "reference", "PO-2026-0042",
                "notes", "Thank you for your business! **Questions:** billing@acme.example",
                "lineItems", List.of(
                        line("Backend development (API, billing engine)", "service", "32.5", "hour", "120.00", "8.875"),
                        line("UX review workshop", "service", "1", "day", "950.00", "8.875"),
                        line("Code review", "service", "6", "hour", "120.00", "8.875"),
                        line("Cloud hosting - March", "expense", "1", "month", "249.90", null),
                        line("Third-party API credits", "expense", "4", "item", "25.00", null))));
        if (issue) {
            body.put("issue", true);
        }
        return Http.json(body);
    }

    private static Map<String, Object> line(String description, String kind, String quantity, String unit,
                                            String unitPrice, String taxRate) {
        var line = new java.util.LinkedHashMap<String, Object>();
        line.put("description", description);
        line.put("kind", kind);
        line.put("quantity", quantity);
        line.put("unit", unit);
        line.put("unitPrice", unitPrice);
        if (taxRate != null) {
            line.put("taxRatePercent", taxRate);
        }
        return line;
    }

    /**
     * {@code BENCH_ISSUE_ON_CREATE=1}: create + issue as one request ({@code "issue": true}, like Kill Bill's
     * {@code autoCommit}) instead of two.
     */
    static final boolean ISSUE_ON_CREATE = "1".equals(Config.env("BENCH_ISSUE_ON_CREATE", "0"));

    /** How this run creates and issues an invoice, for the results. */
    static String createAndIssueOperation() {
        return ISSUE_ON_CREATE ? "POST /v1/invoices (5 lines, \"issue\": true: created issued in one request)"
                : "POST /v1/invoices (5 lines) + POST /v1/invoices/{id}/issue";
    }

    /** One create + issue; returns the issue response, or null on any non-success (the caller counts it). */
    Http.Response createAndIssue(Errors errors) {
        if (ISSUE_ON_CREATE) {
            Http.Response issued = api.post("/v1/invoices", invoiceBody(true));
            if (issued.status() != 201) {
                errors.count("create issued " + issued.status());
                return null;
            }
            return issued;
        }
        Http.Response created = api.post("/v1/invoices", invoiceBody());
        if (created.status() != 201) {
            errors.count("create " + created.status());
            return null;
        }
        String id = invoiceId(created.body());
        Http.Response issued = api.post("/v1/invoices/" + id + "/issue", "{}");
        if (issued.status() != 200) {
            errors.count("issue " + issued.status());
            return null;
        }
        return issued;
    }

    private static final java.util.regex.Pattern INVOICE_ID = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"(inv_[^\"]+)\"");

    static String invoiceId(String body) {
        var m = INVOICE_ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no invoice id in " + body);
        }
        return m.group(1);
    }
}
