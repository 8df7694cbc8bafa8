package io.billstream.invoice.recurring.domain;

import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.invoicing.domain.Invoice;
import io.billstream.invoice.recurring.api.CancelRecurringInvoice;
import io.billstream.invoice.recurring.api.CreateRecurringInvoice;
import io.billstream.invoice.recurring.api.PauseRecurringInvoice;
import io.billstream.invoice.recurring.api.RecurringChanges;
import io.billstream.invoice.recurring.api.RecurringInvoiceCancelled;
import io.billstream.invoice.recurring.api.RecurringInvoiceCompleted;
import io.billstream.invoice.recurring.api.RecurringInvoiceCreated;
import io.billstream.invoice.recurring.api.RecurringInvoiceEvent;
import io.billstream.invoice.recurring.api.RecurringInvoicePaused;
import io.billstream.invoice.recurring.api.RecurringInvoiceRan;
import io.billstream.invoice.recurring.api.RecurringInvoiceResumed;
import io.billstream.invoice.recurring.api.RecurringInvoiceUpdated;
import io.billstream.invoice.recurring.api.RecurringSchedule;
import io.billstream.invoice.recurring.api.RecurringTemplate;
import io.billstream.invoice.recurring.api.ResumeRecurringInvoice;
import io.billstream.invoice.recurring.api.UpdateRecurringInvoice;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.FieldViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A recurring invoice schedule (API contract §11). Each run is a durable deadline for exactly one (run number, run date);
 * the run creates its invoice through {@link InvoiceRuns} in the same unit of work (one transaction) that records
 * {@link RecurringInvoiceRan}, and then schedules the next run. A firing that is not for the very next run of an
 * active schedule does nothing, so a timer firing twice, late, or after a pause never makes a second invoice.
 */
@Aggregate
public class RecurringInvoice {

    public static final String RUN_DEADLINE = "recurring-invoice-run";
    private static final java.time.Duration EARLY_RETRY = java.time.Duration.ofMinutes(1);

    @AggregateIdentifier
    private String id;
    private RecurringState state;

    protected RecurringInvoice() {
    }

    @CommandHandler
    public RecurringInvoice(CreateRecurringInvoice command, @MetaDataValue(Invoice.TENANT) String tenant, Clock clock,
                            DeadlineManager deadlines) {
        RecurringSchedule schedule = command.schedule();
        RecurringTemplate template = command.template();
        List<FieldViolation> errors = new ArrayList<>(RecurringRules.schedule(schedule.interval(),
                schedule.intervalCount(), schedule.anchorDate(), schedule.endAfterRuns(), schedule.endDate(),
                today(clock)));
        errors.addAll(RecurringRules.mode(template.mode()));
        errors.addAll(RecurringRules.lines(template.lineItems(), CurrencyCodes.parse(template.currency())));
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
        apply(new RecurringInvoiceCreated(command.recurringInvoiceId(), tenant, command.customerId(), template,
                schedule, command.sellerName()));
        // An anchor of today or in the past is due at once: db-scheduler runs a past-due timer on its next poll.
        deadlines.schedule(startOfDay(schedule.anchorDate()), RUN_DEADLINE,
                new RunDue(command.recurringInvoiceId(), 1, schedule.anchorDate()));
    }

