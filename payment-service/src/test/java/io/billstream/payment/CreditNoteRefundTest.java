package io.billstream.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.payment.support.HttpResult;
import io.billstream.payment.support.InvoiceEvents;
import io.billstream.payment.support.PaymentApi;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/api-reference.md §13: the refund part of a credit note reaches the invoice's payments from credit_note.issued on the embedded
 * Kafka broker, newest payment first, exactly once, and what cannot be refunded is published as a failure.
 */
class CreditNoteRefundTest extends PaymentIntegrationTest {

    @Test
    void refundsTheCreditBeyondTheAmountDueAgainstTheNewestPaymentExactlyOnce() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);
        String older = api.post(PaymentApi.writer(tenant), "/v1/payments", """
                {"invoiceId": "%s", "amount": "30.00", "currency": "USD", "method": "card",
                 "paidAt": "2026-11-01T10:00:00Z"}""".formatted(invoice.id)).text("id");
        String newer = api.post(PaymentApi.writer(tenant), "/v1/payments", """
                {"invoiceId": "%s", "amount": "50.00", "currency": "USD", "method": "card",
                 "paidAt": "2026-11-02T10:00:00Z"}""".formatted(invoice.id)).text("id");
        paymentRecords(invoice.id, 2);

        // partly paid: 20.00 due; a credit note of 60.00 lowers the due by 20.00 and refunds 40.00
        List<IntegrationEvent> credit = invoices.creditNote(invoice, "cn_once", "60.00", "40.00");
        credit.forEach(invoices::send);
        await().atMost(KAFKA_WAIT).untilAsserted(() ->
                assertThat(api.get(tenant, "/v1/payments/" + newer).text("refundedAmount")).isEqualTo("40.00"));
        assertThat(api.get(tenant, "/v1/payments/" + older).text("refundedAmount")).isEqualTo("0.00");
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("40.00");
        assertThat(ledgerRow(invoice.id).get("credited")).isEqualTo(new BigDecimal("60.0000"));

        List<ConsumerRecord<String, String>> records = paymentRecords(invoice.id, 3);
        JsonNode refunded = json(records.get(2).value());
        assertThat(refunded.get("type").asText()).isEqualTo(EventTypes.PAYMENT_REFUNDED);
        assertThat(refunded.get("data").get("id").asText()).isEqualTo(newer);
        assertThat(refunded.get("data").get("refund").get("amount").asText()).isEqualTo("40.00");
        assertThat(refunded.get("data").get("refund").get("creditNoteId").asText()).isEqualTo("cn_once");
        HttpResult refunds = api.get(tenant, "/v1/payments/" + newer + "/refunds");
        assertThat(refunds.body().get("data")).singleElement()
                .satisfies(r -> assertThat(r.get("creditNoteId").asText()).isEqualTo("cn_once"));

        // nothing is due any more: the ledger knows the credit
        HttpResult more = api.pay(tenant, invoice.id, "0.01", "USD");
        assertThat(more.status()).isEqualTo(422);
        assertThat(more.code()).isEqualTo("amount_exceeds_due");

        // the same credit note again: redelivered (same event id) and re-sent (new event id) — no second refund
        invoices.send(credit.get(1));
        IntegrationEvent resent = IntegrationEvent.of("evt_resent" + invoice.id, credit.get(1).source(),
                credit.get(1).type(), credit.get(1).subject(), credit.get(1).time(), tenant,
                credit.get(1).sequence(), credit.get(1).data());
        invoices.send(resent);
        // a later event on the same partition is the marker that both were consumed
        invoices.send(invoices.next(invoice, EventTypes.INVOICE_PAID, "paid", "100.00"));
        awaitLedger(invoice);
        assertThat(api.get(tenant, "/v1/payments/" + newer).text("refundedAmount")).isEqualTo("40.00");
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("40.00");
        assertThat(jdbc.queryForObject("select count(*) from refund where credit_note_id = 'cn_once'", Long.class))
                .isEqualTo(1);
    }

    @Test
    void aRefundSpansPaymentsNewestFirst() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);
        String older = api.post(PaymentApi.writer(tenant), "/v1/payments", """
                {"invoiceId": "%s", "amount": "40.00", "currency": "USD", "method": "card",
                 "paidAt": "2026-11-01T10:00:00Z"}""".formatted(invoice.id)).text("id");
        String newer = api.post(PaymentApi.writer(tenant), "/v1/payments", """
                {"invoiceId": "%s", "amount": "60.00", "currency": "USD", "method": "cash",
                 "paidAt": "2026-11-03T10:00:00Z"}""".formatted(invoice.id)).text("id");
        invoices.creditNote(invoice, "cn_span", "75.00", "75.00").forEach(invoices::send);
        await().atMost(KAFKA_WAIT).untilAsserted(() ->
                assertThat(api.get(tenant, "/v1/payments/" + older).text("refundedAmount")).isEqualTo("15.00"));
        assertThat(api.get(tenant, "/v1/payments/" + newer).text("refundedAmount")).isEqualTo("60.00");
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("25.00");
    }

    @Test
    void whatThePaymentsCannotCoverIsPublishedAsAFailure() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);
        String payment = api.pay(tenant, invoice.id, "100.00", "USD").text("id");
        // refunded by hand meanwhile, before invoice-service heard of it
        assertThat(api.refund(tenant, payment, "90.00", "goodwill").status()).isEqualTo(201);
        invoices.creditNote(invoice, "cn_short", "30.00", "30.00").forEach(invoices::send);
        List<ConsumerRecord<String, String>> records = kafka.await(r -> invoice.id.equals(r.key())
                && r.value().contains(EventTypes.PAYMENT_REFUND_FAILED), 1, KAFKA_WAIT);
        JsonNode failure = json(records.getFirst().value());
        assertThat(failure.get("subject").asText()).isEqualTo("cn_short");
        assertThat(failure.get("tenantid").asText()).isEqualTo(tenant);
        assertThat(failure.get("data").get("creditNoteId").asText()).isEqualTo("cn_short");
        assertThat(failure.get("data").get("requestedAmount").asText()).isEqualTo("30.00");
        assertThat(failure.get("data").get("refundedAmount").asText()).isEqualTo("10.00");
        assertThat(failure.get("data").get("unrefundedAmount").asText()).isEqualTo("20.00");
        assertThat(api.get(tenant, "/v1/payments/" + payment).text("refundedAmount")).isEqualTo("100.00");
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("0.00");
    }
}
