package io.billstream.invoice.recurring.domain;

import io.billstream.invoice.recurring.api.RecurringTemplate;

import java.time.LocalDate;

/**
 * One run's invoice to create: {@code invoiceId} follows from (schedule, run number), and the template's lines
 * already carry their billing period and fresh line ids.
 */
public record RunOrder(String tenantId, String recurringInvoiceId, int runNumber, LocalDate runDate,
                       String invoiceId, String customerId, RecurringTemplate template, String sellerName) {
}
