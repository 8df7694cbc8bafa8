package io.billstream.systemtest;

import io.billstream.systemtest.support.Api;
import io.billstream.systemtest.support.Reply;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API contract §14 through the gateway: an invoice without the EN 16931 data is refused with 422 einvoice_incomplete naming
 * the fields; with the seller's VAT id, bank account and contact phone, a customer's buyer reference and taxed lines, the
 * same stack serves XRechnung UBL and a Factur-X PDF with ETag and 304.
 */
@Order(9)
class EInvoiceSystemTest extends SystemTestBase {

    @Test
    void anIncompleteInvoiceIsRefusedAndACompleteOneIsServedInEverySyntax() {
        Scenario scenario = scenario("einvoice", List.of("invoice.issued"));
        Api api = scenario.api();
        String bare = scenario.tenant().createSimpleDraft(scenario.customerId(), "100.00", "Consulting");
        scenario.tenant().issue(bare);
        Reply refused = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/v1/invoices/" + bare + "/einvoice?syntax=xrechnung-cii"), r -> r.status() != 404);
        assertThat(refused.status()).as(refused.describe()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("einvoice_incomplete");
        List<String> fields = new ArrayList<>();
        refused.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("seller.vatId", "lineItems[0].taxCategory", "buyerReference", "seller.iban");

        Map<String, Object> seller = new LinkedHashMap<>();
        seller.put("name", "Acme Studio GmbH");
        seller.put("email", "billing@acme.example");
        seller.put("address", Map.of("line1", "Torstraße 1", "city", "Berlin", "postalCode", "10119", "country", "DE"));
        seller.put("vatId", "DE123456789");
        seller.put("iban", "DE89 3704 0044 0532 0130 00");
        seller.put("bic", "COBADEFFXXX");
        seller.put("contactPhone", "+49 30 1234567");
        Reply settings = api.send("PUT", "/v1/settings", Map.of("seller", seller, "defaultCurrency", "EUR"));
        assertThat(settings.status()).as(settings.describe()).isEqualTo(200);
        Reply customer = api.postReliably("/v1/customers", Map.of("name", "Stadt Musterhausen",
                "email", "rechnung@musterhausen.example", "buyerReference", "04011000-12345-34",
                "address", Map.of("line1", "Rathausplatz 1", "city", "Musterhausen", "postalCode", "12345",
                        "country", "DE")));
        assertThat(customer.status()).as(customer.describe()).isEqualTo(201);
        Reply draft = api.postReliably("/v1/invoices", Map.of("customerId", customer.str("id"), "lineItems", List.of(
                Map.of("description", "Consulting", "kind", "service", "quantity", "12.5", "unit", "hour",
                        "unitPrice", "120.00", "taxRatePercent", "19"),
                Map.of("description", "Books", "kind", "expense", "quantity", "3", "unit", "item",
                        "unitPrice", "33.33", "taxRatePercent", "7"))));
        assertThat(draft.status()).as(draft.describe()).isEqualTo(201);
        String id = draft.str("id");
        Reply issued = scenario.tenant().issue(id);

        Reply ubl = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/v1/invoices/" + id + "/einvoice?syntax=xrechnung-ubl"), r -> r.status() != 404);
        assertThat(ubl.status()).as(ubl.describe()).isEqualTo(200);
        assertThat(ubl.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/xml"));
        assertThat(ubl.text()).contains("xrechnung_3.0", "04011000-12345-34",
                "<cbc:PayableAmount currencyID=\"EUR\">" + issued.str("total") + "</cbc:PayableAmount>");
        String etag = ubl.header("ETag").orElseThrow();
        assertThat(api.get("/v1/invoices/" + id + "/einvoice?syntax=xrechnung-ubl", "If-None-Match", etag).status())
                .isEqualTo(304);

        Reply facturX = api.get("/v1/invoices/" + id + "/pdf?format=facturx");
        assertThat(facturX.status()).as(facturX.describe()).isEqualTo(200);
        assertThat(facturX.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/pdf"));
        assertThat(new String(facturX.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("factur-x.xml");

        Reply openapi = Api.anonymous().get("/v1/openapi.json");
        assertThat(openapi.text()).contains("/v1/invoices/{id}/einvoice", "/v1/credit-notes/{id}/einvoice",
                "buyerReference", "taxCategory");
    }
}
