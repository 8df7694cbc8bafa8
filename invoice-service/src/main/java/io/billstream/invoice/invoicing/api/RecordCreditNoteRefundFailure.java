package io.billstream.invoice.invoicing.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/** payment-service could not refund {@code unrefundedAmount} of the credit note (payment.refund_failed). */
public record RecordCreditNoteRefundFailure(@TargetAggregateIdentifier String invoiceId, String creditNoteId,
                                            BigDecimal unrefundedAmount, String reason) {
}
