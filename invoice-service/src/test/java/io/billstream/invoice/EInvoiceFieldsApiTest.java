package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EN 16931 data of the API contract §14 over HTTP: seller VAT id, IBAN and BIC in the settings; buyer reference on customers
 * and invoices; tax category and exemption reason on lines; all validated, defaulted and snapshotted at issue.
 */
@ServiceIntegrationTest
class EInvoiceFieldsApiTest {

    private static final String SETTINGS = """
            {"seller": {"name": "Acme Studio GmbH", "email": "billing@acme.example",
                        "address": {"line1": "Torstraße 5", "city": "Berlin", "postalCode": "10119", "country": "DE"},
                        "taxId": "37/123/45678", "vatId": "de 123456789", "iban": "DE89 3704 0044 0532 0130 00",
                        "bic": "cobadeffxxx", "contactPhone": "+49 30 1234567"},
             "defaultCurrency": "EUR"}""";

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
    void settingsKeepVatIdIbanAndBicCompactAndUpperCase() {
        assertThat(http.put("/v1/settings", SETTINGS).status()).isEqualTo(200);

        JsonNode seller = http.get("/v1/settings").json().get("seller");
        assertThat(seller.get("vatId").asText()).isEqualTo("DE123456789");
        assertThat(seller.get("iban").asText()).isEqualTo("DE89370400440532013000");
        assertThat(seller.get("bic").asText()).isEqualTo("COBADEFFXXX");
        assertThat(seller.get("taxId").asText()).isEqualTo("37/123/45678");
        assertThat(seller.get("contactPhone").asText()).isEqualTo("+49 30 1234567");
    }

