package io.billstream.invoice.invoicing.domain;

import io.billstream.invoice.invoicing.api.CreditNoteIssued;
import io.billstream.invoice.invoicing.api.CreditNoteRefundFailed;
import io.billstream.invoice.invoicing.api.DraftTerms;
import io.billstream.invoice.invoicing.api.DraftInvoiceDeleted;
import io.billstream.invoice.invoicing.api.InvoiceBecameOverdue;
import io.billstream.invoice.invoicing.api.InvoiceCreated;
import io.billstream.invoice.invoicing.api.InvoiceDraftUpdated;
import io.billstream.invoice.invoicing.api.InvoiceEvent;
import io.billstream.invoice.invoicing.api.InvoiceIssued;
import io.billstream.invoice.invoicing.api.InvoiceMarkedUncollectible;
import io.billstream.invoice.invoicing.api.InvoicePaid;
import io.billstream.invoice.invoicing.api.InvoiceVoided;
import io.billstream.invoice.invoicing.api.LateFeeAssessed;
import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.invoicing.api.LineItemAdded;
import io.billstream.invoice.invoicing.api.LineItemRemoved;
import io.billstream.invoice.invoicing.api.LineItemUpdated;
import io.billstream.invoice.invoicing.api.PaymentApplied;
import io.billstream.invoice.invoicing.api.RecurringRunRef;
import io.billstream.invoice.invoicing.api.RefundApplied;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.events.data.LineItemData;
import io.billstream.platform.events.data.EmailSettingsData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.events.data.TaxLineData;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An invoice as its events leave it. The aggregate, the read model, the Kafka publisher, {@code GET ...?asOf=} and
 * history all fold events through this one class, so they can never disagree about totals or status.
 */
public final class InvoiceState {

    private String id;
    private String tenantId;
    private InvoiceStatus status;
    private String customerId;
    private PartyData customer;
    private PartyData seller;
    private EmailSettingsData emailSettings;
    private Currency currency;
    private final LinkedHashMap<String, LineItem> lines = new LinkedHashMap<>();
    private String notes;
    private String terms;
    private Integer dueInDays;
    private LocalDate dueDate;
    private boolean dueDateFixed;
    private BigDecimal lateFeePercent = BigDecimal.ZERO;
    private String reference;
    private String buyerReference;
    private Map<String, String> metadata = Map.of();
    private String number;
    private LocalDate issueDate;
    private Instant paidAt;
    private Instant voidedAt;
    private BigDecimal amountPaid = BigDecimal.ZERO;
    private BigDecimal lateFees = BigDecimal.ZERO;
    private int lateFeeMonths;
    private final Set<String> payments = new HashSet<>();
    private final Set<String> refunds = new HashSet<>();
    private final LinkedHashMap<String, CreditNote> creditNotes = new LinkedHashMap<>();
    private BigDecimal amountCredited = BigDecimal.ZERO;
    private boolean deleted;
    private RecurringRunRef recurring;
    private boolean sendOnIssue;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;

    /**
     * @param occurredAt the event's timestamp. The event store keeps milliseconds, so the fold does too: the state
     *                   a command handler returns (live events, nanoseconds) then equals a later read of the stream.
     */
    public void apply(InvoiceEvent event, Instant occurredAt) {
        Instant at = occurredAt.truncatedTo(ChronoUnit.MILLIS);
        switch (event) {
            case InvoiceCreated e -> created(e, at);
            case InvoiceDraftUpdated e -> draftUpdated(e);
            case LineItemAdded e -> lines.put(e.lineItem().id(), e.lineItem());
            case LineItemUpdated e -> lines.put(e.lineItem().id(), e.lineItem());
            case LineItemRemoved e -> lines.remove(e.lineItemId());
            case DraftInvoiceDeleted e -> deleted = true;
            case InvoiceIssued e -> issued(e);
            case InvoiceVoided e -> {
                status = InvoiceStatus.VOID;
                voidedAt = at;
            }
            case InvoiceMarkedUncollectible e -> status = InvoiceStatus.UNCOLLECTIBLE;
            case PaymentApplied e -> {
                payments.add(e.paymentId());
                amountPaid = amountPaid.add(e.amount());
            }
            case InvoicePaid e -> {
                status = InvoiceStatus.PAID;
                paidAt = at;
            }
            case RefundApplied e -> {
                refunds.add(e.refundId());
                if (e.creditNoteId() != null && creditNotes.containsKey(e.creditNoteId())) {
                    creditNotes.computeIfPresent(e.creditNoteId(), (k, note) -> note.refunded(e.amount()));
                }
                amountPaid = amountPaid.subtract(e.amount());
                status = InvoiceStatus.fromWire(e.status());
                if (status != InvoiceStatus.PAID) {
                    paidAt = null;
                }
            }
            case InvoiceBecameOverdue e -> status = InvoiceStatus.OVERDUE;
            case LateFeeAssessed e -> {
                lateFeeMonths = e.month();
                lateFees = lateFees.add(e.amount());
            }
            case CreditNoteIssued e -> {
                creditNotes.put(e.creditNoteId(), CreditNote.issued(e, at));
                amountCredited = amountCredited.add(e.total());
            }
            case CreditNoteRefundFailed e ->
                    creditNotes.computeIfPresent(e.creditNoteId(), (k, note) -> note.failed(e.unrefundedAmount()));
        }
        version++;
        updatedAt = at;
    }

