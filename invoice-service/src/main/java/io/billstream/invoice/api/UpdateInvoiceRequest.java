package io.billstream.invoice.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** PATCH of a draft: absent (or null) fields stay as they are. */
public record UpdateInvoiceRequest(String customerId, String currency, String notes, String terms, Integer dueInDays,
                                   LocalDate dueDate, BigDecimal lateFeePercentPerMonth, String reference,
                                   Map<String, String> metadata, String buyerReference) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public UpdateInvoiceRequest {
    }

    public UpdateInvoiceRequest(String customerId, String currency, String notes, String terms, Integer dueInDays,
                                LocalDate dueDate, BigDecimal lateFeePercentPerMonth, String reference,
                                Map<String, String> metadata) {
        this(customerId, currency, notes, terms, dueInDays, dueDate, lateFeePercentPerMonth, reference, metadata,
                null);
    }
}
