package io.billstream.payment.domain;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code billstream.payments.*}.
 *
 * @param invoiceWait      how long a payment waits for an invoice's events before answering 404 (or 409 for a
 *                         draft): read-your-writes right after issuing (about 2 s)
 * @param invoicePoll      how often the ledger is re-read during that wait
 * @param paidAtFutureSkew how far in the future a client-given {@code paidAt} may lie (clock skew)
 * @param staleRetryAfter  the {@code Retry-After} of a 503 answered when the client has already seen a newer
 *                         invoice version than the ledger holds after the wait
 */
@ConfigurationProperties("billstream.payments")
public record PaymentSettings(Duration invoiceWait, Duration invoicePoll, Duration paidAtFutureSkew,
                              Duration staleRetryAfter) {
    public PaymentSettings {
        invoiceWait = invoiceWait == null ? Duration.ofSeconds(2) : invoiceWait;
        invoicePoll = invoicePoll == null ? Duration.ofMillis(20) : invoicePoll;
        paidAtFutureSkew = paidAtFutureSkew == null ? Duration.ofMinutes(5) : paidAtFutureSkew;
        staleRetryAfter = staleRetryAfter == null ? Duration.ofSeconds(1) : staleRetryAfter;
    }
}
