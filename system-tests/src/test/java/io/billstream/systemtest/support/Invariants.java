package io.billstream.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The invariants every system test ends with, checked only through the public API and the receiver:
 * <ul>
 *   <li>every invoice's {@code amountPaid} (invoice-service) equals the sum of the payments payment-service
 *       lists for it, minus their refunds — and every payment the client saw accepted is among them;</li>
 *   <li>nothing applied twice: no two listed payments carry the same client reference;</li>
 *   <li>invoice numbers are gapless and unique: {@code yyyy-001 .. yyyy-N} for the tenant's N issued invoices;</li>
 *   <li>every event reached the subscriber at least once (invoice.issued and, when expected, invoice.paid per
 *       invoice; payment.recorded per listed payment), as one message per event, with valid signatures.</li>
 * </ul>
 */
public final class Invariants {

    private static final Duration SETTLE = Duration.ofMinutes(4);

    private final Tenant tenant;
    private final WebhookReceiver receiver;
    private final String hook;

    public Invariants(Tenant tenant, WebhookReceiver receiver, String hook) {
        this.tenant = tenant;
        this.receiver = receiver;
        this.hook = hook;
    }

    /** What the checks counted, for the report. */
    public record Figures(int invoices, int paidInvoices, int payments, int refunds, BigDecimal amountPaid,
                          int numbers, int messages, int deliveries, long repeatedDeliveries) {
        @Override
        public String toString() {
            return String.format("%d invoices (%d paid), %d payments and %d refunds listed, amountPaid total %s = "
                            + "payments - refunds; numbers 001..%03d gapless; %d webhook messages in %d deliveries "
                            + "(%d repeats of the same webhook-id), no event twice, all signatures valid",
                    invoices, paidInvoices, payments, refunds, amountPaid.toPlainString(), numbers, messages,
                    deliveries, repeatedDeliveries);
        }
    }

    private record InvoiceState(JsonNode invoice, List<JsonNode> payments) {
    }

