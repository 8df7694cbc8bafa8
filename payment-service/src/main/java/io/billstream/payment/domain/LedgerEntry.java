package io.billstream.payment.domain;

import io.billstream.platform.money.Money;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;

import java.util.Currency;

/**
 * What this service knows about one invoice: the facts from invoice-service's events (currency, total with late
 * fees, status, version) and the net amount paid here. The amount due is computed locally, so it is exact the
 * moment a payment or refund commits, whatever invoice-service has caught up on.
 */
public record LedgerEntry(String invoiceId, String tenantId, Currency currency, Money total, InvoiceStatus status,
                          long invoiceVersion, Money paidNet, Money credited) {

    /** Before credit notes: nothing credited. */
    public LedgerEntry(String invoiceId, String tenantId, Currency currency, Money total, InvoiceStatus status,
                       long invoiceVersion, Money paidNet) {
        this(invoiceId, tenantId, currency, total, status, invoiceVersion, paidNet, Money.zero(currency));
    }

    /** {@code total − credited − paidNet}, never below 0 (a credit beyond it is refunded, not owed). */
    public Money amountDue() {
        Money due = total.minus(credited).minus(paidNet);
        return due.isNegative() ? Money.zero(currency) : due;
    }

    /** Throws the problem (a DomainException) that refuses {@code amount}, if any. */
    public void checkPayment(Money amount) {
        if (!status.collectible()) {
            throw notPayable("is " + status.wire());
        }
        if (!amount.currency().equals(currency)) {
            throw DomainException.of(ErrorCode.CURRENCY_MISMATCH,
                    "The invoice is in " + currency.getCurrencyCode() + ", not " + amount.currencyCode() + ".");
        }
        Money due = amountDue();
        // Until invoice-service confirms `paid`, a fully paid invoice answers like any other overpayment
        // (the amount exceeds the 0.00 due); so N racing payments give the one refusal code for all losers.
        if (status == InvoiceStatus.PAID && !due.isPositive()) {
            throw notPayable("is paid");
        }
        if (amount.greaterThan(due)) {
            throw DomainException.of(ErrorCode.AMOUNT_EXCEEDS_DUE,
                    "The amount " + amount.toPlainString() + " exceeds the amount due " + due.toPlainString() + ".");
        }
    }

    public LedgerEntry paid(Money amount) {
        return new LedgerEntry(invoiceId, tenantId, currency, total, status, invoiceVersion, paidNet.plus(amount),
                credited);
    }

    public LedgerEntry refunded(Money amount) {
        return new LedgerEntry(invoiceId, tenantId, currency, total, status, invoiceVersion, paidNet.minus(amount),
                credited);
    }

    private DomainException notPayable(String why) {
        return DomainException.of(ErrorCode.INVOICE_NOT_PAYABLE, "Invoice " + invoiceId + " " + why + ".");
    }
}