    @Test
    void malformedVatIdIbanAndBicAre422AndNothingIsStored() {
        var response = http.put("/v1/settings", SETTINGS.replace("de 123456789", "123")
                .replace("DE89 3704 0044 0532 0130 00", "DE88 3704 0044 0532 0130 00").replace("cobadeffxxx", "CO1"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(fields(response.json())).contains("seller.vatId", "seller.iban", "seller.bic");
        assertThat(http.get("/v1/settings").json().get("seller").get("vatId").isNull()).isTrue();
    }

    @Test
    void customersCarryABuyerReference() {
        var created = http.post("/v1/customers", """
                {"name": "Stadt Musterhausen", "email": "rechnung@musterhausen.example",
                 "buyerReference": "04011000-12345-34"}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("buyerReference").asText()).isEqualTo("04011000-12345-34");
        String id = created.json().get("id").asText();

        var patched = http.patch("/v1/customers/" + id, "{\"buyerReference\": \"04011000-99999-01\"}", Map.of());
        assertThat(patched.status()).isEqualTo(200);
        assertThat(http.get("/v1/customers/" + id).json().get("buyerReference").asText())
                .isEqualTo("04011000-99999-01");
        assertThat(http.post("/v1/customers", """
                {"name": "A", "email": "a@b.example", "buyerReference": "%s"}""".formatted("x".repeat(201)))
                .status()).isEqualTo(422);
    }

    @Test
    void linesDefaultTheirCategoryFromTheRateAndTheSnapshotAtIssueKeepsTheBuyerReference() {
        http.put("/v1/settings", SETTINGS);
        String customer = http.post("/v1/customers", """
                {"name": "Kunde GmbH", "email": "k@kunde.example", "taxId": "DE987654321",
                 "address": {"line1": "Hauptstr. 1", "city": "Köln", "postalCode": "50667", "country": "DE"},
                 "buyerReference": "CUST-REF"}""").json().get("id").asText();
        var created = http.post("/v1/invoices", """
                {"customerId": "%s", "lineItems": [
                  {"description": "Consulting", "kind": "service", "quantity": "2", "unit": "hour",
                   "unitPrice": "100", "taxRatePercent": "19"},
                  {"description": "Books", "kind": "expense", "quantity": "1", "unitPrice": "10",
                   "taxRatePercent": "7"},
                  {"description": "Export", "kind": "service", "quantity": "1", "unitPrice": "50",
                   "taxRatePercent": "0"},
                  {"description": "EU client work", "kind": "service", "quantity": "1", "unitPrice": "80",
                   "taxCategory": "AE", "taxExemptionReason": "Reverse charge"}]}""".formatted(customer));
        assertThat(created.status()).isEqualTo(201);
        JsonNode lines = created.json().get("lineItems");
        assertThat(lines.get(0).get("taxCategory").asText()).isEqualTo("S");
        assertThat(lines.get(2).get("taxCategory").asText()).isEqualTo("Z");
        assertThat(lines.get(3).get("taxCategory").asText()).isEqualTo("AE");
        assertThat(lines.get(3).get("taxExemptionReason").asText()).isEqualTo("Reverse charge");
        assertThat(created.json().get("buyerReference").asText()).isEqualTo("CUST-REF");
        String id = created.json().get("id").asText();

        assertThat(http.patch("/v1/invoices/" + id, "{\"buyerReference\": \"04011000-1-2\"}", Map.of()).status())
                .isEqualTo(200);
        var issued = http.post("/v1/invoices/" + id + "/issue", "{}");
        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.json().get("buyerReference").asText()).isEqualTo("04011000-1-2");
        assertThat(issued.json().get("seller").get("vatId").asText()).isEqualTo("DE123456789");
        assertThat(issued.json().get("seller").get("iban").asText()).isEqualTo("DE89370400440532013000");

        // later edits of the settings do not rewrite the issued invoice
        http.put("/v1/settings", SETTINGS.replace("de 123456789", "DE111111111"));
        assertThat(http.get("/v1/invoices/" + id).json().get("seller").get("vatId").asText())
                .isEqualTo("DE123456789");
    }

    @Test
    void categoryRateAndReasonRulesAre422WithEveryField() {
        String customer = http.createCustomer("K", "k@k.example");
        var response = http.post("/v1/invoices", """
                {"customerId": "%s", "lineItems": [
                  {"description": "a", "kind": "service", "quantity": "1", "unitPrice": "1", "taxCategory": "X"},
                  {"description": "b", "kind": "service", "quantity": "1", "unitPrice": "1", "taxCategory": "S"},
                  {"description": "c", "kind": "service", "quantity": "1", "unitPrice": "1", "taxCategory": "Z",
                   "taxRatePercent": "19"},
                  {"description": "d", "kind": "service", "quantity": "1", "unitPrice": "1", "taxCategory": "E"},
                  {"description": "e", "kind": "service", "quantity": "1", "unitPrice": "1", "taxCategory": "K",
                   "taxExemptionReason": "%s"}]}""".formatted(customer, "r".repeat(501)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(fields(response.json())).contains("lineItems[0].taxCategory", "lineItems[1].taxCategory",
                "lineItems[2].taxCategory", "lineItems[3].taxExemptionReason", "lineItems[4].taxExemptionReason");
    }

    @Test
    void aPatchThatBreaksTheLinesCategoryIs422() {
        String customer = http.createCustomer("K", "k@k.example");
        var created = http.post("/v1/invoices", """
                {"customerId": "%s", "lineItems": [{"description": "a", "kind": "service", "quantity": "1",
                  "unitPrice": "1", "taxCategory": "AE", "taxExemptionReason": "Reverse charge"}]}"""
                .formatted(customer)).json();
        String path = "/v1/invoices/" + created.get("id").asText() + "/line-items/"
                + created.get("lineItems").get(0).get("id").asText();

        var response = http.patch(path, "{\"taxRatePercent\": \"19\"}", Map.of());

        assertThat(response.status()).isEqualTo(422);
        assertThat(fields(response.json())).contains("taxCategory");
        assertThat(http.patch(path, "{\"taxRatePercent\": \"19\", \"taxCategory\": \"S\"}", Map.of()).status())
                .isEqualTo(200);
    }

    @Test
    void aRecurringScheduleKeepsItsLinesCategoryAndReasonOnEveryRun() {
        String customer = http.createCustomer("K", "k@k.example");
        var created = http.post("/v1/recurring-invoices", """
                {"customerId": "%s", "currency": "EUR", "interval": "month", "anchorDate": "%s",
                 "lineItems": [{"description": "Retainer", "kind": "service", "quantity": "1", "unit": "month",
                                "unitPrice": "800.00", "taxCategory": "AE", "taxExemptionReason": "Reverse charge"}]}"""
                .formatted(customer, java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("lineItems").get(0).get("taxCategory").asText()).isEqualTo("AE");
        String id = created.json().get("id").asText();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                http.get("/v1/invoices?recurringInvoiceId=" + id).json().get("data")).hasSize(1));
        JsonNode line = http.get("/v1/invoices?recurringInvoiceId=" + id).json().get("data").get(0)
                .get("lineItems").get(0);
        assertThat(line.get("taxCategory").asText()).isEqualTo("AE");
        assertThat(line.get("taxExemptionReason").asText()).isEqualTo("Reverse charge");
    }

    @Test
    void theOpenApiDocumentShowsTheNewFields() {
        JsonNode schemas = http.get("/v3/api-docs").json().get("components").get("schemas");
        assertThat(schemas.get("SettingsSeller").get("properties").has("vatId")).isTrue();
        assertThat(schemas.get("SettingsSeller").get("properties").has("iban")).isTrue();
        assertThat(schemas.get("SettingsSeller").get("properties").has("bic")).isTrue();
        assertThat(schemas.get("CustomerRequest").get("properties").has("buyerReference")).isTrue();
        assertThat(schemas.get("CreateInvoiceRequest").get("properties").has("buyerReference")).isTrue();
        assertThat(schemas.get("LineItemRequest").get("properties").get("taxCategory").get("enum").toString())
                .contains("AE", "K");
        assertThat(schemas.get("LineItemData").get("properties").has("taxExemptionReason")).isTrue();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
