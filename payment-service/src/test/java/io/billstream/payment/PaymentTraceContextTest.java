package io.billstream.payment;

import io.billstream.payment.support.InvoiceEvents;
import io.billstream.payment.support.PaymentApi;
import io.billstream.platform.security.InternalTokenService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api-reference.md §10 on the payment path: a client's traceparent on {@code POST /v1/payments} reaches the payment.recorded
 * record, which the outbox relay sends after the request has answered (webhook-service then carries it to the
 * delivery: TraceContextDeliveryTest there).
 */
class PaymentTraceContextTest extends PaymentIntegrationTest {

    private static final String TRACE_ID = "c0ffee5b8efff798038103d269b633aa";

    @Test
    void theClientsTraceReachesThePaymentRecordedRecord() throws Exception {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);

        HttpResponse<String> paid = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/payments"))
                .header("Content-Type", "application/json")
                .header(InternalTokenService.HEADER, tokens.mint(PaymentApi.writer(tenant)))
                .header("traceparent", "00-" + TRACE_ID + "-1f2e3d4c5b6a7988-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"invoiceId": "%s", "amount": "25.00", "currency": "USD", "method": "card"}"""
                        .formatted(invoice.id))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);

        ConsumerRecord<String, String> record = paymentRecords(invoice.id, 1).get(0);
        assertThat(record.value()).contains("\"payment.recorded\"");
        Header traceparent = record.headers().lastHeader("traceparent");
        assertThat(traceparent).as("traceparent header").isNotNull();
        assertThat(new String(traceparent.value(), StandardCharsets.UTF_8)).contains("-" + TRACE_ID + "-");
    }
}
