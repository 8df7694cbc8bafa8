package io.billstream.systemtest;

import io.billstream.systemtest.support.Api;
import io.billstream.systemtest.support.Reply;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/api-reference.md §13 across the whole stack, through the gateway: a partly paid invoice is credited beyond its amount due;
 * payment-service refunds the rest from credit_note.issued (no synchronous call), the refund reaches the payment and
 * comes back to the invoice as payment.refunded; the credit note's PDF and webhook arrive.
 */
@Order(4)
class CreditNoteSystemTest extends SystemTestBase {

    @Test
    void aCreditBeyondTheAmountDueIsRefundedAgainstThePayment() {
        Scenario scenario = scenario("credit", List.of("credit_note.issued", "payment.refunded", "invoice.paid"));
        Api api = scenario.api();
        String invoiceId = scenario.tenant().createSimpleDraft(scenario.customerId(), "500.00", "Consulting");
        Reply issued = scenario.tenant().issue(invoiceId);
        String lineId = issued.json().get("lineItems").get(0).get("id").asText();
        Reply payment = api.postReliably("/v1/payments", Map.of("invoiceId", invoiceId, "amount", "300.00",
                "currency", "USD", "method", "card"));
        assertThat(payment.status()).as(payment.describe()).isEqualTo(201);
        String paymentId = payment.str("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "300.00".equals(api.get("/v1/invoices/" + invoiceId).str("amountPaid")));

        // 450.00 of 500.00: 200.00 lowers the amount due, 250.00 is refunded
        Reply credit = api.postReliably("/v1/invoices/" + invoiceId + "/credit-notes", Map.of(
                "lines", List.of(Map.of("lineItemId", lineId, "amount", "450.00")), "reason", "order_change",
                "memo", "Scope reduced."));
        assertThat(credit.status()).as(credit.describe()).isEqualTo(201);
        String creditNoteId = credit.str("id");
        assertThat(credit.str("creditedAmount")).isEqualTo("200.00");
        assertThat(credit.str("refundAmount")).isEqualTo("250.00");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                "250.00".equals(api.get("/v1/payments/" + paymentId).str("refundedAmount")));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "succeeded".equals(api.get("/v1/credit-notes/" + creditNoteId).str("refundStatus")));
        Reply invoice = api.get("/v1/invoices/" + invoiceId);
        assertThat(invoice.str("status")).isEqualTo("paid");
        assertThat(invoice.str("amountPaid")).isEqualTo("50.00");
        assertThat(invoice.str("amountCredited")).isEqualTo("450.00");
        assertThat(invoice.str("amountDue")).isEqualTo("0.00");

        Reply pdf = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/v1/credit-notes/" + creditNoteId + "/pdf"), r -> r.status() == 200);
        assertThat(pdf.header("Content-Type")).contains("application/pdf");
        assertThat(pdf.header("ETag")).isPresent();
        Reply list = api.get("/v1/credit-notes?invoiceId=" + invoiceId);
        assertThat(list.status()).isEqualTo(200);
        Reply openapi = Api.anonymous().get("/v1/openapi.json");
        assertThat(openapi.text()).contains("/v1/credit-notes/{id}/pdf", "/v1/invoices/{id}/credit-notes",
                "/v1/credit-notes/{id}");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !receiver.of(scenario.hook()).ofType("credit_note.issued").isEmpty());
        assertThat(receiver.of(scenario.hook()).badSignatures()).isEmpty();
    }
}
