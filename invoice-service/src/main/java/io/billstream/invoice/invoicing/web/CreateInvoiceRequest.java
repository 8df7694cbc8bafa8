package io.billstream.invoice.invoicing.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

public record CreateInvoiceRequest(String customerId, String currency, List<LineItemRequest> lineItems, String notes,
                                   String terms, Integer dueInDays, LocalDate dueDate,
                                   BigDecimal lateFeePercentPerMonth, String reference,
                                   Map<String, String> metadata) {
}
