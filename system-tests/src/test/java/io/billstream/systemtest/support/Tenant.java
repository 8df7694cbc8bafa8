package io.billstream.systemtest.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh organization, signed up through the gateway, with an admin session and a read-write API key: every
 * test gets its own, so invoice numbers start at 001 and nothing another test did is visible.
 */
public record Tenant(String tenantId, String username, String password, Api user, Api key, String apiKeyId) {

    public static final String PASSWORD = "correct-horse-battery-staple";

    public static Tenant signUp(String label) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String username = (label + "_" + suffix).toLowerCase(Locale.ROOT);
        Api anonymous = Api.anonymous();
        Reply signup = Api.retrying(() -> anonymous.post("/v1/signup", Map.of(
                "organizationName", "Acme " + label + " " + suffix,
                "username", username,
                "email", username + "@example.com",
                "password", PASSWORD)), Duration.ofMinutes(1));
        assertThat(signup.status()).as(signup.describe()).isEqualTo(201);
        String tenantId = signup.str("tenantId");
        assertThat(tenantId).startsWith("ten_");
        assertThat(signup.json().path("user").path("role").asText()).isEqualTo("admin");

        Reply login = Api.retrying(() -> anonymous.post("/v1/login", Map.of("login", username, "password", PASSWORD)),
                Duration.ofMinutes(1));
        assertThat(login.status()).as(login.describe()).isEqualTo(200);
        assertThat(login.str("tokenType")).isEqualTo("Bearer");
        Api user = Api.bearer(login.str("accessToken"));

        Reply key = user.postReliably("/v1/api-keys", Map.of("name", "system tests", "scope", "read_write"));
        assertThat(key.status()).as(key.describe()).isEqualTo(201);
        assertThat(key.str("key")).startsWith("bsk_");
        return new Tenant(tenantId, username, PASSWORD, user, Api.bearer(key.str("key")), key.str("id"));
    }

    /** PUT /v1/settings with a complete seller block; 14 days' terms and the default number format. */
    public Reply putSettings(String currency, String lateFeePercent) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("seller", Map.of(
                "name", "Acme Studio GmbH",
                "email", "billing@acme.example",
                "address", Map.of("line1", "Torstraße 1", "city", "Berlin", "postalCode", "10119", "country", "DE"),
                "taxId", "DE123456789"));
        settings.put("defaultCurrency", currency);
        settings.put("paymentTermsDays", 14);
        settings.put("lateFeePercentPerMonth", lateFeePercent);
        settings.put("numberFormat", "{yyyy}-{seq:3}");
        settings.put("defaultNotes", "Thank you for your business.");
        settings.put("defaultTerms", "Bank transfer to **DE89 3704 0044 0532 0130 00**.");
        settings.put("locale", "en-US");
        return key.send("PUT", "/v1/settings", settings);
    }

    public String createCustomer(String name) {
        Reply customer = key.postReliably("/v1/customers", Map.of(
                "name", name,
                "email", "ap@" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + ".example",
                "address", Map.of("line1", "1 Market Street", "city", "San Francisco", "region", "CA",
                        "postalCode", "94105", "country", "US"),
                "locale", "en-US"));
        assertThat(customer.status()).as(customer.describe()).isEqualTo(201);
        return customer.str("id");
    }

    /** A draft with one untaxed service line of {@code amount} (quantity 1), in USD. */
    public String createSimpleDraft(String customerId, String amount, String description) {
        Reply draft = key.postReliably("/v1/invoices", Map.of(
                "customerId", customerId,
                "currency", "USD",
                "lineItems", List.of(Map.of("description", description, "kind", "service", "quantity", "1",
                        "unit", "item", "unitPrice", amount))));
        assertThat(draft.status()).as(draft.describe()).isEqualTo(201);
        assertThat(draft.str("status")).isEqualTo("draft");
        return draft.str("id");
    }

    public Reply issue(String invoiceId) {
        Reply issued = key.postReliably("/v1/invoices/" + invoiceId + "/issue", Map.of());
        assertThat(issued.status()).as(issued.describe()).isEqualTo(200);
        return issued;
    }

    /** Registers {@code url} for {@code events}; returns {@code [endpointId, secret]}. */
    public String[] registerEndpoint(String url, List<String> events) {
        Reply endpoint = key.postReliably("/v1/webhook-endpoints", Map.of("url", url, "events", events,
                "description", "system-test receiver"));
        assertThat(endpoint.status()).as(endpoint.describe()).isEqualTo(201);
        assertThat(endpoint.str("secret")).startsWith("whsec_");
        return new String[] {endpoint.str("id"), endpoint.str("secret")};
    }
}
