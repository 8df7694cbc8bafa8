package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.events.data.PaymentData;
import io.billstream.platform.events.data.RefundData;
import io.billstream.platform.events.data.RefundFailureData;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** docs/api-reference.md §13 through invoice-service's HTTP API, its event store, its read model and Kafka. */
@ServiceIntegrationTest
class CreditNoteApiTest {

    private static final String SETTINGS = """
            {"seller": {"name": "Acme Studio", "email": "billing@acme.example",
                        "address": {"line1": "Torstraße 5", "city": "Berlin", "postalCode": "10119", "country": "DE"}},
             "creditNoteNumberFormat": "%s"}""";

    @Autowired
    InternalTokenService tokens;
    @Autowired
    IntegrationEventCodec codec;
    @Value("${local.server.port}")
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    void creditsAPartlyPaidInvoiceBeyondItsAmountDueAndTracksTheRefund() throws Exception {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String id = http.draft();
        var issued = http.post("/v1/invoices/" + id + "/issue", "{}");
        String lineId = issued.json().get("lineItems").get(0).get("id").asText();
        try (KafkaProbe probe = new KafkaProbe(brokers, Topics.INVOICE)) {
            probe.send(Topics.PAYMENT, id, payment(http.tenant, id, "pay_cn1", "1000.00", null));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(http.get("/v1/invoices/" + id).text("amountPaid")).isEqualTo("1000.00"));
            Instant beforeCredit = Instant.now();

            // 4 of 10 hours: 600.00 + 114.00 tax = 714.00; 785.00 is due, so it all lowers the amount due
            var first = http.post("/v1/invoices/" + id + "/credit-notes", """
                    {"lines": [{"lineItemId": "%s", "quantity": "4"}], "reason": "order_change",
                     "memo": "Four hours were not worked."}""".formatted(lineId));
            assertThat(first.status()).isEqualTo(201);
            String cn1 = first.text("id");
            assertThat(cn1).startsWith("cn_");
            assertThat(first.header("Location")).isEqualTo("/v1/credit-notes/" + cn1);
            int year = LocalDate.now(ZoneOffset.UTC).getYear();
            assertThat(first.text("number")).isEqualTo("CN-" + year + "-001");
            assertThat(first.text("invoiceId")).isEqualTo(id);
            assertThat(first.json().get("lines").get(0).get("lineItemId").asText()).isEqualTo(lineId);
            assertThat(first.json().get("lines").get(0).get("quantity").asText()).isEqualTo("4");
            assertThat(first.json().get("lines").get(0).get("amount").asText()).isEqualTo("600.00");
            assertThat(first.json().get("taxBreakdown").get(0).get("tax").asText()).isEqualTo("114.00");
            assertThat(first.text("total")).isEqualTo("714.00");
            assertThat(first.text("creditedAmount")).isEqualTo("714.00");
            assertThat(first.text("refundAmount")).isEqualTo("0.00");
            assertThat(first.text("refundStatus")).isEqualTo("none");
            assertThat(first.text("issueDate")).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
            var invoice = http.get("/v1/invoices/" + id);
            assertThat(invoice.text("amountCredited")).isEqualTo("714.00");
            assertThat(invoice.text("amountDue")).isEqualTo("71.00");
            assertThat(invoice.text("status")).isEqualTo("open");

            // the rest of the line: 6 hours, 1071.00; 71.00 lowers the amount due, 1000.00 is refunded
            var second = http.post("/v1/invoices/" + id + "/credit-notes", """
                    {"lines": [{"lineItemId": "%s"}], "reason": "product_unsatisfactory"}""".formatted(lineId));
            assertThat(second.status()).isEqualTo(201);
            String cn2 = second.text("id");
            assertThat(second.text("number")).isEqualTo("CN-" + year + "-002");
            assertThat(second.text("total")).isEqualTo("1071.00");
            assertThat(second.text("creditedAmount")).isEqualTo("71.00");
            assertThat(second.text("refundAmount")).isEqualTo("1000.00");
            assertThat(second.text("refundStatus")).isEqualTo("pending");
            var paid = http.get("/v1/invoices/" + id);
            assertThat(paid.text("status")).isEqualTo("paid");
            assertThat(paid.text("amountCredited")).isEqualTo("1785.00");
            assertThat(paid.text("amountDue")).isEqualTo("0.00");

            // nothing left to credit
            var over = http.post("/v1/invoices/" + id + "/credit-notes", """
                    {"amount": "0.01", "reason": "other"}""");
            assertThat(over.status()).isEqualTo(422);
            assertThat(over.text("code")).isEqualTo("credit_exceeds_invoice");

            // history and asOf
            List<String> types = new ArrayList<>();
            http.get("/v1/invoices/" + id + "/history").json().get("data")
                    .forEach(e -> types.add(e.get("type").asText()));
            assertThat(types).containsExactly("InvoiceCreated", "InvoiceIssued", "PaymentApplied",
                    "CreditNoteIssued", "CreditNoteIssued", "InvoicePaid");
            var before = http.get("/v1/invoices/" + id + "?asOf=" + beforeCredit);
            assertThat(before.text("amountCredited")).isEqualTo("0.00");
            assertThat(before.text("amountDue")).isEqualTo("785.00");

            // Kafka: invoice.updated then credit_note.issued with the whole credit note, then invoice.paid
            List<ConsumerRecord<String, String>> records = probe.await(r -> id.equals(r.key())
                    && r.value().contains("CN-" + year + "-002"), 2, Duration.ofSeconds(30));
            List<IntegrationEvent> events = records.stream().map(r -> codec.decode(r.value())).toList();
            assertThat(events).extracting(IntegrationEvent::type)
                    .containsExactly(EventTypes.INVOICE_UPDATED, EventTypes.CREDIT_NOTE_ISSUED);
            JsonNode note = events.get(1).data();
            assertThat(events.get(1).subject()).isEqualTo(cn2);
            assertThat(events.get(1).id()).startsWith("evt_").isNotEqualTo(events.get(0).id());
            assertThat(note.get("invoiceNumber").asText()).isEqualTo(issued.text("number"));
            assertThat(note.get("invoiceIssueDate").asText()).isEqualTo(issued.text("issueDate"));
            assertThat(note.get("seller").get("name").asText()).isEqualTo("Acme Studio");
            assertThat(note.get("customer").get("name").asText()).isEqualTo("Globex");
            assertThat(note.get("lines").get(0).get("kind").asText()).isEqualTo("service");
            assertThat(note.get("lines").get(0).get("taxCategory").asText()).isEqualTo("S");
            assertThat(note.get("refundAmount").asText()).isEqualTo("1000.00");
            assertThat(events.get(0).data().get("amountCredited").asText()).isEqualTo("1785.00");
            assertThat(events.get(0).data().get("change").get("creditNoteId").asText()).isEqualTo(cn2);

            // payment-service pays the refund out (twice delivered: applied once)
            String refund = payment(http.tenant, id, "pay_cn1", "1000.00",
                    new RefundData("ref_cn1", "pay_cn1", "1000.00", "credit note", Instant.now(), cn2));
            probe.send(Topics.PAYMENT, id, refund);
            probe.send(Topics.PAYMENT, id, refund);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(http.get("/v1/credit-notes/" + cn2).text("refundStatus")).isEqualTo("succeeded"));
            var settled = http.get("/v1/invoices/" + id);
            assertThat(settled.text("amountPaid")).isEqualTo("0.00");
            assertThat(settled.text("amountDue")).isEqualTo("0.00");
            assertThat(settled.text("status")).isEqualTo("paid");
        }

        // lists (read model): by invoice, by customer, newest first, with a cursor
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(http.get("/v1/credit-notes?invoiceId=" + id).json().get("data")).hasSize(2));
        var page = http.get("/v1/credit-notes?invoiceId=" + id + "&limit=1");
        assertThat(page.json().get("data").get(0).get("number").asText()).endsWith("-002");
        var next = http.get("/v1/credit-notes?invoiceId=" + id + "&limit=1&cursor=" + page.text("nextCursor"));
        assertThat(next.json().get("data").get(0).get("number").asText()).endsWith("-001");
        assertThat(next.json().get("nextCursor").isNull()).isTrue();
        String customerId = http.get("/v1/invoices/" + id).text("customerId");
        assertThat(http.get("/v1/credit-notes?customerId=" + customerId).json().get("data")).hasSize(2);
        // another tenant sees nothing
        InvoiceHttp other = new InvoiceHttp(tokens, port);
        String cn = page.json().get("data").get(0).get("id").asText();
        assertThat(other.get("/v1/credit-notes/" + cn).status()).isEqualTo(404);
        assertThat(other.get("/v1/credit-notes?invoiceId=" + id).json().get("data")).isEmpty();
        assertThat(other.post("/v1/invoices/" + id + "/credit-notes", "{\"amount\": \"1.00\", \"reason\": \"other\"}")
                .status()).isEqualTo(404);
    }

    @Test
    void aRefundThatCannotBeMadeShowsOnTheCreditNote() {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String id = http.draft();
        http.post("/v1/invoices/" + id + "/issue", "{}");
        try (KafkaProbe probe = new KafkaProbe(brokers)) {
            probe.send(Topics.PAYMENT, id, payment(http.tenant, id, "pay_cnf", "1785.00", null));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(http.get("/v1/invoices/" + id).text("status")).isEqualTo("paid"));
            var credit = http.post("/v1/invoices/" + id + "/credit-notes", """
                    {"amount": "119.00", "reason": "other"}""");
            assertThat(credit.status()).isEqualTo(201);
            assertThat(credit.text("refundAmount")).isEqualTo("119.00");
            String cn = credit.text("id");
            RefundFailureData failure = new RefundFailureData(cn, id, "USD", "119.00", "0.00", "119.00",
                    "no refundable payment", Instant.now());
            String event = codec.encode(IntegrationEvent.of("evt_fail" + cn, "billstream/payment-service",
                    EventTypes.PAYMENT_REFUND_FAILED, cn, Instant.now(), http.tenant, 1, codec.toTree(failure)));
            probe.send(Topics.PAYMENT, id, event);
            probe.send(Topics.PAYMENT, id, event);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(http.get("/v1/credit-notes/" + cn).text("refundStatus")).isEqualTo("failed"));
        }
        List<String> types = new ArrayList<>();
        http.get("/v1/invoices/" + id + "/history").json().get("data").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsOnlyOnce("CreditNoteRefundFailed");
    }

    @Test
    void badInputIsAProblemAndStoresNothing() {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String draft = http.draft();
        String lineId = http.get("/v1/invoices/" + draft).json().get("lineItems").get(0).get("id").asText();
        var onDraft = http.post("/v1/invoices/" + draft + "/credit-notes", """
                {"lines": [{"lineItemId": "%s"}], "reason": "other"}""".formatted(lineId));
        assertThat(onDraft.status()).isEqualTo(409);
        assertThat(onDraft.text("code")).isEqualTo("invoice_not_creditable");
        assertThat(onDraft.header("Content-Type")).startsWith("application/problem+json");

        String voided = http.draft();
        http.post("/v1/invoices/" + voided + "/issue", "{}");
        http.post("/v1/invoices/" + voided + "/void", "{\"reason\": \"duplicate\"}");
        assertThat(http.post("/v1/invoices/" + voided + "/credit-notes",
                "{\"amount\": \"1.00\", \"reason\": \"other\"}")
                .text("code")).isEqualTo("invoice_not_creditable");

        String id = http.draft();
        var issued = http.post("/v1/invoices/" + id + "/issue", "{}");
        long version = issued.json().get("version").asLong();
        expect(http.post("/v1/invoices/" + id + "/credit-notes", """
                {"lines": [{"lineItemId": "li_nope", "quantity": "1"}], "reason": "other"}"""), 422,
                "validation_failed", "lines[0].lineItemId");
        expect(http.post("/v1/invoices/" + id + "/credit-notes", """
                {"lines": [{"lineItemId": "%s", "quantity": "10.5"}], "reason": "other"}""".formatted(lineId(issued))),
                422, "validation_failed", "lines[0].quantity");
        expect(http.post("/v1/invoices/" + id + "/credit-notes", """
                {"amount": "-1.00", "reason": "other"}"""), 422, "amount_not_positive", null);
        expect(http.post("/v1/invoices/" + id + "/credit-notes", """
                {"amount": 0, "reason": "other"}"""), 422, "amount_not_positive", null);
        expect(http.post("/v1/invoices/" + id + "/credit-notes", """
                {"amount": "1785.01", "reason": "other"}"""), 422, "credit_exceeds_invoice", null);
        expect(http.post("/v1/invoices/" + id + "/credit-notes", """
                {"amount": "1.001", "reason": "other"}"""), 422, "validation_failed", "amount");
        expect(http.post("/v1/invoices/" + id + "/credit-notes", """
                {"amount": "10.00", "reason": "because"}"""), 422, "validation_failed", "reason");
        expect(http.post("/v1/invoices/" + id + "/credit-notes", """
                {"amount": "10.00"}"""), 422, "validation_failed", "reason");
        expect(http.post("/v1/invoices/" + id + "/credit-notes", """
                {"amount": "1E+999999999", "reason": "other"}"""), 422, "validation_failed", "amount");
        expect(http.post("/v1/invoices/" + id + "/credit-notes", """
                {"amount": "10.00", "reason": "other", "colour": "red"}"""), 400, "unknown_field", null);
        expect(http.post("/v1/invoices/" + id + "/credit-notes", "{\"amount\": "), 400, "malformed_json", null);
        expect(http.post("/v1/invoices/inv_nope/credit-notes", """
                {"amount": "10.00", "reason": "other"}"""), 404, "not_found", null);
        assertThat(http.get("/v1/invoices/" + id).json().get("version").asLong()).isEqualTo(version);
        assertThat(http.get("/v1/credit-notes/cn_nope").status()).isEqualTo(404);

        // a refused credit note took no number: the next one is -001
        var ok = http.post("/v1/invoices/" + id + "/credit-notes", "{\"amount\": \"10.00\", \"reason\": \"other\"}");
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.text("number")).endsWith("-001");
    }

    @Test
    void theNumberFormatComesFromSettings() {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        var put = http.send("PUT", "/v1/settings", SETTINGS.formatted("GS-{yy}-{seq:4}"), java.util.Map.of());
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.text("creditNoteNumberFormat")).isEqualTo("GS-{yy}-{seq:4}");
        assertThat(http.send("PUT", "/v1/settings", SETTINGS.formatted("CN-{yyy}"), java.util.Map.of())
                .status()).isEqualTo(422);
        String id = http.draft();
        http.post("/v1/invoices/" + id + "/issue", "{}");
        var note = http.post("/v1/invoices/" + id + "/credit-notes", "{\"amount\": \"5.00\", \"reason\": \"other\"}");
        int yy = LocalDate.now(ZoneOffset.UTC).getYear() % 100;
        assertThat(note.text("number")).isEqualTo("GS-%02d-0001".formatted(yy));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameCreditNote() {
        // the gateway answers ordinary retries itself; this is the retry after a crash lost the first answer
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String id = http.draft();
        http.post("/v1/invoices/" + id + "/issue", "{}");
        String body = "{\"amount\": \"10.00\", \"reason\": \"other\"}";
        var first = http.send("POST", "/v1/invoices/" + id + "/credit-notes", body,
                java.util.Map.of("Idempotency-Key", "retry-1"));
        var again = http.send("POST", "/v1/invoices/" + id + "/credit-notes", body,
                java.util.Map.of("Idempotency-Key", "retry-1"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.text("number")).isEqualTo(first.text("number"));
        assertThat(http.get("/v1/invoices/" + id).text("amountCredited")).isEqualTo("10.00");
        var other = http.send("POST", "/v1/invoices/" + id + "/credit-notes", body,
                java.util.Map.of("Idempotency-Key", "retry-2"));
        assertThat(other.text("id")).isNotEqualTo(first.text("id"));
        assertThat(http.get("/v1/invoices/" + id).text("amountCredited")).isEqualTo("20.00");
    }

    private static String lineId(InvoiceHttp.Res invoice) {
        return invoice.json().get("lineItems").get(0).get("id").asText();
    }

    private static void expect(InvoiceHttp.Res res, int status, String code, String field) {
        assertThat(res.status()).as(res.json() == null ? "" : res.json().toString()).isEqualTo(status);
        assertThat(res.header("Content-Type")).startsWith("application/problem+json");
        assertThat(res.text("code")).isEqualTo(code);
        if (field != null) {
            List<String> fields = new ArrayList<>();
            res.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertThat(fields).contains(field);
        }
    }

    private String payment(String tenant, String invoiceId, String paymentId, String amount, RefundData refund) {
        PaymentData data = new PaymentData(paymentId, invoiceId, amount, "USD", "bank_transfer", null,
                "succeeded", Instant.now(), refund == null ? "0.00" : refund.amount(), Instant.now(), refund);
        String type = refund == null ? EventTypes.PAYMENT_RECORDED : EventTypes.PAYMENT_REFUNDED;
        String eventId = "evt_" + paymentId + (refund == null ? "" : refund.id());
        return codec.encode(IntegrationEvent.of(eventId, "billstream/payment-service", type, paymentId,
                Instant.now(), tenant, 1, codec.toTree(data)));
    }
}
