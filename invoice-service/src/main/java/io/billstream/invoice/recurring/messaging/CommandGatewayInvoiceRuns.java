package io.billstream.invoice.recurring.messaging;

import io.billstream.invoice.invoicing.api.CreateInvoice;
import io.billstream.invoice.invoicing.api.DraftTerms;
import io.billstream.invoice.invoicing.api.IssueInvoice;
import io.billstream.invoice.invoicing.api.RecurringRunRef;
import io.billstream.invoice.settings.domain.BillingSettings;
import io.billstream.invoice.settings.domain.BillingSettingsSource;
import io.billstream.invoice.customers.domain.CustomerDirectory;
import io.billstream.invoice.invoicing.domain.Invoice;
import io.billstream.invoice.invoicing.domain.InvoiceMetaData;
import io.billstream.invoice.recurring.api.RecurringTemplate;
import io.billstream.invoice.recurring.domain.InvoiceRuns;
import io.billstream.invoice.recurring.domain.RunOrder;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.TenantId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Sends a run's CreateInvoice (and IssueInvoice) on the command bus. Called from the schedule's deadline handler,
 * the commands run in nested units of work of the deadline's one: the invoice's events, its number and the schedule's
 * RecurringInvoiceRan commit in one transaction, or none of them does.
 */
@Component
class CommandGatewayInvoiceRuns implements InvoiceRuns {

    private final CommandGateway commands;
    private final CustomerDirectory customers;
    private final BillingSettingsSource settings;
    private final Clock clock;

    CommandGatewayInvoiceRuns(@Lazy CommandGateway commands, CustomerDirectory customers,
                              BillingSettingsSource settings, Clock clock) {
        this.commands = commands;
        this.customers = customers;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Optional<String> create(RunOrder order) {
        TenantId tenant = new TenantId(order.tenantId());
        Optional<PartyData> billTo = customers.findBillable(tenant, order.customerId());
        if (billTo.isEmpty()) {
            return Optional.empty();
        }
        RecurringTemplate t = order.template();
        MetaData meta = InvoiceMetaData.of(order.tenantId(), Actor.SYSTEM);
        DraftTerms draft = new DraftTerms(order.customerId(), t.currency(), t.notes(), t.terms(), t.dueInDays(), null,
                t.lateFeePercentPerMonth(), t.reference(), t.metadata());
        commands.sendAndWait(new CreateInvoice(order.invoiceId(), draft, billTo.get(), t.lineItems(),
                new RecurringRunRef(order.recurringInvoiceId(), order.runNumber()), t.sendOnIssue()), meta);
        if (RecurringTemplate.MODE_ISSUE.equals(t.mode())) {
            BillingSettings current = settings.settingsFor(new Caller(tenant, Actor.SYSTEM, order.sellerName(), true));
            commands.sendAndWait(new IssueInvoice(order.invoiceId(), issueDate(order.runDate()), current.seller(),
                    current.numberFormat()), meta);
        }
        return Optional.of(order.invoiceId());
    }

    /**
     * The run date, unless the stack was down for longer than an invoice may be backdated: then the oldest date
     * allowed, so the run still happens instead of failing forever.
     */
    private LocalDate issueDate(LocalDate runDate) {
        LocalDate oldest = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(Invoice.MAX_ISSUE_DAYS_BACK);
        return runDate.isBefore(oldest) ? oldest : runDate;
    }
}
