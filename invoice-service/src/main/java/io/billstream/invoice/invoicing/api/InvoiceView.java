package io.billstream.invoice.invoicing.api;

import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.events.data.LineItemData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.events.data.TaxLineData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/invoices/{id}} (API contract §5), plus the terms the PDF needs and {@code amountCredited} (API contract §13);
 * amounts are decimal strings. {@code buyerReference} (API contract §14) is the one the e-invoice carries: the invoice's
 * own, else the customer's (snapshotted at issue).
 */
public record InvoiceView(String id, String number, String status, String customerId, PartyData customer,
                              PartyData seller, String currency, List<LineItemData> lineItems, String subtotal,
                              List<TaxLineData> taxBreakdown, String taxTotal, String lateFees, String total,
                              String amountPaid, String amountCredited, String amountDue, LocalDate issueDate,
                              LocalDate dueDate,
                              Instant paidAt, Instant voidedAt, String notes, String terms, String reference,
                              Map<String, String> metadata, Integer paymentTermsDays, String lateFeePercentPerMonth,
                              long version, Instant createdAt, Instant updatedAt, String recurringInvoiceId,
                              Integer runNumber, boolean sendOnIssue, String buyerReference) {

    public static InvoiceView from(InvoiceData d) {
        return new InvoiceView(d.id(), d.number(), d.status(), d.customerId(), d.customer(), d.seller(),
                d.currency(), d.lineItems(), d.subtotal(), d.taxBreakdown(), d.taxTotal(), d.lateFees(), d.total(),
                d.amountPaid(), d.amountCredited(), d.amountDue(), d.issueDate(), d.dueDate(), d.paidAt(),
                d.voidedAt(), d.notes(),
                d.terms(), d.reference(), d.metadata(), d.paymentTermsDays(), d.lateFeePercentPerMonth(),
                d.version(), d.createdAt(), d.updatedAt(), d.recurringInvoiceId(), d.runNumber(), d.sendOnIssue(),
                d.customer() == null ? null : d.customer().buyerReference());
    }
}
