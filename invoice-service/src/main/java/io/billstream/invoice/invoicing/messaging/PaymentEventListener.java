package io.billstream.invoice.invoicing.messaging;

import io.billstream.invoice.invoicing.api.ApplyPayment;
import io.billstream.invoice.invoicing.api.ApplyRefund;
import io.billstream.invoice.invoicing.api.RecordCreditNoteRefundFailure;
import io.billstream.invoice.invoicing.domain.InvoiceMetaData;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.events.data.PaymentData;
import io.billstream.platform.events.data.RefundFailureData;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * Payments in (API contract §5): payment.recorded / payment.refunded become commands. Idempotency lives in the aggregate,
 * which ignores a payment or refund id it has already applied, so a redelivered record changes nothing.
 */
@Component
class PaymentEventListener {

    private static final Actor PAYMENTS = new Actor(ActorType.SYSTEM, "payment-service");

    private final CommandGateway commands;
    private final IntegrationEventCodec codec;

    PaymentEventListener(CommandGateway commands, IntegrationEventCodec codec) {
        this.commands = commands;
        this.codec = codec;
    }

    @KafkaListener(topics = Topics.PAYMENT, groupId = "invoice-service")
    void on(String record) {
        IntegrationEvent event = codec.decode(record);
        Object command = switch (event.type()) {
            case EventTypes.PAYMENT_RECORDED -> {
                PaymentData payment = codec.data(event, PaymentData.class);
                yield new ApplyPayment(payment.invoiceId(), payment.id(), new BigDecimal(payment.amount()),
                        payment.currency());
            }
            case EventTypes.PAYMENT_REFUNDED -> {
                PaymentData payment = codec.data(event, PaymentData.class);
                yield new ApplyRefund(payment.invoiceId(), payment.refund().id(), payment.id(),
                        new BigDecimal(payment.refund().amount()), payment.currency(), payment.refund().creditNoteId());
            }
            case EventTypes.PAYMENT_REFUND_FAILED -> {
                RefundFailureData failure = codec.data(event, RefundFailureData.class);
                yield new RecordCreditNoteRefundFailure(failure.invoiceId(), failure.creditNoteId(),
                        new BigDecimal(failure.unrefundedAmount()), failure.reason());
            }
            default -> null;
        };
        if (command != null) {
            commands.sendAndWait(command, InvoiceMetaData.of(event.tenantId(), PAYMENTS));
        }
    }
}
