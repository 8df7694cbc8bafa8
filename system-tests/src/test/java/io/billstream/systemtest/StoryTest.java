package io.billstream.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.systemtest.support.Deliveries;
import io.billstream.systemtest.support.Invariants;
import io.billstream.systemtest.support.Reply;
import io.billstream.systemtest.support.Report;
import io.billstream.systemtest.support.SystemStack;
import io.billstream.systemtest.support.Tenant;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The product story of docs/api-reference.md §3–§8, told through the gateway only, with a real subscriber: from signup to a
 * refund that reopens a paid invoice.
 */
@Order(1)
class StoryTest extends SystemTestBase {

    private static final String HOOK = "story";

    @Test
    void signupToRefundThroughTheGateway() throws Exception {
        Instant begin = Instant.now();

        // signup -> login -> API key
        Tenant tenant = Tenant.signUp("story");

        // settings (PUT replaces the document)
        Reply settings = tenant.putSettings("EUR", "1.5");
        assertThat(settings.status()).as(settings.describe()).isEqualTo(200);
        assertThat(settings.json().path("seller").path("name").asText()).isEqualTo("Acme Studio GmbH");
        assertThat(settings.json().path("paymentTermsDays").asInt()).isEqualTo(14);
        assertThat(tenant.key().get("/v1/settings").str("defaultCurrency")).isEqualTo("EUR");

        // a subscriber for every event type
        String[] endpoint = tenant.registerEndpoint(receiver.url(HOOK), List.of("*"));
        receiver.secret(HOOK, endpoint[1]);

        // customer
        Map<String, Object> customerBody = new LinkedHashMap<>();
        customerBody.put("name", "Globex Corporation");
        customerBody.put("email", "ap@globex.example");
        customerBody.put("address", Map.of("line1", "Königsallee 12", "city", "Düsseldorf", "postalCode", "40212",
                "country", "DE"));
        customerBody.put("taxId", "DE987654321");
        customerBody.put("locale", "de-DE");
        Reply customer = tenant.key().postReliably("/v1/customers", customerBody);
        assertThat(customer.status()).as(customer.describe()).isEqualTo(201);
        String customerId = customer.str("id");
        assertThat(customerId).startsWith("cus_");
        assertThat(customer.header("Location")).isPresent();

        // draft with a service line, then an expense line added to it
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("description", "Backend development: payment reconciliation");
        service.put("kind", "service");
        service.put("quantity", "12.5");
        service.put("unit", "hour");
        service.put("unitPrice", "100.00");
        service.put("taxRatePercent", "19");
        service.put("reference", "Feature #12");
        service.put("period", Map.of("start", "2026-10-01", "end", "2026-10-31"));
        Reply draft = tenant.key().postReliably("/v1/invoices", Map.of("customerId", customerId, "currency", "EUR",
                "lineItems", List.of(service), "reference", "PO-4711",
                "notes", "Thanks for the **great** collaboration."));
        assertThat(draft.status()).as(draft.describe()).isEqualTo(201);
        assertThat(draft.str("status")).isEqualTo("draft");
        assertThat(draft.str("number")).isNull();
        String invoiceId = draft.str("id");
        assertThat(invoiceId).startsWith("inv_");

        Reply expense = tenant.key().postReliably("/v1/invoices/" + invoiceId + "/line-items", Map.of(
                "description", "Cloud hosting (AWS), October", "kind", "expense", "quantity", "1",
                "unit", "month", "unitPrice", "49.99", "reference", "AWS-2026-10"));
        assertThat(expense.status()).as(expense.describe()).isIn(200, 201);

        Reply drafted = tenant.key().get("/v1/invoices/" + invoiceId);
        assertThat(drafted.status()).as(drafted.describe()).isEqualTo(200);
        assertThat(drafted.json().path("lineItems")).hasSize(2);
        assertThat(drafted.json().path("lineItems").get(0).path("amount").asText()).isEqualTo("1250.00");
        assertThat(drafted.json().path("lineItems").get(1).path("kind").asText()).isEqualTo("expense");
        assertThat(drafted.str("subtotal")).isEqualTo("1299.99");
        assertThat(drafted.str("taxTotal")).isEqualTo("237.50");
        assertThat(drafted.json().path("taxBreakdown")).hasSize(1);
        assertThat(drafted.json().path("taxBreakdown").get(0).path("base").asText()).isEqualTo("1250.00");
        assertThat(drafted.str("total")).isEqualTo("1537.49");

        // issue: number and due date
        Reply issued = tenant.issue(invoiceId);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String number = today.getYear() + "-001";
        assertThat(issued.str("status")).isEqualTo("open");
        assertThat(issued.str("number")).isEqualTo(number);
        assertThat(issued.str("issueDate")).isEqualTo(today.toString());
        assertThat(issued.str("dueDate")).isEqualTo(today.plusDays(14).toString());
        assertThat(issued.str("amountDue")).isEqualTo("1537.49");
        assertThat(issued.json().path("seller").path("name").asText()).isEqualTo("Acme Studio GmbH");
        Report.line("story", "issued " + number + " (" + invoiceId + "), due " + issued.str("dueDate"));

        // the PDF is downloadable
        AtomicReference<Reply> pdf = new AtomicReference<>();
        await("PDF of " + number).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Reply reply = tenant.key().get("/v1/invoices/" + invoiceId + "/pdf");
                    assertThat(reply.status()).as(reply.describe()).isEqualTo(200);
                    pdf.set(reply);
                });
        Reply document = pdf.get();
        assertThat(document.header("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(new String(document.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(document.header("Content-Disposition").orElse(""))
                .contains("filename=\"invoice-" + number + ".pdf\"");
        String etag = document.header("ETag").orElseThrow();
        Reply notModified = tenant.key().get("/v1/invoices/" + invoiceId + "/pdf", "If-None-Match", etag);
        assertThat(notModified.status()).as(notModified.describe()).isEqualTo(304);
        Path saved = SystemStack.ROOT.resolve("system-tests/target/story/invoice-" + number + ".pdf");
        Files.createDirectories(saved.getParent());
        Files.write(saved, document.body());
        String text = pdfText(saved);
        if (text != null) {
            assertThat(text).contains(number, "Globex Corporation", "Acme Studio GmbH", "Professional services",
                    "Pass-through expenses", "Feature #12");
        }
        Report.line("story", "PDF " + document.body().length + " bytes saved to " + saved);

        // partial payment; asOf is taken between issue and the first payment
        Instant beforePayments = Instant.now();
        Reply partial = tenant.key().postReliably("/v1/payments", Map.of("invoiceId", invoiceId, "amount", "500.00",
                "currency", "EUR", "method", "card", "reference", "story-partial"));
        assertThat(partial.status()).as(partial.describe()).isEqualTo(201);
        assertThat(partial.str("id")).startsWith("pay_");
        assertThat(partial.str("status")).isEqualTo("succeeded");
        assertThat(partial.str("amount")).isEqualTo("500.00");
        await("amountPaid 500.00").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply invoice = tenant.key().get("/v1/invoices/" + invoiceId);
            assertThat(invoice.str("amountPaid")).as(invoice.describe()).isEqualTo("500.00");
            assertThat(invoice.str("amountDue")).isEqualTo("1037.49");
            assertThat(invoice.str("status")).isEqualTo("open");
        });

        // full payment -> paid
        Reply rest = tenant.key().postReliably("/v1/payments", Map.of("invoiceId", invoiceId, "amount", "1037.49",
                "currency", "EUR", "method", "bank_transfer", "reference", "story-rest"));
        assertThat(rest.status()).as(rest.describe()).isEqualTo(201);
        await("invoice paid").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply invoice = tenant.key().get("/v1/invoices/" + invoiceId);
            assertThat(invoice.str("status")).as(invoice.describe()).isEqualTo("paid");
            assertThat(invoice.str("amountDue")).isEqualTo("0.00");
            assertThat(invoice.str("paidAt")).isNotNull();
        });

        // webhooks invoice.issued, payment.recorded (x2), invoice.paid, with valid signatures
        await("webhooks of the story").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Deliveries hooks = receiver.of(HOOK);
            assertThat(hooks.subjects("invoice.issued")).contains(invoiceId);
            assertThat(hooks.subjects("payment.recorded")).contains(partial.str("id"), rest.str("id"));
            assertThat(hooks.subjects("invoice.paid")).contains(invoiceId);
        });
        Deliveries hooks = receiver.of(HOOK);
        assertThat(hooks.badSignatures()).isEmpty();
        assertThat(hooks.duplicateMessages()).isEmpty();
        JsonNode paidEvent = hooks.ofType("invoice.paid").get(0).data();
        assertThat(paidEvent.path("number").asText()).isEqualTo(number);
        assertThat(paidEvent.path("status").asText()).isEqualTo("paid");
        JsonNode issuedEvent = hooks.ofType("invoice.issued").get(0).json();
        assertThat(issuedEvent.path("timestamp").asText()).isNotEmpty();
        assertThat(issuedEvent.path("data").path("amountDue").asText()).isEqualTo("1537.49");

        // history in order; asOf before the payments shows the invoice open and unpaid
        Reply history = tenant.key().get("/v1/invoices/" + invoiceId + "/history");
        assertThat(history.status()).as(history.describe()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        long previous = 0;
        for (JsonNode entry : history.json().path("data")) {
            types.add(entry.path("type").asText());
            assertThat(entry.path("sequence").asLong()).as("sequence order").isGreaterThan(previous);
            previous = entry.path("sequence").asLong();
        }
        assertThat(types).as("history types").containsSubsequence("InvoiceCreated", "InvoiceIssued",
                "PaymentApplied", "PaymentApplied", "InvoicePaid");
        assertThat(types.indexOf("InvoiceIssued")).isGreaterThan(types.indexOf("LineItemAdded"));
        JsonNode issuedEntry = history.json().path("data").get(types.indexOf("InvoiceIssued"));
        assertThat(issuedEntry.path("actor").path("type").asText()).isEqualTo("api_key");

        Reply asOf = tenant.key().get("/v1/invoices/" + invoiceId + "?asOf=" + beforePayments);
        assertThat(asOf.status()).as(asOf.describe()).isEqualTo(200);
        assertThat(asOf.str("status")).isEqualTo("open");
        assertThat(asOf.str("amountPaid")).isEqualTo("0.00");
        assertThat(asOf.str("number")).isEqualTo(number);
        Reply beforeCreation = tenant.key().get("/v1/invoices/" + invoiceId + "?asOf=" + begin.minusSeconds(60));
        assertThat(beforeCreation.status()).as(beforeCreation.describe()).isEqualTo(404);

        // a refund reopens the invoice
        Reply refund = tenant.key().postReliably("/v1/payments/" + rest.str("id") + "/refunds",
                Map.of("amount", "100.00", "reason", "Discount agreed after delivery"));
        assertThat(refund.status()).as(refund.describe()).isEqualTo(201);
        assertThat(refund.str("id")).startsWith("ref_");
        await("refund reopens the invoice").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply invoice = tenant.key().get("/v1/invoices/" + invoiceId);
            assertThat(invoice.str("status")).as(invoice.describe()).isEqualTo("open");
            assertThat(invoice.str("amountDue")).isEqualTo("100.00");
            assertThat(invoice.str("amountPaid")).isEqualTo("1437.49");
        });

        // notifications: invoice paid and payment refunded, readable by the admin user too
        await("notifications").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply feed = tenant.user().get("/v1/notifications");
            assertThat(feed.status()).as(feed.describe()).isEqualTo(200);
            List<String> kinds = new ArrayList<>();
            feed.json().path("data").forEach(n -> kinds.add(n.path("type").asText()));
            assertThat(kinds).contains("invoice.paid", "payment.refunded");
        });
        Reply unread = tenant.key().get("/v1/notifications?unread=true");
        assertThat(unread.json().path("data").size()).isGreaterThanOrEqualTo(2);
        String notificationId = unread.json().path("data").get(0).path("id").asText();
        assertThat(notificationId).startsWith("ntf_");
        Reply read = tenant.key().post("/v1/notifications/" + notificationId + "/read", null);
        assertThat(read.status()).as(read.describe()).isEqualTo(200);
        assertThat(read.json().path("read").asBoolean()).isTrue();

        await("payment.refunded delivered").atMost(Duration.ofSeconds(60))
                .until(() -> !receiver.of(HOOK).ofType("payment.refunded").isEmpty());
        Invariants.Figures figures = new Invariants(tenant, receiver, HOOK)
                .check(List.of(invoiceId), List.of(partial.str("id"), rest.str("id")), false);
        Deliveries all = receiver.of(HOOK);
        Report.line("story", "webhook types received: " + all.all().stream().map(d -> d.type()).distinct().sorted()
                .toList());
        Report.line("story", "invariants: " + figures);
        Report.line("story", "took " + Duration.between(begin, Instant.now()).toMillis() + " ms");
    }

    /** The PDF's text with pdftotext (poppler-utils) when it is installed; null otherwise. */
    private static String pdfText(Path pdf) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-").redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        byte[] out = process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0
                ? new String(out, StandardCharsets.UTF_8) : null;
    }
}