    /**
     * Checks everything for {@code invoiceIds} (all of the tenant's invoices; all issued), once the stack has
     * settled. {@code acceptedPaymentIds}: payments the client was told were recorded.
     */
    public Figures check(Collection<String> invoiceIds, Collection<String> acceptedPaymentIds, boolean expectAllPaid) {
        Map<String, InvoiceState> states = new LinkedHashMap<>();
        await("amountPaid of every invoice equals its payments minus refunds").atMost(SETTLE)
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    states.clear();
                    for (String invoiceId : invoiceIds) {
                        states.put(invoiceId, settled(invoiceId, expectAllPaid));
                    }
                });

        Set<String> listedIds = new HashSet<>();
        int refunds = 0;
        BigDecimal paidTotal = BigDecimal.ZERO;
        for (InvoiceState state : states.values()) {
            Map<String, String> referenceToId = new HashMap<>();
            for (JsonNode payment : state.payments()) {
                listedIds.add(payment.path("id").asText());
                String reference = payment.path("reference").asText("");
                if (!reference.isEmpty()) {
                    String earlier = referenceToId.put(reference, payment.path("id").asText());
                    assertThat(earlier).as("payment with reference %s applied twice on %s (%s and %s)", reference,
                            state.invoice().path("id").asText(), earlier, payment.path("id").asText()).isNull();
                }
                if (new BigDecimal(payment.path("refundedAmount").asText("0")).signum() > 0) {
                    refunds++;
                }
            }
            paidTotal = paidTotal.add(new BigDecimal(state.invoice().path("amountPaid").asText()));
        }
        assertThat(listedIds).as("every payment the client saw accepted is recorded")
                .containsAll(acceptedPaymentIds);

        int numbers = assertNumbersGapless(invoiceIds.size());
        Deliveries deliveries = awaitEveryEventDelivered(invoiceIds, listedIds, expectAllPaid);
        int paid = (int) states.values().stream().filter(s -> "paid".equals(s.invoice().path("status").asText())).count();
        return new Figures(invoiceIds.size(), paid, listedIds.size(), refunds, paidTotal, numbers,
                (int) deliveries.distinctMessages(), deliveries.count(), deliveries.repeatedDeliveries());
    }

    private InvoiceState settled(String invoiceId, boolean expectPaid) {
        Reply invoice = tenant.key().getReliably("/v1/invoices/" + invoiceId);
        assertThat(invoice.status()).as(invoice.describe()).isEqualTo(200);
        Reply list = tenant.key().getReliably("/v1/payments?limit=100&invoiceId=" + invoiceId);
        assertThat(list.status()).as(list.describe()).isEqualTo(200);
        List<JsonNode> payments = new ArrayList<>();
        list.json().path("data").forEach(payments::add);
        BigDecimal net = BigDecimal.ZERO;
        for (JsonNode payment : payments) {
            net = net.add(new BigDecimal(payment.path("amount").asText()))
                    .subtract(new BigDecimal(payment.path("refundedAmount").asText("0")));
        }
        BigDecimal amountPaid = new BigDecimal(invoice.str("amountPaid"));
        assertThat(amountPaid).as("amountPaid of %s (invoice-service) vs payments - refunds (payment-service)",
                invoiceId).isEqualByComparingTo(net);
        BigDecimal total = new BigDecimal(invoice.str("total"));
        assertThat(new BigDecimal(invoice.str("amountDue"))).as("amountDue of %s", invoiceId)
                .isEqualByComparingTo(total.subtract(amountPaid));
        if (expectPaid) {
            assertThat(invoice.str("status")).as("status of %s", invoiceId).isEqualTo("paid");
        }
        return new InvoiceState(invoice.json(), payments);
    }

    /** Numbers of the tenant's issued invoices are exactly yyyy-001 .. yyyy-N. */
    public int assertNumbersGapless(int expectedIssued) {
        List<String> numbers = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/v1/invoices?limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
            Reply page = tenant.key().getReliably(path);
            assertThat(page.status()).as(page.describe()).isEqualTo(200);
            for (JsonNode invoice : page.json().path("data")) {
                if (!invoice.path("number").isNull() && !invoice.path("number").asText().isEmpty()) {
                    numbers.add(invoice.path("number").asText());
                }
            }
            JsonNode next = page.json().path("nextCursor");
            cursor = next.isNull() || next.isMissingNode() ? null
                    : java.net.URLEncoder.encode(next.asText(), java.nio.charset.StandardCharsets.UTF_8);
        } while (cursor != null);
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= expectedIssued; i++) {
            expected.add(String.format("%d-%03d", year, i));
        }
        assertThat(numbers).as("invoice numbers of the tenant").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(numbers)).as("numbers gapless from 001").containsExactlyElementsOf(expected);
        return numbers.size();
    }

    private Deliveries awaitEveryEventDelivered(Collection<String> invoiceIds, Set<String> paymentIds,
                                                boolean expectPaid) {
        await("every event delivered to the subscriber").atMost(SETTLE).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Deliveries received = receiver.of(hook);
                    assertThat(received.subjects("invoice.issued")).as("invoice.issued received")
                            .containsAll(invoiceIds);
                    assertThat(received.subjects("payment.recorded")).as("payment.recorded received")
                            .containsAll(paymentIds);
                    if (expectPaid) {
                        assertThat(received.subjects("invoice.paid")).as("invoice.paid received")
                                .containsAll(invoiceIds);
                    }
                });
        Deliveries received = receiver.of(hook);
        assertThat(received.badSignatures()).as("deliveries failing Standard Webhooks verification").isEmpty();
        assertThat(received.duplicateMessages()).as("events delivered as more than one message").isEmpty();
        assertThat(received.retriesWithChangedBody()).as("retries that changed the signed body").isEmpty();
        return received;
    }
}
