package io.billstream.payment.domain;

import io.billstream.platform.money.Money;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;

import java.time.Instant;

/**
 * A succeeded payment against one invoice. {@code version} starts at 1 and grows with each refund; it is the
 * {@code sequence} of the payment's integration events so receivers can order them.
 */
public record Payment(String id, String tenantId, String invoiceId, Money amount, PaymentMethod method,
                      String reference, Instant paidAt, Money refundedAmount, long version, Instant createdAt) {

    public static final String STATUS_SUCCEEDED = "succeeded";

    public static Payment record(String id, String tenantId, String invoiceId, Money amount, PaymentMethod method,
                                 String reference, Instant paidAt, Instant now) {
        return new Payment(id, tenantId, invoiceId, amount, method, reference, paidAt,
                Money.zero(amount.currency()), 1, now);
    }

    public String status() {
        return STATUS_SUCCEEDED;
    }

    public Money refundable() {
        return amount.minus(refundedAmount);
    }

    public Payment refund(Money refund) {
        if (refund.greaterThan(refundable())) {
            throw DomainException.of(ErrorCode.REFUND_EXCEEDS_PAYMENT, "Only " + refundable().toPlainString()
                    + " of payment " + id + " can still be refunded.");
        }
        return new Payment(id, tenantId, invoiceId, amount, method, reference, paidAt, refundedAmount.plus(refund),
                version + 1, createdAt);
    }
}
