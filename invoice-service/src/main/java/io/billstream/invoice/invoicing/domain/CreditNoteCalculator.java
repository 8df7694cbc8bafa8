package io.billstream.invoice.invoicing.domain;

import io.billstream.invoice.invoicing.api.CreditNoteIssued;
import io.billstream.invoice.invoicing.api.IssueCreditNote;
import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.money.Money;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Works out a credit note against an invoice as it stands (API contract §13), or refuses it. Pure: the aggregate calls it
 * after its status check and before it takes a number.
 *
 * <ul>
 *   <li>Line credits are net amounts at the invoice line's rate; tax per rate is rounded on the cumulative credited
 *   base of that rate ({@code round((earlier + this) × rate) − earlier tax}), so crediting every line in several
 *   notes gives back exactly the invoice's tax, never a cent more.</li>
 *   <li>A bare amount is gross. It is split over the invoice's rate groups (untaxed lines and late fees are groups
 *   of their own) in proportion to what remains uncredited in each, by cumulative half-up rounding
 *   ({@code part_i = round(A × cum_i / G) − round(A × cum_{i−1} / G)}), so the parts add up to A exactly; each
 *   taxed part is then split into net {@code round(part / (1 + rate))} and tax {@code part − net}.</li>
 * </ul>
 */
final class CreditNoteCalculator {

    private static final int MAX_QUANTITY_DECIMALS = 4;
    private static final MathContext EXACT = MathContext.DECIMAL128;

    private final InvoiceState invoice;
    private final Currency currency;
    private final Map<String, BigDecimal> creditedNetByLine = new HashMap<>();
    private final Map<String, BigDecimal> creditedQuantityByLine = new HashMap<>();
    private final Map<BigDecimal, BigDecimal> creditedBaseByRate = new HashMap<>();
    private final Map<BigDecimal, BigDecimal> creditedTaxByRate = new HashMap<>();
    private BigDecimal creditedUntaxed = BigDecimal.ZERO;
    private BigDecimal creditedLateFees = BigDecimal.ZERO;

    CreditNoteCalculator(InvoiceState invoice) {
        this.invoice = invoice;
        this.currency = invoice.currency();
        for (CreditNote note : invoice.creditNotes().values()) {
            for (CreditNoteIssued.Line line : note.issued().lines()) {
                if (line.lineItemId() != null) {
                    creditedNetByLine.merge(line.lineItemId(), line.amount(), BigDecimal::add);
                    if (line.creditedQuantity() != null) {
                        creditedQuantityByLine.merge(line.lineItemId(), line.creditedQuantity(), BigDecimal::add);
                    }
                }
                if (line.lateFees()) {
                    creditedLateFees = creditedLateFees.add(line.amount());
                } else if (line.taxRatePercent() == null) {
                    creditedUntaxed = creditedUntaxed.add(line.amount());
                }
            }
            for (CreditNoteIssued.Tax tax : note.issued().taxBreakdown()) {
                BigDecimal rate = InvoiceState.normalized(tax.ratePercent());
                creditedBaseByRate.merge(rate, tax.base(), BigDecimal::add);
                creditedTaxByRate.merge(rate, tax.tax(), BigDecimal::add);
            }
        }
    }

