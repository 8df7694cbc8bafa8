package io.billstream.payment;

import io.billstream.payment.support.HttpResult;
import io.billstream.payment.support.InvoiceEvents;
import io.billstream.payment.support.PaymentApi;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal is problem+json with a stable code, and nothing is stored or published for it. */
class BadInputTest extends PaymentIntegrationTest {

    @Test
    void badPaymentRequestsAreProblemsAndStoreNothing() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);
        String id = invoice.id;

        expect(post(tenant, "{\"invoiceId\": \"" + id + "\", \"amount\": "), 400, "malformed_json");
        expect(post(tenant, body(id, "\"10.00\"", "USD", "card") + " trailing"), 400, "malformed_json");
        expect(post(tenant, """
                {"invoiceId": "%s", "amount": "10.00", "currency": "USD", "method": "card", "amout": 1}"""
                .formatted(id)), 400, "unknown_field");
        expect(post(tenant, body(id, "{\"value\": 10}", "USD", "card")), 400, "malformed_request");
        expect(post(tenant, body(id, "\"ten\"", "USD", "card")), 400, "malformed_request");
        expect(post(tenant, "{\"invoiceId\": \"" + id + "\", \"currency\": \"USD\", \"method\": \"card\"}"),
                422, "validation_failed");
        expect(post(tenant, body(id, "\"10.00\"", "USD", "bitcoin")), 422, "validation_failed");
        expect(post(tenant, body(id, "\"10.00\"", "usd", "card")), 422, "validation_failed");
        expect(post(tenant, body(id, "\"10.00\"", "XYZ", "card")), 422, "validation_failed");
        HttpResult digits = post(tenant, body(id, "\"10.001\"", "USD", "card"));
        expect(digits, 422, "validation_failed");
        assertThat(digits.body().path("errors").get(0).path("field").asText()).isEqualTo("amount");
        expect(post(tenant, body(id, "10.001", "USD", "card")), 422, "validation_failed");
        expect(post(tenant, body(id, "1E+999999999", "USD", "card")), 422, "validation_failed");
        expect(post(tenant, body(id, "\"1E-999999999\"", "USD", "card")), 422, "validation_failed");
        expect(post(tenant, body(id, "\"1000000000000000\"", "USD", "card")), 422, "validation_failed");
        expect(post(tenant, """
                {"invoiceId": "%s", "amount": "10.00", "currency": "USD", "method": "card", "reference": "%s"}"""
                .formatted(id, "r".repeat(101))), 422, "validation_failed");
        expect(post(tenant, """
                {"invoiceId": "%s", "amount": "10.00", "currency": "USD", "method": "card",
                 "paidAt": "2999-01-01T00:00:00Z"}""".formatted(id)), 422, "validation_failed");
        expect(post(tenant, body(id, "\"0\"", "USD", "card")), 422, "amount_not_positive");
        expect(post(tenant, body(id, "-5", "USD", "card")), 422, "amount_not_positive");
        expect(post(tenant, body(id, "\"10.00\"", "EUR", "card")), 422, "currency_mismatch");
        expect(post(tenant, body(id, "\"100.01\"", "USD", "card")), 422, "amount_exceeds_due");
        expect(api.post(null, "/v1/payments", body(id, "\"10.00\"", "USD", "card")), 401, "unauthenticated");
        expect(api.post(PaymentApi.reader(tenant), "/v1/payments", body(id, "\"10.00\"", "USD", "card")), 403,
                "forbidden");
        expect(api.get(tenant, "/v1/payments?limit=0"), 422, "validation_failed");
        expect(api.get(tenant, "/v1/payments?limit=101"), 422, "validation_failed");
        expect(api.get(tenant, "/v1/payments?limit=ten"), 422, "validation_failed");
        expect(api.get(tenant, "/v1/payments?cursor=bm90LWEtY3Vyc29y"), 422, "validation_failed");
        expect(api.get(tenant, "/v1/payments/pay_missing"), 404, "not_found");

        assertThat(jdbc.queryForObject("select count(*) from payment where tenant_id = ?", Integer.class, tenant))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where record_key = ?", Integer.class, id))
                .isZero();
        assertThat(paidNet(id)).isEqualByComparingTo(BigDecimal.ZERO);
        // and the invoice is still fully payable
        assertThat(api.pay(tenant, id, "100.00", "USD").status()).isEqualTo(201);
    }

    @Test
    void amountsFollowTheCurrencysMinorUnit() {
        String tenant = newTenant();
        InvoiceEvents.Invoice yen = invoices.issued(tenant, "JPY", "1625");
        awaitLedger(yen);

        expect(post(tenant, body(yen.id, "\"1.5\"", "JPY", "cash")), 422, "validation_failed");
        HttpResult paid = post(tenant, body(yen.id, "1625", "JPY", "cash"));
        assertThat(paid.status()).isEqualTo(201);
        assertThat(paid.text("amount")).isEqualTo("1625");
        assertThat(paid.text("refundedAmount")).isEqualTo("0");
    }

    private HttpResult post(String tenant, String body) {
        return api.post(PaymentApi.writer(tenant), "/v1/payments", body);
    }

    private static String body(String invoiceId, String amountJson, String currency, String method) {
        return """
                {"invoiceId": "%s", "amount": %s, "currency": "%s", "method": "%s"}"""
                .formatted(invoiceId, amountJson, currency, method);
    }

    private static void expect(HttpResult result, int status, String code) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.code()).as(result.toString()).isEqualTo(code);
        assertThat(result.contentType()).startsWith("application/problem+json");
    }
}
