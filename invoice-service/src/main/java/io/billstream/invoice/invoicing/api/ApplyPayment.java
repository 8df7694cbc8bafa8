package io.billstream.invoice.invoicing.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

public record ApplyPayment(@TargetAggregateIdentifier String invoiceId, String paymentId, BigDecimal amount,
                           String currency) {
}
