package io.billstream.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.payment.support.HttpResult;
import io.billstream.payment.support.InvoiceEvents;
import io.billstream.payment.support.PaymentApi;
import io.billstream.platform.events.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentFlowTest extends PaymentIntegrationTest {

    @Test
    void partialThenFullPaymentAreAcceptedAndPublished() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);

        HttpResult partial = api.post(PaymentApi.writer(tenant), "/v1/payments",
                """
                {"invoiceId": "%s", "amount": 40, "currency": "USD", "method": "card", "reference": "TX-1",
                 "paidAt": "2026-11-20T10:15:30Z"}""".formatted(invoice.id));
        assertThat(partial.status()).as(partial.toString()).isEqualTo(201);
        String firstId = partial.text("id");
        assertThat(firstId).startsWith("pay_");
        assertThat(partial.headers().firstValue("Location")).hasValue("/v1/payments/" + firstId);
        assertThat(partial.text("invoiceId")).isEqualTo(invoice.id);
        assertThat(partial.text("amount")).isEqualTo("40.00");
        assertThat(partial.text("currency")).isEqualTo("USD");
        assertThat(partial.text("method")).isEqualTo("card");
        assertThat(partial.text("reference")).isEqualTo("TX-1");
        assertThat(partial.text("status")).isEqualTo("succeeded");
        assertThat(partial.text("paidAt")).isEqualTo("2026-11-20T10:15:30Z");
        assertThat(partial.text("refundedAmount")).isEqualTo("0.00");
        assertThat(Instant.parse(partial.text("createdAt"))).isNotNull();

        HttpResult full = api.pay(tenant, invoice.id, "60.00", "USD");
        assertThat(full.status()).as(full.toString()).isEqualTo(201);
        assertThat(full.text("amount")).isEqualTo("60.00");
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("100.00");

        HttpResult more = api.pay(tenant, invoice.id, "0.01", "USD");
        assertThat(more.status()).isEqualTo(422);
        assertThat(more.code()).isEqualTo("amount_exceeds_due");

        List<ConsumerRecord<String, String>> records = paymentRecords(invoice.id, 2);
        assertThat(records).hasSize(2);
        JsonNode first = json(records.stream().filter(r -> r.value().contains(firstId)).findFirst().orElseThrow()
                .value());
        assertThat(first.path("type").asText()).isEqualTo(EventTypes.PAYMENT_RECORDED);
        assertThat(first.path("id").asText()).startsWith("evt_");
        assertThat(first.path("source").asText()).isEqualTo("billstream/payment-service");
        assertThat(first.path("subject").asText()).isEqualTo(firstId);
        assertThat(first.path("tenantid").asText()).isEqualTo(tenant);
        assertThat(first.path("sequence").asLong()).isEqualTo(1);
        JsonNode data = first.path("data");
        assertThat(data.path("id").asText()).isEqualTo(firstId);
        assertThat(data.path("invoiceId").asText()).isEqualTo(invoice.id);
        assertThat(data.path("amount").asText()).isEqualTo("40.00");
        assertThat(data.path("currency").asText()).isEqualTo("USD");
        assertThat(data.path("method").asText()).isEqualTo("card");
        assertThat(data.path("reference").asText()).isEqualTo("TX-1");
        assertThat(data.path("status").asText()).isEqualTo("succeeded");
        assertThat(data.path("paidAt").asText()).isEqualTo("2026-11-20T10:15:30Z");
        assertThat(data.path("refundedAmount").asText()).isEqualTo("0.00");
        assertThat(data.path("refund").isNull()).isTrue();
        JsonNode second = json(records.stream().filter(r -> r.value().contains(full.text("id"))).findFirst()
                .orElseThrow().value());
        assertThat(second.path("data").path("amount").asText()).isEqualTo("60.00");
    }

    @Test
    void paymentsCanBeReadBackAndListedNewestFirstWithAStableCursor() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "JPY", "10000");
        awaitLedger(invoice);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            HttpResult paid = api.pay(tenant, invoice.id, "100" + i, "JPY");
            assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
            assertThat(paid.text("amount")).isEqualTo("100" + i);
            ids.add(paid.text("id"));
        }
        HttpResult one = api.get(tenant, "/v1/payments/" + ids.get(2));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.text("amount")).isEqualTo("1003");
        assertThat(api.get(newTenant(), "/v1/payments/" + ids.get(2)).status()).isEqualTo(404);

        HttpResult page1 = api.get(tenant, "/v1/payments?invoiceId=" + invoice.id + "&limit=2");
        assertThat(page1.status()).isEqualTo(200);
        assertThat(page1.body().path("data").findValuesAsText("id")).containsExactly(ids.get(4), ids.get(3));
        // a payment recorded between pages lands before page 1 and shifts nothing later
        String newest = api.pay(tenant, invoice.id, "1", "JPY").text("id");
        HttpResult page2 = api.get(tenant, "/v1/payments?invoiceId=" + invoice.id + "&limit=2&cursor="
                + page1.text("nextCursor"));
        assertThat(page2.body().path("data").findValuesAsText("id")).containsExactly(ids.get(2), ids.get(1));
        HttpResult page3 = api.get(tenant, "/v1/payments?invoiceId=" + invoice.id + "&limit=2&cursor="
                + page2.text("nextCursor"));
        assertThat(page3.body().path("data").findValuesAsText("id")).containsExactly(ids.get(0));
        assertThat(page3.body().path("nextCursor").isNull()).isTrue();

        HttpResult all = api.get(tenant, "/v1/payments");
        assertThat(all.body().path("data").findValuesAsText("id")).first().isEqualTo(newest);
        assertThat(all.body().path("data")).hasSize(6);
        assertThat(api.get(newTenant(), "/v1/payments?invoiceId=" + invoice.id).body().path("data")).isEmpty();
    }

    @Test
    void refundReopensTheAmountDueAndIsPublished() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "EUR", "50.00");
        awaitLedger(invoice);
        HttpResult payment = api.pay(tenant, invoice.id, "50.00", "EUR");
        assertThat(payment.status()).isEqualTo(201);
        String paymentId = payment.text("id");
        // invoice-service confirms paid; payment-service then refuses with 409
        invoices.send(invoices.next(invoice, EventTypes.INVOICE_PAID, "paid", "50.00"));
        awaitLedger(invoice);
        assertThat(api.pay(tenant, invoice.id, "1.00", "EUR").code()).isEqualTo("invoice_not_payable");

        HttpResult refund = api.refund(tenant, paymentId, "20.00", "Customer returned one seat");
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        assertThat(refund.text("id")).startsWith("ref_");
        assertThat(refund.text("paymentId")).isEqualTo(paymentId);
        assertThat(refund.text("amount")).isEqualTo("20.00");
        assertThat(refund.text("reason")).isEqualTo("Customer returned one seat");
        assertThat(refund.text("createdAt")).isNotNull();
        assertThat(api.get(tenant, "/v1/payments/" + paymentId).text("refundedAmount")).isEqualTo("20.00");

        // the ledger still says paid (invoice-service has not reopened it yet), but 20.00 is due again here
        assertThat(ledgerRow(invoice.id).get("status")).isEqualTo("paid");
        HttpResult tooMuch = api.pay(tenant, invoice.id, "20.01", "EUR");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("amount_exceeds_due");
        assertThat(api.pay(tenant, invoice.id, "20.00", "EUR").status()).isEqualTo(201);
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("50.00");

        HttpResult overRefund = api.refund(tenant, paymentId, "30.01", null);
        assertThat(overRefund.status()).isEqualTo(422);
        assertThat(overRefund.code()).isEqualTo("refund_exceeds_payment");
        assertThat(api.refund(tenant, paymentId, "30.00", null).status()).isEqualTo(201);
        assertThat(api.refund(tenant, paymentId, "0.01", null).code()).isEqualTo("refund_exceeds_payment");
        HttpResult listed = api.get(tenant, "/v1/payments/" + paymentId + "/refunds");
        assertThat(listed.body().path("data").findValuesAsText("amount")).containsExactly("20.00", "30.00");
        HttpResult one = api.get(tenant, refund.headers().firstValue("Location").orElseThrow());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.text("id")).isEqualTo(refund.text("id"));
        assertThat(api.get(newTenant(), "/v1/payments/" + paymentId + "/refunds").status()).isEqualTo(404);
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("20.00");

        List<ConsumerRecord<String, String>> records = paymentRecords(invoice.id, 4);
        JsonNode refunded = records.stream().map(r -> json(r.value()))
                .filter(e -> e.path("type").asText().equals(EventTypes.PAYMENT_REFUNDED))
                .filter(e -> e.path("sequence").asLong() == 2).findFirst().orElseThrow();
        assertThat(refunded.path("subject").asText()).isEqualTo(paymentId);
        assertThat(refunded.path("data").path("refundedAmount").asText()).isEqualTo("20.00");
        assertThat(refunded.path("data").path("refund").path("id").asText()).isEqualTo(refund.text("id"));
        assertThat(refunded.path("data").path("refund").path("amount").asText()).isEqualTo("20.00");
        assertThat(refunded.path("data").path("refund").path("reason").asText())
                .isEqualTo("Customer returned one seat");
    }

    @Test
    void refundsAreValidatedAndTenantScoped() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "10.00");
        awaitLedger(invoice);
        String paymentId = api.pay(tenant, invoice.id, "10.00", "USD").text("id");

        assertThat(api.refund(tenant, paymentId, "0", null).code()).isEqualTo("amount_not_positive");
        assertThat(api.refund(tenant, paymentId, "-1.00", null).code()).isEqualTo("amount_not_positive");
        HttpResult digits = api.refund(tenant, paymentId, "1.001", null);
        assertThat(digits.status()).isEqualTo(422);
        assertThat(digits.code()).isEqualTo("validation_failed");
        assertThat(api.refund(tenant, "pay_unknown", "1.00", null).status()).isEqualTo(404);
        assertThat(api.refund(newTenant(), paymentId, "1.00", null).status()).isEqualTo(404);
        HttpResult longReason = api.refund(tenant, paymentId, "1.00", "x".repeat(501));
        assertThat(longReason.status()).as(longReason.toString()).isEqualTo(422);
        assertThat(longReason.code()).isEqualTo("validation_failed");

        assertThat(jdbc.queryForObject("select count(*) from refund where payment_id = ?", Integer.class, paymentId))
                .isZero();
        assertThat(jdbc.queryForObject("select refunded_amount from payment where id = ?", BigDecimal.class,
                paymentId)).isEqualByComparingTo("0");
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("10.00");
    }

    @Test
    void theApiIsDescribedOpenlyAndGuardedByTheInternalToken() throws Exception {
        HttpResponse<String> docs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(json(docs.body()).path("paths").has("/v1/payments/{id}/refunds")).isTrue();
        assertThat(api.post(null, "/v1/payments/pay_x/refunds", "{\"amount\": 1}").status()).isEqualTo(401);
    }
}