    @CommandHandler
    public void handle(UpdateRecurringInvoice command, @MetaDataValue(Invoice.TENANT) String tenant) {
        requireTenant(tenant);
        if (!command.expectedVersion().matches(state.version())) {
            throw DomainException.versionMismatch(state.version());
        }
        requireNotFinal();
        RecurringChanges c = command.changes();
        if (c.endAfterRuns() != null && c.endDate() != null) {
            throw DomainException.validation("endDate", "give either endAfterRuns or endDate, not both");
        }
        RecurringTemplate t = state.template();
        RecurringTemplate merged = new RecurringTemplate(t.currency(),
                c.lineItems() != null ? List.copyOf(c.lineItems()) : t.lineItems(),
                c.mode() != null ? c.mode() : t.mode(),
                c.sendOnIssue() != null ? c.sendOnIssue() : t.sendOnIssue(),
                c.dueInDays() != null ? c.dueInDays() : t.dueInDays(),
                c.notes() != null ? c.notes() : t.notes(),
                c.terms() != null ? c.terms() : t.terms(),
                c.reference() != null ? c.reference() : t.reference(),
                c.lateFeePercentPerMonth() != null ? c.lateFeePercentPerMonth() : t.lateFeePercentPerMonth(),
                c.metadata() != null ? c.metadata() : t.metadata());
        Integer endAfterRuns = state.schedule().endAfterRuns();
        LocalDate endDate = state.schedule().endDate();
        if (c.endAfterRuns() != null) {
            endAfterRuns = c.endAfterRuns();
            endDate = null;
        } else if (c.endDate() != null) {
            endDate = c.endDate();
            endAfterRuns = null;
        }
        List<FieldViolation> errors = new ArrayList<>(RecurringRules.mode(merged.mode()));
        errors.addAll(RecurringRules.lines(merged.lineItems(), CurrencyCodes.parse(merged.currency())));
        if (c.endAfterRuns() != null && (c.endAfterRuns() < state.runs() || c.endAfterRuns() < 1)) {
            errors.add(new FieldViolation("endAfterRuns",
                    "must be at least 1 and at least the runs already made (" + state.runs() + ")"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
        if (merged.equals(t) && Objects.equals(endAfterRuns, state.schedule().endAfterRuns())
                && Objects.equals(endDate, state.schedule().endDate())) {
            return;
        }
        apply(new RecurringInvoiceUpdated(id, merged, endAfterRuns, endDate));
        if (state.status() == RecurringStatus.ACTIVE && !state.hasNextRun()) {
            apply(new RecurringInvoiceCompleted(id));
        }
    }

    @CommandHandler
    public void handle(PauseRecurringInvoice command, @MetaDataValue(Invoice.TENANT) String tenant) {
        requireTenant(tenant);
        if (state.status() != RecurringStatus.ACTIVE) {
            throw RecurringErrors.notActive(state.status());
        }
        apply(new RecurringInvoicePaused(id, null));
    }

    @CommandHandler
    public void handle(ResumeRecurringInvoice command, @MetaDataValue(Invoice.TENANT) String tenant, Clock clock,
                       DeadlineManager deadlines) {
        requireTenant(tenant);
        requireNotFinal();
        if (state.status() != RecurringStatus.PAUSED) {
            throw RecurringErrors.notPaused();
        }
        // Periods whose date passed while paused are skipped, not billed; today's still runs.
        int next = RunCalendar.firstPeriodOnOrAfter(state.schedule(), today(clock), state.period());
        apply(new RecurringInvoiceResumed(id, next));
        continueOrComplete(deadlines);
    }

    @CommandHandler
    public void handle(CancelRecurringInvoice command, @MetaDataValue(Invoice.TENANT) String tenant) {
        requireTenant(tenant);
        requireNotFinal();
        apply(new RecurringInvoiceCancelled(id));
    }

    @DeadlineHandler(deadlineName = RUN_DEADLINE)
    public void onRunDue(RunDue due, InvoiceRuns invoices, Clock clock, DeadlineManager deadlines) {
        if (!state.isDue(due)) {
            return;
        }
        if (due.runDate().isAfter(today(clock))) {
            // Fired early (db-scheduler saw the day begin, this instance's clock has not): try again shortly, not in
            // a busy loop on the same past instant.
            Instant retry = clock.instant().plus(EARLY_RETRY);
            deadlines.schedule(retry.isAfter(startOfDay(due.runDate())) ? retry : startOfDay(due.runDate()),
                    RUN_DEADLINE, due);
            return;
        }
        RunOrder order = state.orderForNextRun();
        Optional<String> invoiceId = invoices.create(order);
        if (invoiceId.isEmpty()) {
            apply(new RecurringInvoicePaused(id, RecurringInvoicePaused.CUSTOMER_UNAVAILABLE));
            return;
        }
        apply(new RecurringInvoiceRan(id, order.runNumber(), order.runDate(), invoiceId.get()));
        continueOrComplete(deadlines);
    }

    @EventSourcingHandler
    void on(RecurringInvoiceEvent event, @Timestamp Instant at) {
        if (event instanceof RecurringInvoiceCreated created) {
            id = created.recurringInvoiceId();
            state = new RecurringState();
        }
        state.apply(event, at);
    }

    /** Completes the schedule when its end is reached, else sets the timer of the next run (at once if past due). */
    private void continueOrComplete(DeadlineManager deadlines) {
        if (!state.hasNextRun()) {
            apply(new RecurringInvoiceCompleted(id));
            return;
        }
        RunDue next = state.nextDue();
        deadlines.schedule(startOfDay(next.runDate()), RUN_DEADLINE, next);
    }

    private void requireTenant(String tenant) {
        if (tenant == null || !tenant.equals(state.tenantId())) {
            throw RecurringErrors.notFound();
        }
    }

    private void requireNotFinal() {
        if (state.status().isFinal()) {
            throw RecurringErrors.notActive(state.status());
        }
    }

    private static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private static Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

}
