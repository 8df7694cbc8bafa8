package io.billstream.invoice.invoicing.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** PATCH of a draft: absent (or null) fields stay as they are. */
public record UpdateInvoiceRequest(String customerId, String currency, String notes, String terms, Integer dueInDays,
                                   LocalDate dueDate, BigDecimal lateFeePercentPerMonth, String reference,
                                   Map<String, String> metadata) {
}
