package io.billstream.invoice.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

public record CreateInvoiceRequest(String customerId, String currency, List<LineItemRequest> lineItems, String notes,
                                   String terms, Integer dueInDays, LocalDate dueDate,
                                   BigDecimal lateFeePercentPerMonth, String reference,
                                   Map<String, String> metadata, String buyerReference) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public CreateInvoiceRequest {
    }

    public CreateInvoiceRequest(String customerId, String currency, List<LineItemRequest> lineItems, String notes,
                                String terms, Integer dueInDays, LocalDate dueDate,
                                BigDecimal lateFeePercentPerMonth, String reference, Map<String, String> metadata) {
        this(customerId, currency, lineItems, notes, terms, dueInDays, dueDate, lateFeePercentPerMonth, reference,
                metadata, null);
    }
}
