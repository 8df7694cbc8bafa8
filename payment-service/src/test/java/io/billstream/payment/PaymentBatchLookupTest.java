package io.billstream.payment;

import io.billstream.payment.support.HttpResult;
import io.billstream.payment.support.InvoiceEvents;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/payments?invoiceIds=…}: the batch lookup the gateway's GraphQL {@code Invoice.payments} uses. */
class PaymentBatchLookupTest extends PaymentIntegrationTest {

    @Test
    void returnsEveryPaymentOfTheTenantOnTheInvoicesNewestFirst() {
        String tenant = newTenant();
        String other = newTenant();
        InvoiceEvents.Invoice first = invoices.issued(tenant, "USD", "100.00");
        InvoiceEvents.Invoice second = invoices.issued(tenant, "USD", "100.00");
        InvoiceEvents.Invoice notAsked = invoices.issued(tenant, "USD", "100.00");
        InvoiceEvents.Invoice foreign = invoices.issued(other, "USD", "100.00");
        for (InvoiceEvents.Invoice invoice : List.of(first, second, notAsked, foreign)) {
            awaitLedger(invoice);
        }
        String p1 = api.pay(tenant, first.id, "10.00", "USD").text("id");
        String p2 = api.pay(tenant, second.id, "20.00", "USD").text("id");
        String p3 = api.pay(tenant, first.id, "30.00", "USD").text("id");
        api.pay(tenant, notAsked.id, "40.00", "USD");
        String foreignPayment = api.pay(other, foreign.id, "50.00", "USD").text("id");

        HttpResult page = api.get(tenant, "/v1/payments?invoiceIds=" + first.id + "," + second.id + ","
                + foreign.id + ",inv_unknown");

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(ids(page)).containsExactly(p3, p2, p1);
        assertThat(page.body().get("nextCursor").isNull()).isTrue();
        assertThat(ids(api.get(other, "/v1/payments?invoiceIds=" + first.id + "," + foreign.id)))
                .containsExactly(foreignPayment);
    }

    @Test
    void refusesMoreThanAHundredIdsBadIdsAndMixedFilters() {
        String tenant = newTenant();
        String tooMany = IntStream.range(0, 101).mapToObj(i -> "inv_" + i).collect(Collectors.joining(","));
        assertThat(api.get(tenant, "/v1/payments?invoiceIds=" + tooMany.substring(tooMany.indexOf(',') + 1))
                .status()).isEqualTo(200);
        for (String query : List.of("invoiceIds=" + tooMany, "invoiceIds=", "invoiceIds=a,,b", "invoiceIds=a%20b",
                "invoiceIds=a&invoiceId=b", "invoiceIds=a&cursor=x")) {
            HttpResult refused = api.get(tenant, "/v1/payments?" + query);
            assertThat(refused.status()).as(query).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("validation_failed");
            assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("invoiceIds");
        }
    }

    private static List<String> ids(HttpResult page) {
        List<String> ids = new ArrayList<>();
        page.body().get("data").forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }
}
