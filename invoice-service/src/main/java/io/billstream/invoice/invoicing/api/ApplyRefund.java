package io.billstream.invoice.invoicing.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

public record ApplyRefund(@TargetAggregateIdentifier String invoiceId, String refundId, String paymentId,
                          BigDecimal amount, String currency, String creditNoteId) {

    public ApplyRefund(String invoiceId, String refundId, String paymentId, BigDecimal amount, String currency) {
        this(invoiceId, refundId, paymentId, amount, currency, null);
    }
}
