package io.billstream.platform.events.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code data} of every invoice.* event: the whole invoice as it stands after the event, so consumers
 * (payments ledger, PDF, webhooks) never call back. Amounts are decimal strings in {@code currency}.
 * {@code paymentTermsDays} and {@code lateFeePercentPerMonth} feed the PDF's terms sentence.
 * Event-specific facts (the payment just applied, the late fee just assessed, the void reason) are in
 * {@code change}. {@code amountCredited} (SPEC §13) is the sum of the invoice's credit notes that lowered what is
 * owed; {@code amountDue = total − amountPaid − amountCredited}, never below 0 (null from producers before credit notes
 * existed means 0).
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
        String amountCredited) {

    /** Without credit notes (the v1 shape before SPEC §13). */
    public InvoiceData(String id, String number, String status, String customerId, PartyData customer,
                       PartyData seller, String currency, List<LineItemData> lineItems, String subtotal,
                       List<TaxLineData> taxBreakdown, String taxTotal, String lateFees, String total,
                       String amountPaid, String amountDue, LocalDate issueDate, LocalDate dueDate, Instant paidAt,
                       Instant voidedAt, String notes, String terms, String reference, Map<String, String> metadata,
                       Integer paymentTermsDays, String lateFeePercentPerMonth, long version, Instant createdAt,
                       Instant updatedAt, Map<String, Object> change) {
        this(id, number, status, customerId, customer, seller, currency, lineItems, subtotal, taxBreakdown, taxTotal,
                lateFees, total, amountPaid, amountDue, issueDate, dueDate, paidAt, voidedAt, notes, terms, reference,
                metadata, paymentTermsDays, lateFeePercentPerMonth, version, createdAt, updatedAt, change, null);
    }
}
