package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class InvoiceLifecycleTest {

    @Autowired
    InternalTokenService tokens;
    @Value("${local.server.port}")
    int port;
    InvoiceHttp http;

    @BeforeEach
    void tenant() {
        http = new InvoiceHttp(tokens, port);
    }

    /** A command's answer is built from the events it applied, not read back: it must equal what a GET reads. */
    @Test
    void commandAnswersEqualTheStoredInvoice() {
        String customer = http.customer("Initech");
        var created = http.post("/v1/invoices", """
                {"customerId": "%s", "currency": "EUR", "metadata": {"z": "1", "a": "2", "m": "3"},
                 "lineItems": [{"description": "Audit", "kind": "service", "quantity": "2.50", "unitPrice": "80.10",
                                "taxRatePercent": "19.0"}]}""".formatted(customer));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(http.get("/v1/invoices/" + id).json()).isEqualTo(created.json());
        var added = http.post("/v1/invoices/" + id + "/line-items", """
                {"description": "Travel", "kind": "expense", "quantity": 1, "unitPrice": "12.00"}""");
        var afterAdd = http.get("/v1/invoices/" + id);
        assertThat(afterAdd.json()).isEqualTo(added.json());
        assertThat(afterAdd.header("ETag")).isEqualTo(added.header("ETag")).isEqualTo("\"2\"");
        var issued = http.post("/v1/invoices/" + id + "/issue", null);
        assertThat(issued.text("status")).isEqualTo("open");
        var afterIssue = http.get("/v1/invoices/" + id);
        assertThat(afterIssue.json()).isEqualTo(issued.json());
        assertThat(afterIssue.header("ETag")).isEqualTo(issued.header("ETag")).isEqualTo("\"3\"");
    }

    /** {@code "issue": true}: one request creates and issues, with the events of the two-step path. */
    @Test
    void createsAnIssuedInvoiceInOneRequest() {
        String customer = http.customer("Hooli");
        var created = http.post("/v1/invoices", """
                {"customerId": "%s", "currency": "USD", "issue": true,
                 "lineItems": [{"description": "Retainer", "kind": "service", "quantity": "1", "unitPrice": "900.00"}]}""".formatted(customer));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.header("Location")).isEqualTo("/v1/invoices/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"2\"");
        assertThat(created.text("status")).isEqualTo("open");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(created.text("number")).startsWith(today.getYear() + "-");
        assertThat(created.text("issueDate")).isEqualTo(today.toString());
        assertThat(created.text("amountDue")).isEqualTo("900.00");
        assertThat(http.get("/v1/invoices/" + id).json()).isEqualTo(created.json());
        List<String> types = new ArrayList<>();
        http.get("/v1/invoices/" + id + "/history").json().get("data").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly("InvoiceCreated", "InvoiceIssued");

        var refused = http.post("/v1/invoices", """
                {"customerId": "%s", "currency": "USD", "issue": true}""".formatted(customer));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("invoice_has_no_lines");
        String later = http.draft(customer);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> listed = new ArrayList<>();
            http.get("/v1/invoices?customerId=" + customer + "&limit=100").json().get("data")
                    .forEach(i -> listed.add(i.get("id").asText()));
            assertThat(listed).as("the refused invoice left no draft behind").containsExactlyInAnyOrder(id, later);
        });
    }

    @Test
    void createAddLinesIssueThenHistoryAndAsOf() {
        String customer = http.customer("Globex");
        var created = http.post("/v1/invoices", """
                {"customerId": "%s", "currency": "USD", "notes": "Thanks!",
                 "lineItems": [{"description": "Design", "kind": "service", "quantity": "12.5", "unit": "hour",
                                "unitPrice": "130.00", "taxRatePercent": "19"}]}""".formatted(customer));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(id).startsWith("inv_");
        assertThat(created.header("Location")).isEqualTo("/v1/invoices/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.text("status")).isEqualTo("draft");
        assertThat(created.text("number")).isNull();
        assertThat(created.json().get("customer").get("name").asText()).isEqualTo("Globex");

        var added = http.post("/v1/invoices/" + id + "/line-items", """
                {"description": "Hosting", "kind": "expense", "quantity": 1, "unitPrice": "49.99",
                 "taxRatePercent": "7"}""");
        assertThat(added.status()).isEqualTo(201);
        http.post("/v1/invoices/" + id + "/line-items", """
                {"description": "API credits", "kind": "expense", "quantity": "3", "unitPrice": "0.335"}""");
        var untaxed = http.post("/v1/invoices/" + id + "/line-items", """
                {"description": "API credits", "kind": "expense", "quantity": "3", "unitPrice": "0.33"}""");
        assertThat(untaxed.status()).isEqualTo(201);

        var draft = http.get("/v1/invoices/" + id);
        // 12.5 × 130.00 = 1625.00 at 19 % → 308.75; 49.99 at 7 % → 3.4993 → 3.50; 3 × 0.33 = 0.99 untaxed
        assertThat(draft.text("subtotal")).isEqualTo("1675.98");
        assertThat(draft.text("taxTotal")).isEqualTo("312.25");
        assertThat(draft.text("total")).isEqualTo("1988.23");
        assertThat(draft.text("amountDue")).isEqualTo("1988.23");
        assertThat(draft.json().get("taxBreakdown")).hasSize(2);
        assertThat(draft.json().get("taxBreakdown").get(0).get("ratePercent").asText()).isEqualTo("7");
        assertThat(draft.json().get("lineItems").get(0).get("amount").asText()).isEqualTo("1625.00");
        assertThat(draft.json().get("version").asLong()).isEqualTo(3);

        var issued = http.post("/v1/invoices/" + id + "/issue", null);
        assertThat(issued.status()).isEqualTo(200);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(issued.text("status")).isEqualTo("open");
        assertThat(issued.text("number")).isEqualTo(today.getYear() + "-001");
        assertThat(issued.text("issueDate")).isEqualTo(today.toString());
        assertThat(issued.text("dueDate")).isEqualTo(today.plusDays(14).toString());
        assertThat(issued.json().get("seller").get("name").asText()).isEqualTo("Acme Studio");
        assertThat(issued.json().get("paymentTermsDays").asInt()).isEqualTo(14);

        var history = http.get("/v1/invoices/" + id + "/history");
        List<String> types = new ArrayList<>();
        history.json().get("data").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly("InvoiceCreated", "LineItemAdded", "LineItemAdded", "InvoiceIssued");
        JsonNode first = history.json().get("data").get(0);
        assertThat(first.get("sequence").asLong()).isEqualTo(1);
        assertThat(first.get("actor").get("type").asText()).isEqualTo("user");
        assertThat(first.get("actor").get("id").asText()).isEqualTo("usr_1");
        assertThat(first.get("data").get("invoiceId").asText()).isEqualTo(id);

        String beforeIssue = history.json().get("data").get(2).get("occurredAt").asText();
        var asOf = http.get("/v1/invoices/" + id + "?asOf=" + beforeIssue);
        assertThat(asOf.status()).isEqualTo(200);
        assertThat(asOf.text("status")).isEqualTo("draft");
        assertThat(asOf.json().get("lineItems")).hasSize(3);
        assertThat(asOf.json().get("version").asLong()).isEqualTo(3);

        String created0 = first.get("occurredAt").asText();
        var asOfCreation = http.get("/v1/invoices/" + id + "?asOf=" + created0);
        assertThat(asOfCreation.json().get("lineItems")).hasSize(1);
        assertThat(http.get("/v1/invoices/" + id + "?asOf=2001-01-01T00:00:00Z").status()).isEqualTo(404);
        var malformed = http.get("/v1/invoices/" + id + "?asOf=yesterday");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("code")).isEqualTo("malformed_request");
    }

    @Test
    void draftOnlyEditsAndIssueGuards() {
        String id = http.draft();
        var patched = http.patch("/v1/invoices/" + id, "{\"notes\": \"Net 30\"}", Map.of("If-Match", "\"1\""));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("notes")).isEqualTo("Net 30");
        assertThat(patched.header("ETag")).isEqualTo("\"2\"");
        var stale = http.patch("/v1/invoices/" + id, "{\"notes\": \"x\"}", Map.of("If-Match", "\"1\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.text("code")).isEqualTo("version_mismatch");

        String lineId = patched.json().get("lineItems").get(0).get("id").asText();
        var removed = http.delete("/v1/invoices/" + id + "/line-items/" + lineId);
        assertThat(removed.status()).isEqualTo(204);
        var noLines = http.post("/v1/invoices/" + id + "/issue", "{}");
        assertThat(noLines.status()).isEqualTo(409);
        assertThat(noLines.text("code")).isEqualTo("invoice_has_no_lines");

        http.post("/v1/invoices/" + id + "/line-items", """
                {"description": "Work", "kind": "service", "quantity": "2", "unitPrice": "100"}""");
        var issued = http.post("/v1/invoices/" + id + "/issue", "{}");
        assertThat(issued.status()).isEqualTo(200);
        var edit = http.patch("/v1/invoices/" + id, "{\"notes\": \"late\"}", Map.of());
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.text("code")).isEqualTo("invoice_not_draft");
        assertThat(http.delete("/v1/invoices/" + id).status()).isEqualTo(409);
        assertThat(http.post("/v1/invoices/" + id + "/issue", "{}").text("code")).isEqualTo("invoice_not_draft");

        var voided = http.post("/v1/invoices/" + id + "/void", "{\"reason\": \"sent by mistake\"}");
        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.text("status")).isEqualTo("void");
        assertThat(voided.text("voidedAt")).isNotNull();
    }

    @Test
    void deletedDraftsAndOtherTenantsInvoicesAreNotFound() {
        String id = http.draft();
        InvoiceHttp other = new InvoiceHttp(tokens, port);
        assertThat(other.get("/v1/invoices/" + id).status()).isEqualTo(404);
        assertThat(other.get("/v1/invoices/" + id + "/history").status()).isEqualTo(404);
        assertThat(other.post("/v1/invoices/" + id + "/issue", "{}").status()).isEqualTo(404);
        assertThat(other.patch("/v1/invoices/" + id, "{\"notes\": \"x\"}", Map.of()).status()).isEqualTo(404);

        assertThat(http.delete("/v1/invoices/" + id).status()).isEqualTo(204);
        assertThat(http.get("/v1/invoices/" + id).status()).isEqualTo(404);
        assertThat(http.post("/v1/invoices/" + id + "/issue", "{}").status()).isEqualTo(404);
        assertThat(http.get("/v1/invoices/inv_doesnotexist").status()).isEqualTo(404);
    }

    @Test
    void issueInThePastIsOverdueAtOnceAndChargesLateFeesFromDurableDeadlines() {
        String customer = http.customer("Initech");
        var created = http.post("/v1/invoices", """
                {"customerId": "%s", "currency": "EUR", "dueInDays": 10, "lateFeePercentPerMonth": "1.5",
                 "lineItems": [{"description": "Audit", "kind": "service", "quantity": "1", "unitPrice": "1000.00",
                                "taxRatePercent": "20"}]}""".formatted(customer));
        String id = created.text("id");
        LocalDate issueDate = LocalDate.now(ZoneOffset.UTC).minusDays(85);
        var issued = http.post("/v1/invoices/" + id + "/issue", "{\"issueDate\": \"" + issueDate + "\"}");
        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.text("status")).isEqualTo("overdue");
        // subscribers learn of it like of any other way into overdue: one InvoiceBecameOverdue (invoice.overdue)
        assertThat(http.get("/v1/invoices/" + id + "/history").json().get("data").findValuesAsText("type"))
                .containsSubsequence("InvoiceIssued", "InvoiceBecameOverdue")
                .filteredOn("InvoiceBecameOverdue"::equals).hasSize(1);
        // 75 days past due: two full calendar months, 1.5 % of 1200.00 each
        long months = java.time.temporal.ChronoUnit.MONTHS.between(issueDate.plusDays(10),
                LocalDate.now(ZoneOffset.UTC).minusDays(1));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/v1/invoices/" + id).text("lateFees"))
                        .isEqualTo(new java.math.BigDecimal("18.00").multiply(java.math.BigDecimal.valueOf(months))
                                .toPlainString()));
        var now = http.get("/v1/invoices/" + id);
        assertThat(now.text("total")).isEqualTo(new java.math.BigDecimal("1200.00")
                .add(new java.math.BigDecimal("18.00").multiply(java.math.BigDecimal.valueOf(months))).toPlainString());
        var history = http.get("/v1/invoices/" + id + "/history");
        JsonNode last = history.json().get("data").get(history.json().get("data").size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("LateFeeAssessed");
        assertThat(last.get("actor").get("type").asText()).isEqualTo("system");
    }
}
