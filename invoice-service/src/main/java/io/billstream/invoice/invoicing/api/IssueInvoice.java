package io.billstream.invoice.invoicing.api;

import io.billstream.platform.events.data.EmailSettingsData;
import io.billstream.platform.events.data.PartyData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * {@code issueDate} null means today (UTC). {@code seller} and {@code numberFormat} come from the tenant's settings
 * at the moment of issue, and so do the email settings (API contract §12), which travel in the invoice's events; the bill-to
 * snapshot is taken by the handler from the customer directory.
 */
public record IssueInvoice(@TargetAggregateIdentifier String invoiceId, LocalDate issueDate, PartyData seller,
                           String numberFormat, EmailSettingsData emailSettings) {

    public IssueInvoice(String invoiceId, LocalDate issueDate, PartyData seller, String numberFormat) {
        this(invoiceId, issueDate, seller, numberFormat, null);
    }
}
