package io.billstream.invoice.api;

import io.billstream.platform.events.data.PartyData;

import java.time.LocalDate;

/** {@code status} is "open", or "overdue" when the due date had already passed at issue. */
public record InvoiceIssued(String invoiceId, String number, LocalDate issueDate, LocalDate dueDate,
                            PartyData customer, PartyData seller, String status) implements InvoiceEvent {
}
