package io.billstream.payment.messaging;

import io.billstream.payment.domain.Payment;
import io.billstream.payment.domain.PaymentEvents;
import io.billstream.payment.domain.Refund;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.data.PaymentData;
import io.billstream.platform.events.data.RefundData;
import io.billstream.platform.events.data.RefundFailureData;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.outbox.OutboxWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;

/**
 * payment.* events go into the outbox inside the transaction of the payment or refund (no dual write); the
 * platform relay publishes them after commit, at least once. Key = invoice id, so each invoice's events keep
 * their order; sequence = the payment's version.
 */
@Component
public class PaymentEventsOutbox implements PaymentEvents {

    static final String SOURCE = "billstream/payment-service";

    private final OutboxWriter outbox;
    private final IntegrationEventCodec codec;

    public PaymentEventsOutbox(OutboxWriter outbox, IntegrationEventCodec codec) {
        this.outbox = outbox;
        this.codec = codec;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recorded(Payment payment, Instant at) {
        write(EventTypes.PAYMENT_RECORDED, payment, null, at);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void refunded(Payment payment, Refund refund) {
        RefundData data = new RefundData(refund.id(), refund.paymentId(), refund.amount().toPlainString(),
                refund.reason(), refund.createdAt(), refund.creditNoteId());
        write(EventTypes.PAYMENT_REFUNDED, payment, data, refund.createdAt());
    }

    /** payment.refund_failed: part of a credit note's refund could not be made. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refundFailed(String tenantId, RefundFailureData failure) {
        outbox.write(failure.invoiceId(), IntegrationEvent.of(EventIds.newEventId(), SOURCE,
                EventTypes.PAYMENT_REFUND_FAILED, failure.creditNoteId(), failure.failedAt(), tenantId, 1,
                codec.dataOf(failure)));
    }

    private void write(String type, Payment p, RefundData refund, Instant at) {
        PaymentData data = new PaymentData(p.id(), p.invoiceId(), p.amount().toPlainString(),
                p.amount().currencyCode(), p.method().wire(), p.reference(), p.status(), p.paidAt(),
                p.refundedAmount().toPlainString(), p.createdAt(), refund);
        outbox.write(p.invoiceId(), IntegrationEvent.of(EventIds.newEventId(), SOURCE, type, p.id(), at,
                p.tenantId(), p.version(), codec.dataOf(data)));
    }
}
