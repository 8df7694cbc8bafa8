package io.billstream.invoice.recurring.domain;

import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.recurring.api.RecurringInvoiceCancelled;
import io.billstream.invoice.recurring.api.RecurringInvoiceCompleted;
import io.billstream.invoice.recurring.api.RecurringInvoiceCreated;
import io.billstream.invoice.recurring.api.RecurringInvoiceEvent;
import io.billstream.invoice.recurring.api.RecurringInvoicePaused;
import io.billstream.invoice.recurring.api.RecurringInvoiceRan;
import io.billstream.invoice.recurring.api.RecurringInvoiceView;
import io.billstream.invoice.recurring.api.RecurringInvoiceResumed;
import io.billstream.invoice.recurring.api.RecurringInvoiceUpdated;
import io.billstream.invoice.recurring.api.RecurringSchedule;
import io.billstream.invoice.recurring.api.RecurringTemplate;
import io.billstream.platform.events.data.LineItemData;
import io.billstream.platform.events.data.PeriodData;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * A schedule as its events leave it; the aggregate, {@code GET}, the list view and the Kafka publisher all fold
 * through this class. {@code period} is the index of the next run date (see {@link RunCalendar}); {@code runs}
 * counts invoices created, so run numbers have no gaps even when paused periods were skipped.
 */
public final class RecurringState {

    private String id;
    private String tenantId;
    private String customerId;
    private RecurringTemplate template;
    private RecurringSchedule schedule;
    private String sellerName;
    private RecurringStatus status;
    private String pausedReason;
    private int period;
    private int runs;
    private String lastInvoiceId;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;

    public void apply(RecurringInvoiceEvent event, Instant at) {
        switch (event) {
            case RecurringInvoiceCreated e -> {
                id = e.recurringInvoiceId();
                tenantId = e.tenantId();
                customerId = e.customerId();
                template = e.template();
                schedule = e.schedule();
                sellerName = e.sellerName();
                status = RecurringStatus.ACTIVE;
                createdAt = at;
            }
            case RecurringInvoiceUpdated e -> {
                template = e.template();
                schedule = new RecurringSchedule(schedule.interval(), schedule.intervalCount(), schedule.anchorDate(),
                        e.endAfterRuns(), e.endDate());
            }
            case RecurringInvoicePaused e -> {
                status = RecurringStatus.PAUSED;
                pausedReason = e.reason();
            }
            case RecurringInvoiceResumed e -> {
                status = RecurringStatus.ACTIVE;
                pausedReason = null;
                period = e.nextPeriod();
            }
            case RecurringInvoiceCancelled e -> status = RecurringStatus.CANCELLED;
            case RecurringInvoiceCompleted e -> status = RecurringStatus.COMPLETED;
            case RecurringInvoiceRan e -> {
                runs = e.runNumber();
                lastInvoiceId = e.invoiceId();
                period++;
            }
        }
        version++;
        updatedAt = at;
    }

    /** The date of the next period, whatever the status. */
    public LocalDate upcomingRunDate() {
        return RunCalendar.runDate(schedule, period);
    }

    /** Whether the end (a run count or a last date) still allows the upcoming run. */
    public boolean hasNextRun() {
        if (schedule.endAfterRuns() != null && runs >= schedule.endAfterRuns()) {
            return false;
        }
        return schedule.endDate() == null || !upcomingRunDate().isAfter(schedule.endDate());
    }

    /** A firing acts only for the schedule's very next run, while active. */
    public boolean isDue(RunDue due) {
        return status == RecurringStatus.ACTIVE && due.runNumber() == runs + 1
                && due.runDate().equals(upcomingRunDate());
    }

    public RunDue nextDue() {
        return new RunDue(id, runs + 1, upcomingRunDate());
    }

    /**
     * The next run's invoice: template lines with fresh ids and, where they have none, the billing period from the
     * run date to the day before the following run date.
     */
    public RunOrder orderForNextRun() {
        LocalDate runDate = upcomingRunDate();
        PeriodData billed = new PeriodData(runDate, RunCalendar.runDate(schedule, period + 1).minusDays(1));
        List<LineItem> lines = template.lineItems().stream().map(line -> new LineItem(Ids.newId("li"),
                line.description(), line.kind(), line.quantity(), line.unit(), line.unitPrice(),
                line.taxRatePercent(), line.reference(), line.period() != null ? line.period() : billed,
                line.taxCategory(), line.taxExemptionReason())).toList();
        RecurringTemplate forRun = new RecurringTemplate(template.currency(), lines, template.mode(),
                template.sendOnIssue(), template.dueInDays(), template.notes(), template.terms(), template.reference(),
                template.lateFeePercentPerMonth(), template.metadata());
        int runNumber = runs + 1;
        return new RunOrder(tenantId, id, runNumber, runDate, RecurringIds.invoiceIdFor(id, runNumber), customerId,
                forRun, sellerName);
    }

    public RecurringInvoiceView toResponse() {
        Currency currency = CurrencyCodes.parse(template.currency());
        List<LineItemData> lines = template.lineItems().stream().map(line -> new LineItemData(line.id(),
                line.description(), line.kind(), line.quantity().toPlainString(), line.unit(),
                new Money(line.unitPrice(), currency).toPlainString(),
                line.taxRatePercent() == null ? null : plain(line.taxRatePercent()), line.reference(), line.period(),
                Money.rounded(line.quantity().multiply(line.unitPrice()), currency).toPlainString(),
                line.effectiveTaxCategory(), line.taxExemptionReason())).toList();
        return new RecurringInvoiceView(id, status.wire(), customerId, template.currency(), lines,
                schedule.interval(), schedule.intervalCount(), schedule.anchorDate(), schedule.endAfterRuns(),
                schedule.endDate(), template.mode(), template.sendOnIssue(), template.dueInDays(), template.notes(),
                template.terms(), template.reference(),
                template.lateFeePercentPerMonth() == null ? null : plain(template.lateFeePercentPerMonth()),
                template.metadata() == null ? Map.of() : template.metadata(),
                status == RecurringStatus.ACTIVE ? upcomingRunDate() : null, runs, lastInvoiceId, pausedReason,
                version, createdAt, updatedAt);
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String customerId() {
        return customerId;
    }

    public RecurringStatus status() {
        return status;
    }

    public RecurringTemplate template() {
        return template;
    }

    public RecurringSchedule schedule() {
        return schedule;
    }

    public int period() {
        return period;
    }

    public int runs() {
        return runs;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