    private void created(InvoiceCreated e, Instant at) {
        id = e.invoiceId();
        tenantId = e.tenantId();
        status = InvoiceStatus.DRAFT;
        createdAt = at;
        DraftTerms d = e.draft();
        customerId = d.customerId();
        customer = e.customer();
        currency = CurrencyCodes.parse(d.currency());
        notes = d.notes();
        terms = d.terms();
        dueInDays = d.dueInDays();
        dueDate = d.dueDate();
        dueDateFixed = d.dueDate() != null;
        lateFeePercent = d.lateFeePercentPerMonth() == null ? BigDecimal.ZERO : d.lateFeePercentPerMonth();
        reference = d.reference();
        buyerReference = d.buyerReference();
        metadata = d.metadata() == null ? Map.of() : Map.copyOf(d.metadata());
        e.lineItems().forEach(line -> lines.put(line.id(), line));
        recurring = e.recurring();
        sendOnIssue = e.sendOnIssue();
    }

    private void draftUpdated(InvoiceDraftUpdated e) {
        DraftTerms c = e.changes();
        if (c.customerId() != null) {
            customerId = c.customerId();
            customer = e.customer();
        }
        if (c.currency() != null) {
            currency = CurrencyCodes.parse(c.currency());
        }
        if (c.notes() != null) {
            notes = c.notes();
        }
        if (c.terms() != null) {
            terms = c.terms();
        }
        if (c.dueInDays() != null) {
            dueInDays = c.dueInDays();
            dueDate = null;
            dueDateFixed = false;
        }
        if (c.dueDate() != null) {
            dueDate = c.dueDate();
            dueDateFixed = true;
        }
        if (c.lateFeePercentPerMonth() != null) {
            lateFeePercent = c.lateFeePercentPerMonth();
        }
        if (c.reference() != null) {
            reference = c.reference();
        }
        if (c.metadata() != null) {
            metadata = Map.copyOf(c.metadata());
        }
        if (c.buyerReference() != null) {
            buyerReference = c.buyerReference();
        }
    }

    private void issued(InvoiceIssued e) {
        number = e.number();
        issueDate = e.issueDate();
        dueDate = e.dueDate();
        customer = e.customer();
        seller = e.seller();
        emailSettings = e.emailSettings();
        status = InvoiceStatus.fromWire(e.status());
    }

    // ---- derived figures (API contract §5) ----

    public Money lineAmount(LineItem line) {
        return Money.rounded(line.quantity().multiply(line.unitPrice()), currency);
    }

    public Money subtotal() {
        Money sum = Money.zero(currency);
        for (LineItem line : lines.values()) {
            sum = sum.plus(lineAmount(line));
        }
        return sum;
    }

    /** Tax per rate on the summed base of that rate, then rounded; untaxed lines have no row. */
    public List<TaxLineData> taxBreakdown() {
        Map<BigDecimal, Money> bases = new TreeMap<>();
        for (LineItem line : lines.values()) {
            if (line.taxRatePercent() != null) {
                bases.merge(normalized(line.taxRatePercent()), lineAmount(line), Money::plus);
            }
        }
        List<TaxLineData> rows = new ArrayList<>();
        bases.forEach((rate, base) -> rows.add(
                new TaxLineData(rate.toPlainString(), base.toPlainString(), base.percent(rate).toPlainString())));
        return rows;
    }

