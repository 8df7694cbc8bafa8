package io.billstream.invoice.invoicing.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.util.List;

/**
 * Credit (part of) an issued invoice (API contract §13): either {@code lines} (each crediting a quantity or a net amount of
 * one invoice line, or the rest of it when both are null) or a bare gross {@code amount} spread over the invoice's
 * tax rates. {@code numberFormat} comes from the tenant's settings ({@code creditNoteNumberFormat}).
 */
public record IssueCreditNote(@TargetAggregateIdentifier String invoiceId, String creditNoteId,
                              List<CreditLine> lines, BigDecimal amount, String reason, String memo,
                              String numberFormat) {

    public record CreditLine(String lineItemId, BigDecimal quantity, BigDecimal amount) {
    }
}
