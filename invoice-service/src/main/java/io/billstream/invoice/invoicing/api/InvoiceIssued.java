package io.billstream.invoice.invoicing.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.billstream.platform.events.data.EmailSettingsData;
import io.billstream.platform.events.data.PartyData;

import java.time.LocalDate;

/**
 * {@code status} is "open", or "overdue" when the due date had already passed at issue. {@code emailSettings}: the
 * tenant's email settings at issue (API contract §12); null in events stored before they existed.
 */
public record InvoiceIssued(String invoiceId, String number, LocalDate issueDate, LocalDate dueDate,
                            PartyData customer, PartyData seller, String status, EmailSettingsData emailSettings)
        implements InvoiceEvent {

    /** Explicit, because of the second constructor: stored events are read through this one. */
    @JsonCreator
    public InvoiceIssued {
    }

    public InvoiceIssued(String invoiceId, String number, LocalDate issueDate, LocalDate dueDate, PartyData customer,
                         PartyData seller, String status) {
        this(invoiceId, number, issueDate, dueDate, customer, seller, status, null);
    }
}
