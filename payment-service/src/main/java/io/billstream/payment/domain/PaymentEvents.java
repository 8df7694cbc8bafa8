package io.billstream.payment.domain;

import io.billstream.platform.events.data.RefundFailureData;

import java.time.Instant;

/**
 * Port: the payment.* integration events. Each is written in the transaction of the change it reports (an outbox),
 * so it is published if and only if that change commits.
 */
public interface PaymentEvents {

    void recorded(Payment payment, Instant at);

    void refunded(Payment payment, Refund refund);

    /** payment.refund_failed: part of a credit note's refund could not be made. */
    void refundFailed(String tenantId, RefundFailureData failure);
}
