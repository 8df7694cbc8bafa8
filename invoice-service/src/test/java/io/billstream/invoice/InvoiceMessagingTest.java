package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.events.data.PaymentData;
import io.billstream.platform.events.data.RefundData;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class InvoiceMessagingTest {

    @Autowired
    InternalTokenService tokens;
    @Autowired
    IntegrationEventCodec codec;
    @Value("${local.server.port}")
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    void paymentDeliveredTwiceIsAppliedOnceAndRefundReopens() throws Exception {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String id = http.draft();
        http.post("/v1/invoices/" + id + "/issue", "{}");
        // 10 × 150.00 + 19 % = 1785.00
        String payment = payment(http.tenant, id, "pay_twice1", "1000.00", null);
        try (KafkaProbe probe = new KafkaProbe(brokers)) {
            probe.send(Topics.PAYMENT, id, payment);
            probe.send(Topics.PAYMENT, id, payment);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(http.get("/v1/invoices/" + id).text("amountPaid")).isEqualTo("1000.00"));
            var voidRefused = http.post("/v1/invoices/" + id + "/void", "{\"reason\": \"x\"}");
            assertThat(voidRefused.status()).isEqualTo(409);
            assertThat(voidRefused.text("code")).isEqualTo("invoice_has_payments");

            probe.send(Topics.PAYMENT, id, payment(http.tenant, id, "pay_rest1", "785.00", null));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(http.get("/v1/invoices/" + id).text("status")).isEqualTo("paid"));
            var paid = http.get("/v1/invoices/" + id);
            assertThat(paid.text("amountDue")).isEqualTo("0.00");
            assertThat(paid.text("paidAt")).isNotNull();

            String refund = payment(http.tenant, id, "pay_rest1", "785.00",
                    new RefundData("ref_1", "pay_rest1", "85.00", "goodwill", Instant.now()));
            probe.send(Topics.PAYMENT, id, refund);
            probe.send(Topics.PAYMENT, id, refund);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(http.get("/v1/invoices/" + id).text("status")).isEqualTo("open"));
        }
        var history = http.get("/v1/invoices/" + id + "/history");
        List<String> types = new java.util.ArrayList<>();
        history.json().get("data").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly("InvoiceCreated", "InvoiceIssued", "PaymentApplied", "PaymentApplied",
                "InvoicePaid", "RefundApplied");
        var now = http.get("/v1/invoices/" + id);
        assertThat(now.text("amountPaid")).isEqualTo("1700.00");
        assertThat(now.text("amountDue")).isEqualTo("85.00");
        assertThat(now.text("paidAt")).isNull();
        assertThat(history.json().get("data").get(2).get("actor").get("id").asText()).isEqualTo("payment-service");
    }

    @Test
    void invoiceEventsReachKafkaWithFullSnapshots() {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String id = http.draft();
        http.post("/v1/invoices/" + id + "/line-items", """
                {"description": "Hosting", "kind": "expense", "quantity": "1", "unitPrice": "20.00"}""");
        http.post("/v1/invoices/" + id + "/issue", "{}");
        http.post("/v1/invoices/" + id + "/void", "{\"reason\": \"duplicate\"}");
        try (KafkaProbe probe = new KafkaProbe(brokers, Topics.INVOICE)) {
            List<ConsumerRecord<String, String>> records = probe.await(r -> id.equals(r.key()), 4,
                    Duration.ofSeconds(60));
            List<IntegrationEvent> events = records.stream().map(r -> codec.decode(r.value())).toList();
            assertThat(events).extracting(IntegrationEvent::type).containsExactly(EventTypes.INVOICE_CREATED,
                    EventTypes.INVOICE_UPDATED, EventTypes.INVOICE_ISSUED, EventTypes.INVOICE_VOIDED);
            assertThat(events).extracting(IntegrationEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.id()).startsWith("evt_");
                assertThat(e.subject()).isEqualTo(id);
                assertThat(e.tenantId()).isEqualTo(http.tenant);
                assertThat(e.source()).isEqualTo("billstream/invoice-service");
            });
            JsonNode issued = events.get(2).data();
            assertThat(issued.get("number").asText()).endsWith("-001");
            assertThat(issued.get("status").asText()).isEqualTo("open");
            assertThat(issued.get("customer").get("name").asText()).isEqualTo("Globex");
            assertThat(issued.get("seller").get("name").asText()).isEqualTo("Acme Studio");
            assertThat(issued.get("lineItems")).hasSize(2);
            assertThat(issued.get("total").asText()).isEqualTo("1805.00");
            assertThat(issued.get("version").asLong()).isEqualTo(3);
            assertThat(issued.get("paymentTermsDays").asInt()).isEqualTo(14);
            // Defaults (no PUT): nothing is emailed automatically (docs/api-reference.md §12).
            assertThat(issued.get("emailSettings").get("sendInvoicesOnIssue").asBoolean(true)).isFalse();
            assertThat(issued.get("emailSettings").get("reminderOffsetsDays")).isEmpty();
            assertThat(events.get(3).data().get("change").get("reason").asText()).isEqualTo("duplicate");
        }
    }

    /** Issue 15: an invoice issued already past due tells subscribers (invoice.overdue), like one whose timer fired. */
    @Test
    void anInvoiceIssuedPastItsDueDatePublishesInvoiceOverdueOnce() {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String id = http.draft();
        String issueDate = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(60).toString();
        assertThat(http.post("/v1/invoices/" + id + "/issue", "{\"issueDate\": \"" + issueDate + "\"}").status())
                .isEqualTo(200);
        try (KafkaProbe probe = new KafkaProbe(brokers, Topics.INVOICE)) {
            List<IntegrationEvent> events = probe.await(r -> id.equals(r.key()), 3, Duration.ofSeconds(60)).stream()
                    .map(r -> codec.decode(r.value())).toList();
            assertThat(events).extracting(IntegrationEvent::type).containsExactly(EventTypes.INVOICE_CREATED,
                    EventTypes.INVOICE_ISSUED, EventTypes.INVOICE_OVERDUE);
            assertThat(events.get(2).data().get("status").asText()).isEqualTo("overdue");
        }
    }

    @Test
    void theEmailSettingsAtIssueTravelInTheInvoiceEvents() {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        assertThat(http.send("PUT", "/v1/settings", """
                {"seller": {"name": "Acme Studio", "email": "billing@acme.example",
                            "address": {"line1": "1 Road", "city": "Vienna", "postalCode": "1010", "country": "AT"}},
                 "sendInvoicesOnIssue": true, "reminderOffsetsDays": [-3, 7], "sendReceipts": true}""",
                java.util.Map.of()).status()).isEqualTo(200);
        String id = http.draft();
        http.post("/v1/invoices/" + id + "/issue", "{}");
        // Changing the settings later does not rewrite the issued invoice (captured with the seller).
        assertThat(http.send("PUT", "/v1/settings", """
                {"seller": {"name": "Acme Studio", "email": "billing@acme.example",
                            "address": {"line1": "1 Road", "city": "Vienna", "postalCode": "1010", "country": "AT"}}}""",
                java.util.Map.of()).status()).isEqualTo(200);
        http.post("/v1/invoices/" + id + "/void", "{\"reason\": \"test\"}");
        try (KafkaProbe probe = new KafkaProbe(brokers, Topics.INVOICE)) {
            List<IntegrationEvent> events = probe.await(r -> id.equals(r.key()), 3, Duration.ofSeconds(60)).stream()
                    .map(r -> codec.decode(r.value())).toList();
            assertThat(events).extracting(IntegrationEvent::type).containsExactly(EventTypes.INVOICE_CREATED,
                    EventTypes.INVOICE_ISSUED, EventTypes.INVOICE_VOIDED);
            assertThat(events.get(0).data().path("emailSettings").path("sendInvoicesOnIssue").isMissingNode()).isTrue();
            for (IntegrationEvent event : events.subList(1, 3)) {
                JsonNode settings = event.data().get("emailSettings");
                assertThat(settings.get("sendInvoicesOnIssue").asBoolean()).isTrue();
                assertThat(settings.get("reminderOffsetsDays")).extracting(JsonNode::asInt).containsExactly(-3, 7);
                assertThat(settings.get("sendReceipts").asBoolean()).isTrue();
            }
        }
    }

    private String payment(String tenant, String invoiceId, String paymentId, String amount, RefundData refund) {
        PaymentData data = new PaymentData(paymentId, invoiceId, amount, "USD", "bank_transfer", null,
                refund == null ? "succeeded" : "partially_refunded", Instant.now(),
                refund == null ? "0.00" : refund.amount(), Instant.now(), refund);
        String type = refund == null ? EventTypes.PAYMENT_RECORDED : EventTypes.PAYMENT_REFUNDED;
        String eventId = "evt_" + paymentId + (refund == null ? "" : refund.id());
        return codec.encode(IntegrationEvent.of(eventId, "billstream/payment-service", type, paymentId,
                Instant.now(), tenant, 1, codec.toTree(data)));
    }
}
