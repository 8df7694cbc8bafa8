package io.billstream.invoice.recurring.api;

/** {@code sellerName} is the organization to bill as while the tenant has no settings of its own (API contract §4). */
public record CreateRecurringInvoice(String recurringInvoiceId, String customerId, RecurringTemplate template,
                                     RecurringSchedule schedule, String sellerName) {
}
