package io.billstream.invoice.invoicing.domain;

import io.billstream.platform.concurrency.ExpectedVersion;
import io.billstream.invoice.customers.domain.CustomerDirectory;
import io.billstream.invoice.settings.domain.SettingsNumberFormat;
import io.billstream.invoice.invoicing.api.AddLineItem;
import io.billstream.invoice.invoicing.api.ApplyPayment;
import io.billstream.invoice.invoicing.api.ApplyRefund;
import io.billstream.invoice.invoicing.api.CreateInvoice;
import io.billstream.invoice.invoicing.api.CreateIssuedInvoice;
import io.billstream.invoice.invoicing.api.CreditNoteIssued;
import io.billstream.invoice.invoicing.api.CreditNoteRefundFailed;
import io.billstream.invoice.invoicing.api.IssueCreditNote;
import io.billstream.invoice.invoicing.api.RecordCreditNoteRefundFailure;
import io.billstream.invoice.invoicing.api.DeleteDraftInvoice;
import io.billstream.invoice.invoicing.api.DraftInvoiceDeleted;
import io.billstream.invoice.invoicing.api.DraftTerms;
import io.billstream.invoice.invoicing.api.InvoiceBecameOverdue;
import io.billstream.invoice.invoicing.api.InvoiceCreated;
import io.billstream.invoice.invoicing.api.InvoiceDraftUpdated;
import io.billstream.invoice.invoicing.api.InvoiceEvent;
import io.billstream.invoice.invoicing.api.InvoiceIssued;
import io.billstream.invoice.invoicing.api.InvoiceMarkedUncollectible;
import io.billstream.invoice.invoicing.api.InvoicePaid;
import io.billstream.invoice.invoicing.api.InvoiceVoided;
import io.billstream.invoice.invoicing.api.IssueInvoice;
import io.billstream.invoice.invoicing.api.LateFeeAssessed;
import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.invoicing.api.LineItemAdded;
import io.billstream.invoice.invoicing.api.LineItemPatch;
import io.billstream.invoice.invoicing.api.LineItemRemoved;
import io.billstream.invoice.invoicing.api.LineItemUpdated;
import io.billstream.invoice.invoicing.api.MarkInvoiceUncollectible;
import io.billstream.invoice.invoicing.api.PaymentApplied;
import io.billstream.invoice.invoicing.api.RefundApplied;
import io.billstream.invoice.invoicing.api.RemoveLineItem;
import io.billstream.invoice.invoicing.api.UpdateInvoiceDraft;
import io.billstream.invoice.invoicing.api.UpdateLineItem;
import io.billstream.invoice.invoicing.api.VoidInvoice;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.money.Money;
import io.billstream.platform.security.TenantId;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * The event-sourced invoice (API contract §5). Command handlers only check and apply; every state change happens in
 * {@link #on}, which folds through {@link InvoiceState}. Overdue and late fees are durable deadlines.
 */
@Aggregate
public class Invoice {

    public static final String TENANT = "tenantId";
    public static final String OVERDUE_DEADLINE = "invoice-overdue";
    public static final String LATE_FEE_DEADLINE = "invoice-late-fee";
    public static final int MAX_LINE_ITEMS = 500;
    public static final int MAX_ISSUE_DAYS_BACK = 90;
    private static final String DEFAULT_NUMBER_FORMAT = "{yyyy}-{seq:3}";
    public static final String DEFAULT_CREDIT_NOTE_NUMBER_FORMAT = "CN-{yyyy}-{seq:3}";

    @AggregateIdentifier
    private String id;
    private InvoiceState state;

    protected Invoice() {
    }

    /**
     * Creates the invoice. A creation-policy handler rather than a constructor, because only a method's result is
     * returned to the sender: the invoice as created, so the response needs no read-back.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public InvoiceOutcome handle(CreateInvoice command, @MetaDataValue(TENANT) String tenant) {
        Currency currency = CurrencyCodes.parse(command.draft().currency());
        if (command.lineItems().size() > MAX_LINE_ITEMS) {
            throw InvoiceErrors.invalid("lineItems", "must have at most " + MAX_LINE_ITEMS + " items");
        }
        for (int i = 0; i < command.lineItems().size(); i++) {
            requirePriceFits(command.lineItems().get(i), currency, "lineItems[" + i + "].unitPrice");
        }
        apply(new InvoiceCreated(command.invoiceId(), tenant, command.draft(), command.customer(),
                List.copyOf(command.lineItems()), command.recurring(), command.sendOnIssue()));
        return InvoiceOutcome.of(state);
    }

    /** Both checks run before anything is stored: a refused issue (no lines, customer not active) stores nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public InvoiceOutcome handle(CreateIssuedInvoice command, @MetaDataValue(TENANT) String tenant,
                                 InvoiceNumberAllocator numbers, Clock clock, DeadlineManager deadlines) {
        handle(command.create(), tenant);
        // The request that sent this read the customer as billable a moment ago (it is on the draft now); reading it
        // again for the issue would only repeat that read (docs/benchmarks.md, row 25).
        PartyData billTo = command.create().customer();
        return issue(command.issue(), tenant, () -> Optional.ofNullable(billTo), numbers, clock, deadlines);
    }

    @CommandHandler
    public InvoiceOutcome handle(UpdateInvoiceDraft command, @MetaDataValue(TENANT) String tenant) {
        requireTenant(tenant);
        requireVersion(command.expectedVersion());
        requireDraft();
        DraftTerms changes = command.changes();
        if (changes.equals(DraftTerms.NONE)) {
            return InvoiceOutcome.of(state);
        }
        if (changes.currency() != null) {
            Currency currency = CurrencyCodes.parse(changes.currency());
            int i = 0;
            for (LineItem line : state.lines().values()) {
                requirePriceFits(line, currency, "lineItems[" + i++ + "].unitPrice");
            }
        }
        apply(new InvoiceDraftUpdated(id, changes, changes.customerId() == null ? null : command.customer()));
        return InvoiceOutcome.of(state);
    }

    @CommandHandler
    public InvoiceOutcome handle(AddLineItem command, @MetaDataValue(TENANT) String tenant) {
        requireTenant(tenant);
        requireDraft();
        if (state.lines().size() >= MAX_LINE_ITEMS) {
            throw InvoiceErrors.invalid("lineItems", "must have at most " + MAX_LINE_ITEMS + " items");
        }
        requirePriceFits(command.lineItem(), state.currency(), "unitPrice");
        apply(new LineItemAdded(id, command.lineItem()));
        return InvoiceOutcome.of(state);
    }

    @CommandHandler
    public InvoiceOutcome handle(UpdateLineItem command, @MetaDataValue(TENANT) String tenant) {
        requireTenant(tenant);
        requireVersion(command.expectedVersion());
        requireDraft();
        LineItem current = state.lines().get(command.lineItemId());
        if (current == null) {
            throw InvoiceErrors.lineItemNotFound();
        }
        LineItem merged = merge(current, command.patch());
        requirePriceFits(merged, state.currency(), "unitPrice");
        requireTaxCategoryFits(merged);
        apply(new LineItemUpdated(id, merged));
        return InvoiceOutcome.of(state);
    }

    @CommandHandler
    public void handle(RemoveLineItem command, @MetaDataValue(TENANT) String tenant) {
        requireTenant(tenant);
        requireDraft();
        if (!state.lines().containsKey(command.lineItemId())) {
            throw InvoiceErrors.lineItemNotFound();
        }
        apply(new LineItemRemoved(id, command.lineItemId()));
    }

    @CommandHandler
    public void handle(DeleteDraftInvoice command, @MetaDataValue(TENANT) String tenant) {
        requireTenant(tenant);
        requireDraft();
        apply(new DraftInvoiceDeleted(id));
    }

    @CommandHandler
    public InvoiceOutcome handle(IssueInvoice command, @MetaDataValue(TENANT) String tenant, CustomerDirectory customers,
                       InvoiceNumberAllocator numbers, Clock clock, DeadlineManager deadlines) {
        return issue(command, tenant, () -> customers.findBillable(new TenantId(tenant), state.customerId()), numbers,
                clock, deadlines);
    }

    private InvoiceOutcome issue(IssueInvoice command, String tenant, Supplier<Optional<PartyData>> customer,
                                 InvoiceNumberAllocator numbers, Clock clock, DeadlineManager deadlines) {
        requireTenant(tenant);
        requireDraft();
        if (state.lines().isEmpty()) {
            throw InvoiceErrors.noLines();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate issueDate = command.issueDate() == null ? today : command.issueDate();
        if (issueDate.isAfter(today) || issueDate.isBefore(today.minusDays(MAX_ISSUE_DAYS_BACK))) {
            throw InvoiceErrors.invalid("issueDate",
                    "must be today or up to " + MAX_ISSUE_DAYS_BACK + " days back");
        }
        LocalDate dueDate = state.dueDateFor(issueDate);
        if (dueDate.isBefore(issueDate)) {
            throw InvoiceErrors.invalid("dueDate", "must not be before the issue date");
        }
        PartyData billTo = customer.get()
                .orElseThrow(() -> InvoiceErrors.invalid("customerId", "is not an active customer"));
        SettingsNumberFormat format = SettingsNumberFormat.parse(command.numberFormat())
                .or(() -> SettingsNumberFormat.parse(DEFAULT_NUMBER_FORMAT)).orElseThrow();
        // The number is taken last, inside this unit of work's transaction: any refusal above leaves no gap.
        String number = format.format(issueDate.getYear(), numbers.next(tenant, issueDate.getYear()));
        apply(new InvoiceIssued(id, number, issueDate, dueDate, billTo, command.seller(), InvoiceStatus.OPEN.wire(),
                command.emailSettings()));
        if (state.amountDue().isZero()) {
            // Nothing to collect (every line priced 0): covered at once, like any invoice whose total is paid.
            apply(new InvoicePaid(id));
            return InvoiceOutcome.of(state);
        }
        becomeOverdueIfPastDue(today);
        scheduleTimers(deadlines);
        return InvoiceOutcome.of(state);
    }

    @CommandHandler
    public InvoiceOutcome handle(VoidInvoice command, @MetaDataValue(TENANT) String tenant) {
        requireTenant(tenant);
        if (state.status() == InvoiceStatus.DRAFT) {
            throw InvoiceErrors.notPayable("A draft cannot be voided; delete it instead.");
        }
        if (state.amountPaid().isPositive()) {
            throw InvoiceErrors.hasPayments();
        }
        requireOpenOrOverdue("voided");
        apply(new InvoiceVoided(id, command.reason()));
        return InvoiceOutcome.of(state);
    }

    @CommandHandler
    public InvoiceOutcome handle(MarkInvoiceUncollectible command, @MetaDataValue(TENANT) String tenant) {
        requireTenant(tenant);
        requireOpenOrOverdue("marked uncollectible");
        apply(new InvoiceMarkedUncollectible(id));
        return InvoiceOutcome.of(state);
    }

    @CommandHandler
    public void handle(ApplyPayment command, @MetaDataValue(TENANT) String tenant) {
        requireTenant(tenant);
        if (state.hasPayment(command.paymentId())) {
            return;
        }
        if (!state.status().acceptsPayments()) {
            throw InvoiceErrors.notPayable("A " + state.status().wire() + " invoice takes no payments.");
        }
        Money amount = moneyOf(command.amount(), command.currency());
        if (!amount.isPositive()) {
            throw DomainException.of(ErrorCode.AMOUNT_NOT_POSITIVE, "A payment must be positive.");
        }
        if (amount.greaterThan(state.amountDue())) {
            throw DomainException.of(ErrorCode.AMOUNT_EXCEEDS_DUE, "The payment exceeds the amount due.");
        }
        apply(new PaymentApplied(id, command.paymentId(), amount.amount()));
        if (state.amountDue().isZero()) {
            apply(new InvoicePaid(id));
        }
    }

    @CommandHandler
    public void handle(ApplyRefund command, @MetaDataValue(TENANT) String tenant, Clock clock,
                       DeadlineManager deadlines) {
        requireTenant(tenant);
        if (state.hasRefund(command.refundId())) {
            return;
        }
        Money amount = moneyOf(command.amount(), command.currency());
        if (!amount.isPositive()) {
            throw DomainException.of(ErrorCode.AMOUNT_NOT_POSITIVE, "A refund must be positive.");
        }
        if (amount.greaterThan(state.amountPaid())) {
            throw DomainException.of(ErrorCode.REFUND_EXCEEDS_PAYMENT, "The refund exceeds what was paid.");
        }
        // A refund that pays out a credit note leaves nothing due, so the invoice stays paid (API contract §13).
        Money dueAfter = state.total().minus(state.amountPaid().minus(amount)).minus(state.amountCredited());
        boolean reopened = state.status() == InvoiceStatus.PAID && dueAfter.isPositive();
        InvoiceStatus after = reopened ? InvoiceStatus.OPEN : state.status();
        apply(new RefundApplied(id, command.refundId(), command.paymentId(), amount.amount(), after.wire(),
                command.creditNoteId()));
        if (reopened) {
            becomeOverdueIfPastDue(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            scheduleTimers(deadlines);
        }
    }

    /**
     * API contract §13. Checks first (status, then every line and amount rule in {@link CreditNoteCalculator}), takes the
     * number last so a refusal leaves no gap, then applies; a credit that leaves an open or overdue invoice with
     * nothing due pays it. The same credit note id twice (a retried request) changes nothing.
     */
    @CommandHandler
    public void handle(IssueCreditNote command, @MetaDataValue(TENANT) String tenant,
                       CreditNoteNumberAllocator numbers, Clock clock) {
        requireTenant(tenant);
        if (state.creditNotes().containsKey(command.creditNoteId())) {
            return;
        }
        InvoiceStatus before = state.status();
        if (before != InvoiceStatus.OPEN && before != InvoiceStatus.OVERDUE && before != InvoiceStatus.PAID) {
            throw InvoiceErrors.notCreditable(before.wire());
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        CreditNoteIssued decided = new CreditNoteCalculator(state).compute(command, null, today);
        SettingsNumberFormat format = SettingsNumberFormat.parse(command.numberFormat())
                .or(() -> SettingsNumberFormat.parse(DEFAULT_CREDIT_NOTE_NUMBER_FORMAT)).orElseThrow();
        String number = format.format(today.getYear(), numbers.next(tenant, today.getYear()));
        apply(decided.numbered(number));
        if (before != InvoiceStatus.PAID && state.amountDue().isZero()) {
            apply(new InvoicePaid(id));
        }
    }

    /** payment.refund_failed: recorded once; a redelivery changes nothing. */
    @CommandHandler
    public void handle(RecordCreditNoteRefundFailure command, @MetaDataValue(TENANT) String tenant) {
        requireTenant(tenant);
        CreditNote note = state.creditNotes().get(command.creditNoteId());
        if (note == null) {
            throw DomainException.notFound("Credit note");
        }
        if (note.unrefunded().signum() > 0 || command.unrefundedAmount().signum() <= 0) {
            return;
        }
        apply(new CreditNoteRefundFailed(id, command.creditNoteId(), command.unrefundedAmount(), command.reason()));
    }

    @DeadlineHandler(deadlineName = OVERDUE_DEADLINE)
    public void onDueDatePassed(OverdueDue due, DeadlineManager deadlines) {
        // Runs at least once per schedule; the status check makes a repeated or stale firing a no-op.
        if (state.status() == InvoiceStatus.OPEN && state.amountDue().isPositive()) {
            apply(new InvoiceBecameOverdue(id));
            scheduleLateFee(deadlines, state.lateFeeMonths() + 1);
        }
    }

    @DeadlineHandler(deadlineName = LATE_FEE_DEADLINE)
    public void onLateFeeMonth(LateFeeDue due, DeadlineManager deadlines) {
        // Only the next month in line is charged, so a timer that fires twice charges once.
        if (state.status() != InvoiceStatus.OVERDUE || due.month() != state.lateFeeMonths() + 1) {
            return;
        }
        Money base = state.lateFeeBase();
        if (!base.isPositive() || state.lateFeePercent().signum() <= 0) {
            return;
        }
        apply(new LateFeeAssessed(id, due.month(), base.percent(state.lateFeePercent()).amount()));
        scheduleLateFee(deadlines, due.month() + 1);
    }

    @EventSourcingHandler
    void on(InvoiceEvent event, @Timestamp Instant at) {
        if (event instanceof InvoiceCreated created) {
            id = created.invoiceId();
            state = new InvoiceState();
        }
        state.apply(event, at);
        if (state.deleted()) {
            markDeleted();
        }
    }

    /**
     * Every way into {@code overdue} goes through {@link InvoiceBecameOverdue}, so history, the feed and webhooks
     * ({@code invoice.overdue}) learn of it once, also when an invoice is issued or reopened already past due.
     */
    private void becomeOverdueIfPastDue(LocalDate today) {
        if (state.status() == InvoiceStatus.OPEN && state.amountDue().isPositive() && today.isAfter(state.dueDate())) {
            apply(new InvoiceBecameOverdue(id));
        }
    }

    private void scheduleTimers(DeadlineManager deadlines) {
        if (state.status() == InvoiceStatus.OPEN) {
            deadlines.schedule(startOfDay(state.dueDate().plusDays(1)), OVERDUE_DEADLINE, new OverdueDue(id));
        } else if (state.status() == InvoiceStatus.OVERDUE) {
            scheduleLateFee(deadlines, state.lateFeeMonths() + 1);
        }
    }

    /** Month n is complete at the end of the day n calendar months after the due date. */
    private void scheduleLateFee(DeadlineManager deadlines, int month) {
        if (state.lateFeePercent().signum() > 0) {
            Instant at = startOfDay(state.dueDate().plusMonths(month).plusDays(1));
            deadlines.schedule(at, LATE_FEE_DEADLINE, new LateFeeDue(id, month));
        }
    }

    private static Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private void requireTenant(String tenant) {
        if (tenant == null || !tenant.equals(state.tenantId())) {
            throw InvoiceErrors.notFound();
        }
    }

    private void requireDraft() {
        if (state.status() != InvoiceStatus.DRAFT) {
            throw InvoiceErrors.notDraft();
        }
    }

    private void requireVersion(ExpectedVersion expected) {
        if (!expected.matches(state.version())) {
            throw DomainException.versionMismatch(state.version());
        }
    }

    private void requireOpenOrOverdue(String action) {
        if (state.status() != InvoiceStatus.OPEN && state.status() != InvoiceStatus.OVERDUE) {
            throw InvoiceErrors.notPayable("A " + state.status().wire() + " invoice cannot be " + action + ".");
        }
    }

    private Money moneyOf(BigDecimal amount, String currency) {
        if (currency != null && !currency.equals(state.currency().getCurrencyCode())) {
            throw DomainException.of(ErrorCode.CURRENCY_MISMATCH,
                    "The invoice is in " + state.currency().getCurrencyCode() + ".");
        }
        return new Money(amount, state.currency());
    }

    private static void requirePriceFits(LineItem line, Currency currency, String field) {
        if (line.unitPrice().stripTrailingZeros().scale() > CurrencyCodes.minorDigits(currency)) {
            throw InvoiceErrors.invalid(field, "must have at most " + CurrencyCodes.minorDigits(currency)
                    + " decimal places for " + currency.getCurrencyCode());
        }
    }

    /** The API contract §14 for a line a PATCH changed: the request alone cannot tell (it may change the rate only). */
    private static void requireTaxCategoryFits(LineItem line) {
        String problem = line.taxCategoryProblem();
        if (problem != null) {
            throw InvoiceErrors.invalid("taxCategory", problem);
        }
        if (line.missingExemptionReason()) {
            throw InvoiceErrors.invalid("taxExemptionReason", "is required for tax category " + line.taxCategory());
        }
    }

    private static LineItem merge(LineItem current, LineItemPatch patch) {
        return new LineItem(current.id(),
                patch.description() != null ? patch.description() : current.description(),
                patch.kind() != null ? patch.kind() : current.kind(),
                patch.quantity() != null ? patch.quantity() : current.quantity(),
                patch.unit() != null ? patch.unit() : current.unit(),
                patch.unitPrice() != null ? patch.unitPrice() : current.unitPrice(),
                patch.taxRatePercent() != null ? patch.taxRatePercent() : current.taxRatePercent(),
                patch.reference() != null ? patch.reference() : current.reference(),
                patch.period() != null ? patch.period() : current.period(),
                patch.taxCategory() != null ? patch.taxCategory() : current.taxCategory(),
                patch.taxExemptionReason() != null ? patch.taxExemptionReason() : current.taxExemptionReason());
    }
}