    /** The credit note the command asks for, or the problem that refuses it. */
    CreditNoteIssued compute(IssueCreditNote command, String number, LocalDate issueDate) {
        List<CreditNoteIssued.Line> lines;
        List<IssueCreditNote.CreditLine> requested = command.lines();
        if (requested != null && command.amount() != null) {
            throw InvoiceErrors.invalid("amount", "give either lines or an amount, not both");
        }
        if (command.amount() != null) {
            lines = spread(command.amount());
        } else if (requested != null && !requested.isEmpty()) {
            lines = credited(requested);
        } else {
            throw InvoiceErrors.invalid("lines", "give lines or an amount to credit");
        }
        Map<BigDecimal, BigDecimal> bases = new TreeMap<>();
        for (CreditNoteIssued.Line line : lines) {
            if (line.taxRatePercent() != null) {
                bases.merge(InvoiceState.normalized(line.taxRatePercent()), line.amount(), BigDecimal::add);
            }
        }
        List<CreditNoteIssued.Tax> taxes = new ArrayList<>();
        boolean bare = command.amount() != null;
        bases.forEach((rate, base) -> taxes.add(new CreditNoteIssued.Tax(rate, scaled(base),
                bare ? bareTax.get(rate) : cumulativeTax(rate, base))));
        BigDecimal subtotal = scaled(lines.stream().map(CreditNoteIssued.Line::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal taxTotal = scaled(taxes.stream().map(CreditNoteIssued.Tax::tax)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        Money total = money(subtotal.add(taxTotal));
        if (!total.isPositive()) {
            throw DomainException.of(ErrorCode.AMOUNT_NOT_POSITIVE,
                    "The credit note's total must be greater than zero.");
        }
        Money creditable = invoice.total().minus(invoice.amountCredited());
        if (total.greaterThan(creditable)) {
            throw exceeds("The credit note's total " + total.toPlainString() + " exceeds what remains creditable on "
                    + "the invoice (" + creditable.toPlainString() + ").");
        }
        Money due = invoice.amountDue();
        Money credited = total.greaterThan(due) ? due : total;
        Money refund = total.minus(credited);
        return new CreditNoteIssued(invoice.id(), command.creditNoteId(), number, issueDate, command.reason(),
                command.memo(), List.copyOf(lines), List.copyOf(taxes), subtotal, taxTotal, total.amount(),
                credited.amount(), refund.amount());
    }

    // ---- lines ----

    private List<CreditNoteIssued.Line> credited(List<IssueCreditNote.CreditLine> requested) {
        List<CreditNoteIssued.Line> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            IssueCreditNote.CreditLine r = requested.get(i);
            String field = "lines[" + i + "]";
            if (r == null || r.lineItemId() == null) {
                throw InvoiceErrors.invalid(field + ".lineItemId", "is required");
            }
            LineItem line = invoice.lines().get(r.lineItemId());
            if (line == null) {
                throw InvoiceErrors.invalid(field + ".lineItemId", "is not a line of this invoice");
            }
            if (!seen.add(r.lineItemId())) {
                throw InvoiceErrors.invalid(field + ".lineItemId", "appears more than once");
            }
            if (r.quantity() != null && r.amount() != null) {
                throw InvoiceErrors.invalid(field, "give a quantity or an amount, not both");
            }
            Money lineAmount = invoice.lineAmount(line);
            Money remainingNet = lineAmount.minus(money(creditedNetByLine.getOrDefault(line.id(), BigDecimal.ZERO)));
            BigDecimal remainingQuantity = line.quantity()
                    .subtract(creditedQuantityByLine.getOrDefault(line.id(), BigDecimal.ZERO));
            if (r.quantity() != null) {
                out.add(byQuantity(line, r.quantity(), remainingQuantity, remainingNet, field));
            } else if (r.amount() != null) {
                out.add(byAmount(line, r.amount(), remainingNet, field));
            } else {
                out.add(rest(line, lineAmount, remainingQuantity, remainingNet));
            }
        }
        return out;
    }

    private CreditNoteIssued.Line byQuantity(LineItem line, BigDecimal quantity, BigDecimal remainingQuantity,
                                             Money remainingNet, String field) {
        if (quantity.signum() <= 0) {
            throw InvoiceErrors.invalid(field + ".quantity", "must be greater than 0");
        }
        if (quantity.stripTrailingZeros().scale() > MAX_QUANTITY_DECIMALS) {
            throw InvoiceErrors.invalid(field + ".quantity", "must have at most 4 decimal places");
        }
        if (quantity.compareTo(remainingQuantity) > 0) {
            throw InvoiceErrors.invalid(field + ".quantity", "exceeds the uncredited quantity "
                    + InvoiceState.normalized(remainingQuantity).toPlainString() + " of the line");
        }
        Money net = Money.rounded(quantity.multiply(line.unitPrice()), currency);
        if (net.greaterThan(remainingNet)) {
            throw exceeds("Line " + line.id() + " has " + remainingNet.toPlainString() + " left to credit.");
        }
        return line(line, quantity, line.unitPrice(), net.amount(), quantity);
    }

    private CreditNoteIssued.Line byAmount(LineItem line, BigDecimal amount, Money remainingNet, String field) {
        if (amount.signum() <= 0) {
            throw notPositive();
        }
        Money net = exact(amount, field + ".amount");
        if (net.greaterThan(remainingNet)) {
            throw exceeds("Line " + line.id() + " has " + remainingNet.toPlainString() + " left to credit.");
        }
        return line(line, BigDecimal.ONE, net.amount(), net.amount(), null);
    }

    /** Neither quantity nor amount: whatever of the line is still uncredited. */
    private CreditNoteIssued.Line rest(LineItem line, Money lineAmount, BigDecimal remainingQuantity,
                                       Money remainingNet) {
        if (!remainingNet.isPositive()) {
            throw exceeds("Line " + line.id() + " is already fully credited.");
        }
        if (remainingNet.equals(lineAmount) && remainingQuantity.compareTo(line.quantity()) == 0) {
            return line(line, line.quantity(), line.unitPrice(), lineAmount.amount(), line.quantity());
        }
        if (remainingQuantity.signum() > 0
                && Money.rounded(remainingQuantity.multiply(line.unitPrice()), currency).equals(remainingNet)) {
            return line(line, remainingQuantity, line.unitPrice(), remainingNet.amount(), remainingQuantity);
        }
        return line(line, BigDecimal.ONE, remainingNet.amount(), remainingNet.amount(), null);
    }

    private static CreditNoteIssued.Line line(LineItem line, BigDecimal quantity, BigDecimal unitPrice,
                                              BigDecimal amount, BigDecimal creditedQuantity) {
        return new CreditNoteIssued.Line(line.id(), line.description(), line.kind(), quantity, line.unit(), unitPrice,
                line.taxRatePercent() == null ? null : InvoiceState.normalized(line.taxRatePercent()),
                line.reference(), line.period(), amount, creditedQuantity, false);
    }

    private BigDecimal cumulativeTax(BigDecimal rate, BigDecimal base) {
        BigDecimal earlierBase = creditedBaseByRate.getOrDefault(rate, BigDecimal.ZERO);
        BigDecimal earlierTax = creditedTaxByRate.getOrDefault(rate, BigDecimal.ZERO);
        BigDecimal tax = money(earlierBase.add(base)).percent(rate).amount().subtract(earlierTax);
        return tax.signum() < 0 ? scaled(BigDecimal.ZERO) : scaled(tax);
    }

    // ---- a bare amount ----

    private final Map<BigDecimal, BigDecimal> bareTax = new HashMap<>();

    private record Group(BigDecimal rate, boolean lateFees, BigDecimal remaining, String kind) {
    }

    private List<CreditNoteIssued.Line> spread(BigDecimal requested) {
        if (requested.signum() <= 0) {
            throw notPositive();
        }
        Money amount = exact(requested, "amount");
        List<Group> groups = groups();
        BigDecimal whole = groups.stream().map(Group::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (whole.signum() <= 0 || amount.amount().compareTo(whole) > 0) {
            throw exceeds("The amount " + amount.toPlainString() + " exceeds what remains creditable on the invoice ("
                    + money(whole.max(BigDecimal.ZERO)).toPlainString() + ").");
        }
        List<CreditNoteIssued.Line> out = new ArrayList<>();
        BigDecimal cumulative = BigDecimal.ZERO;
        BigDecimal before = BigDecimal.ZERO;
        String what = invoice.number() == null ? "the invoice" : "invoice " + invoice.number();
        for (Group group : groups) {
            cumulative = cumulative.add(group.remaining());
            BigDecimal upTo = scaled(amount.amount().multiply(cumulative).divide(whole, EXACT));
            BigDecimal part = upTo.subtract(before);
            before = upTo;
            if (part.signum() == 0) {
                continue;
            }
            if (group.lateFees()) {
                out.add(new CreditNoteIssued.Line(null, "Late fees", "service", BigDecimal.ONE, null, part, null,
                        null, null, part, null, true));
            } else if (group.rate() == null) {
                out.add(new CreditNoteIssued.Line(null, "Credit on " + what, group.kind(), BigDecimal.ONE, null,
                        part, null, null, null, part, null, false));
            } else {
                BigDecimal net = scaled(part.multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(100).add(group.rate()), EXACT));
                bareTax.merge(group.rate(), part.subtract(net), BigDecimal::add);
                out.add(new CreditNoteIssued.Line(null, "Credit on " + what + " at " + group.rate().toPlainString()
                        + "% tax", group.kind(), BigDecimal.ONE, null, net, group.rate(), null, null, net, null,
                        false));
            }
        }
        return out;
    }

    /** What remains uncredited per tax rate (gross), of untaxed lines and of late fees, in that order. */
    private List<Group> groups() {
        Map<BigDecimal, BigDecimal> base = new TreeMap<>();
        Map<BigDecimal, Set<String>> kinds = new HashMap<>();
        BigDecimal untaxed = BigDecimal.ZERO;
        Set<String> untaxedKinds = new HashSet<>();
        for (LineItem line : invoice.lines().values()) {
            BigDecimal amount = invoice.lineAmount(line).amount();
            if (line.taxRatePercent() == null) {
                untaxed = untaxed.add(amount);
                untaxedKinds.add(line.kind());
            } else {
                BigDecimal rate = InvoiceState.normalized(line.taxRatePercent());
                base.merge(rate, amount, BigDecimal::add);
                kinds.computeIfAbsent(rate, r -> new HashSet<>()).add(line.kind());
            }
        }
        List<Group> groups = new ArrayList<>();
        base.forEach((rate, b) -> {
            BigDecimal gross = b.add(money(b).percent(rate).amount());
            BigDecimal remaining = gross.subtract(creditedBaseByRate.getOrDefault(rate, BigDecimal.ZERO))
                    .subtract(creditedTaxByRate.getOrDefault(rate, BigDecimal.ZERO));
            groups.add(new Group(rate, false, remaining, kindOf(kinds.get(rate))));
        });
        groups.add(new Group(null, false, untaxed.subtract(creditedUntaxed), kindOf(untaxedKinds)));
        groups.add(new Group(null, true, invoice.lateFees().amount().subtract(creditedLateFees), "service"));
        return groups.stream().filter(g -> g.remaining().signum() > 0).toList();
    }

    private static String kindOf(Set<String> kinds) {
        return kinds != null && kinds.size() == 1 && kinds.contains("expense") ? "expense" : "service";
    }

    // ---- money ----

    private Money exact(BigDecimal amount, String field) {
        if (amount.stripTrailingZeros().scale() > CurrencyCodes.minorDigits(currency)) {
            throw InvoiceErrors.invalid(field, "must have at most " + CurrencyCodes.minorDigits(currency)
                    + " decimal places for " + currency.getCurrencyCode());
        }
        return new Money(amount, currency);
    }

    private Money money(BigDecimal amount) {
        return new Money(amount, currency);
    }

    private BigDecimal scaled(BigDecimal amount) {
        return amount.setScale(CurrencyCodes.minorDigits(currency), RoundingMode.HALF_UP);
    }

    private static DomainException notPositive() {
        return DomainException.of(ErrorCode.AMOUNT_NOT_POSITIVE, "A credit must be greater than zero.");
    }

    static DomainException exceeds(String detail) {
        return DomainException.of(ErrorCode.CREDIT_EXCEEDS_INVOICE, Objects.requireNonNull(detail));
    }
}
