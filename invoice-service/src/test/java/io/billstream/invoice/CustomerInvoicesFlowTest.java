package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Customers and settings as invoices see them: archive refusal, bill-to/seller snapshots, archived customers. */
@ServiceIntegrationTest
class CustomerInvoicesFlowTest {

    @Autowired
    InternalTokenService tokens;
    @Value("${local.server.port}")
    int port;

    CustomerHttp http;

    @BeforeEach
    void newTenant() {
        http = new CustomerHttp(tokens, port);
    }

    @Test
    void anOpenInvoiceBlocksArchivingUntilItIsVoided() {
        String customer = http.createCustomer("Debtor Ltd", "ap@debtor.example");
        String invoice = draft(customer);
        assertThat(http.post("/v1/invoices/" + invoice + "/issue", "{}").status()).isEqualTo(200);
        awaitListedStatus(customer, invoice, "open");

        CustomerHttp.Response refused = http.delete("/v1/customers/" + customer);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("customer_has_open_invoices");
        JsonNode stillActive = http.get("/v1/customers/" + customer).json();
        assertThat(stillActive.get("archived").asBoolean()).isFalse();
        assertThat(stillActive.get("version").asLong()).isEqualTo(1);

        assertThat(http.post("/v1/invoices/" + invoice + "/void", "{\"reason\": \"sent in error\"}").status())
                .isEqualTo(200);
        awaitListedStatus(customer, invoice, "void");
        assertThat(http.delete("/v1/customers/" + customer).status()).isEqualTo(204);
        assertThat(http.get("/v1/customers/" + customer).json().get("archived").asBoolean()).isTrue();
    }

    @Test
    void aDraftDoesNotBlockArchivingButAnArchivedCustomerCannotBeBilledAgain() {
        String customer = http.createCustomer("Short Lived", "short@example.com");
        draft(customer);

        assertThat(http.delete("/v1/customers/" + customer).status()).isEqualTo(204);

        CustomerHttp.Response refused = http.post("/v1/invoices", """
                {"customerId": "%s", "currency": "USD"}""".formatted(customer));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("validation_failed");
    }

    @Test
    void anotherTenantsCustomerCannotBeBilled() {
        String customer = http.createCustomer("Mine", "mine@example.com");
        CustomerHttp other = new CustomerHttp(tokens, port);

        CustomerHttp.Response refused = other.post("/v1/invoices", """
                {"customerId": "%s", "currency": "USD"}""".formatted(customer));

        assertThat(refused.status()).isEqualTo(422);
    }

    @Test
    void issuingSnapshotsTheCurrentCustomerAndSellerAndLaterEditsDoNotRewriteIt() {
        assertThat(http.put("/v1/settings", seller("Acme Before GmbH")).status()).isEqualTo(200);
        String customer = http.createCustomer("Old Name", "old@example.com");
        String invoice = draft(customer);
        assertThat(http.patch("/v1/customers/" + customer, """
                {"name": "Name At Issue", "address": {"line1": "5 Quay", "city": "Dublin", "postalCode": "D02",
                 "country": "IE"}, "locale": "en-IE"}""", Map.of()).status()).isEqualTo(200);

        JsonNode issued = http.post("/v1/invoices/" + invoice + "/issue", "{}").json();

        assertThat(issued.get("customer").get("name").asText()).isEqualTo("Name At Issue");
        assertThat(issued.get("customer").get("address").get("country").asText()).isEqualTo("IE");
        assertThat(issued.get("customer").get("locale").asText()).isEqualTo("en-IE");
        assertThat(issued.get("seller").get("name").asText()).isEqualTo("Acme Before GmbH");

        assertThat(http.patch("/v1/customers/" + customer, "{\"name\": \"Renamed Later\"}", Map.of()).status())
                .isEqualTo(200);
        assertThat(http.put("/v1/settings", seller("Acme After GmbH")).status()).isEqualTo(200);

        JsonNode later = http.get("/v1/invoices/" + invoice).json();
        assertThat(later.get("customer").get("name").asText()).isEqualTo("Name At Issue");
        assertThat(later.get("seller").get("name").asText()).isEqualTo("Acme Before GmbH");
    }

    private String draft(String customer) {
        CustomerHttp.Response created = http.post("/v1/invoices", """
                {"customerId": "%s", "currency": "USD",
                 "lineItems": [{"description": "Work", "kind": "service", "quantity": "2", "unitPrice": "100.00"}]}"""
                .formatted(customer));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** The archive check reads the invoice read model, which follows the event store asynchronously. */
    private void awaitListedStatus(String customer, String invoice, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode page = http.get("/v1/customers/" + customer + "/invoices").json();
            assertThat(page.get("data")).anySatisfy(i -> {
                assertThat(i.get("id").asText()).isEqualTo(invoice);
                assertThat(i.get("status").asText()).isEqualTo(status);
            });
        });
    }

    private static String seller(String name) {
        return """
                {"seller": {"name": "%s", "email": "billing@acme.example",
                            "address": {"line1": "1 Road", "city": "Vienna", "postalCode": "1010", "country": "AT"}}}"""
                .formatted(name);
    }
}
