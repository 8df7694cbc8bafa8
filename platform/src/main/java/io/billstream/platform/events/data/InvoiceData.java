package io.billstream.platform.events.data;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code data} of every invoice.* event: the whole invoice as it stands after the event, so consumers
 * (payments ledger, PDF, webhooks) never call back. Amounts are decimal strings in {@code currency}.
 * {@code paymentTermsDays} and {@code lateFeePercentPerMonth} feed the PDF's terms sentence.
 * Event-specific facts (the payment just applied, the late fee just assessed, the void reason) are in
 * {@code change}. {@code recurringInvoiceId} and {@code runNumber} name the recurring schedule run that generated the
 * invoice (null otherwise); {@code sendOnIssue} asks for the invoice to be emailed when issued (SPEC §11, added later:
 * absent in older events means null / false).
 */
public record InvoiceData(
        String id,
        String number,
        String status,
        String customerId,
        PartyData customer,
        PartyData seller,
        String currency,
        List<LineItemData> lineItems,
        String subtotal,
        List<TaxLineData> taxBreakdown,
        String taxTotal,
        String lateFees,
        String total,
        String amountPaid,
        String amountDue,
        LocalDate issueDate,
        LocalDate dueDate,
        Instant paidAt,
        Instant voidedAt,
        String notes,
        String terms,
        String reference,
        Map<String, String> metadata,
        Integer paymentTermsDays,
        String lateFeePercentPerMonth,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Map<String, Object> change,
        String recurringInvoiceId,
        Integer runNumber,
        boolean sendOnIssue) {

    @JsonCreator
    public InvoiceData {
    }

    public InvoiceData(String id, String number, String status, String customerId, PartyData customer,
                       PartyData seller, String currency, List<LineItemData> lineItems, String subtotal,
                       List<TaxLineData> taxBreakdown, String taxTotal, String lateFees, String total,
                       String amountPaid, String amountDue, LocalDate issueDate, LocalDate dueDate, Instant paidAt,
                       Instant voidedAt, String notes, String terms, String reference, Map<String, String> metadata,
                       Integer paymentTermsDays, String lateFeePercentPerMonth, long version, Instant createdAt,
                       Instant updatedAt, Map<String, Object> change) {
        this(id, number, status, customerId, customer, seller, currency, lineItems, subtotal, taxBreakdown, taxTotal,
                lateFees, total, amountPaid, amountDue, issueDate, dueDate, paidAt, voidedAt, notes, terms, reference,
                metadata, paymentTermsDays, lateFeePercentPerMonth, version, createdAt, updatedAt, change, null, null,
                false);
    }
}