    public Money taxTotal() {
        Money sum = Money.zero(currency);
        for (TaxLineData row : taxBreakdown()) {
            sum = sum.plus(Money.of(new BigDecimal(row.tax()), currency));
        }
        return sum;
    }

    public Money lateFees() {
        return new Money(lateFees, currency);
    }

    public Money total() {
        return subtotal().plus(taxTotal()).plus(lateFees());
    }

    public Money amountPaid() {
        return new Money(amountPaid, currency);
    }

    /** The sum of the invoice's credit notes (API contract §13). */
    public Money amountCredited() {
        return new Money(amountCredited, currency);
    }

    /**
     * {@code total − amountPaid − amountCredited}, never below 0: a credit beyond what was due is owed back by a
     * refund (pending until payment-service has made it), not shown as a negative amount due.
     */
    public Money amountDue() {
        Money due = total().minus(amountPaid()).minus(amountCredited());
        return due.isNegative() ? Money.zero(currency) : due;
    }

    /** The late-fee base of API contract §5 and §13: subtotal + taxTotal − amountPaid − amountCredited (no compounding). */
    public Money lateFeeBase() {
        return subtotal().plus(taxTotal()).minus(amountPaid()).minus(amountCredited());
    }

    /** Due date once known: fixed by the draft, or issue date + terms. */
    public LocalDate dueDateFor(LocalDate issueDate) {
        return dueDateFixed ? dueDate : issueDate.plusDays(dueInDays == null ? 0 : dueInDays);
    }

    public Integer paymentTermsDays() {
        if (!dueDateFixed) {
            return dueInDays;
        }
        return issueDate == null ? null : (int) ChronoUnit.DAYS.between(issueDate, dueDate);
    }

    static BigDecimal normalized(BigDecimal percent) {
        BigDecimal stripped = percent.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    // ---- the wire snapshot ----

    /**
     * The bill-to block with the buyer reference (API contract §14) the e-invoice carries: the invoice's own, else the one
     * the customer had when the block was snapshotted (at creation for drafts, at issue after).
     */
    public PartyData billTo() {
        if (customer == null || buyerReference == null) {
            return customer;
        }
        return customer.withBuyerReference(buyerReference);
    }

    public InvoiceData toData(Map<String, Object> change) {
        List<LineItemData> lineData = lines.values().stream().map(line -> new LineItemData(line.id(),
                line.description(), line.kind(), line.quantity().toPlainString(), line.unit(),
                new Money(line.unitPrice(), currency).toPlainString(),
                line.taxRatePercent() == null ? null : normalized(line.taxRatePercent()).toPlainString(),
                line.reference(), line.period(), lineAmount(line).toPlainString(), line.effectiveTaxCategory(),
                line.taxExemptionReason())).toList();
        return new InvoiceData(id, number, status.wire(), customerId, billTo(), seller, currency.getCurrencyCode(),
                lineData, subtotal().toPlainString(), taxBreakdown(), taxTotal().toPlainString(),
                lateFees().toPlainString(), total().toPlainString(), amountPaid().toPlainString(),
                amountDue().toPlainString(), issueDate, dueDate, paidAt, voidedAt, notes, terms, reference, metadata,
                paymentTermsDays(), normalized(lateFeePercent).toPlainString(), version, createdAt, updatedAt,
                change, recurring == null ? null : recurring.recurringInvoiceId(),
                recurring == null ? null : recurring.runNumber(), sendOnIssue, emailSettings,
                amountCredited().toPlainString());
    }

    // ---- accessors the aggregate decides with ----

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public InvoiceStatus status() {
        return status;
    }

    public String customerId() {
        return customerId;
    }

    public Currency currency() {
        return currency;
    }

    public Map<String, LineItem> lines() {
        return lines;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public LocalDate issueDate() {
        return issueDate;
    }

    public BigDecimal lateFeePercent() {
        return lateFeePercent;
    }

    public int lateFeeMonths() {
        return lateFeeMonths;
    }

    public boolean hasPayment(String paymentId) {
        return payments.contains(paymentId);
    }

    public boolean hasRefund(String refundId) {
        return refunds.contains(refundId);
    }

    /** The invoice's credit notes in the order they were issued. */
    public Map<String, CreditNote> creditNotes() {
        return creditNotes;
    }

    public PartyData customer() {
        return customer;
    }

    public PartyData seller() {
        return seller;
    }

    public String number() {
        return number;
    }

    public boolean deleted() {
        return deleted;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
