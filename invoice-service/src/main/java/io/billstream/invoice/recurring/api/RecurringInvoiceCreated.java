package io.billstream.invoice.recurring.api;

public record RecurringInvoiceCreated(String recurringInvoiceId, String tenantId, String customerId,
                                      RecurringTemplate template, RecurringSchedule schedule, String sellerName)
        implements RecurringInvoiceEvent {
}
