package io.billstream.payment.domain;

import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.money.Money;
import io.billstream.platform.errors.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerEntryTest {

    private static final Currency USD = CurrencyCodes.parse("USD");

    @Test
    void theAmountDueIsTheTotalLessWhatWasPaidHere() {
        LedgerEntry entry = entry(InvoiceStatus.OPEN, "100.00", "0.00").paid(usd("30.00")).paid(usd("20.00"))
                .refunded(usd("5.00"));
        assertThat(entry.amountDue()).isEqualTo(usd("55.00"));
        entry.checkPayment(usd("55.00"));
        assertThat(code(() -> entry.checkPayment(usd("55.01")))).isEqualTo("amount_exceeds_due");
    }

    @Test
    void onlyIssuedCollectibleInvoicesArePayable() {
        for (InvoiceStatus status : new InvoiceStatus[]{InvoiceStatus.DRAFT, InvoiceStatus.VOID,
                InvoiceStatus.UNCOLLECTIBLE}) {
            assertThat(code(() -> entry(status, "10.00", "0.00").checkPayment(usd("1.00"))))
                    .as(status.wire()).isEqualTo("invoice_not_payable");
        }
        entry(InvoiceStatus.OVERDUE, "10.00", "0.00").checkPayment(usd("10.00"));
    }

    @Test
    void paidIsRefusedWhenNothingIsDueButPayableAfterARefundMadeHere() {
        assertThat(code(() -> entry(InvoiceStatus.PAID, "10.00", "10.00").checkPayment(usd("1.00"))))
                .isEqualTo("invoice_not_payable");
        entry(InvoiceStatus.PAID, "10.00", "10.00").refunded(usd("4.00")).checkPayment(usd("4.00"));
        // not yet confirmed paid: the amount simply exceeds the 0.00 due
        assertThat(code(() -> entry(InvoiceStatus.OPEN, "10.00", "10.00").checkPayment(usd("1.00"))))
                .isEqualTo("amount_exceeds_due");
    }

    @Test
    void theCurrencyMustBeTheInvoicesCurrency() {
        assertThat(code(() -> entry(InvoiceStatus.OPEN, "10.00", "0.00")
                .checkPayment(Money.of("1.00", "EUR")))).isEqualTo("currency_mismatch");
    }

    @Test
    void refundsNeverExceedThePayment() {
        Payment payment = Payment.record("pay_1", "ten_1", "inv_1", usd("10.00"), PaymentMethod.CARD, null,
                Instant.EPOCH, Instant.EPOCH);
        Payment refunded = payment.refund(usd("4.00")).refund(usd("6.00"));
        assertThat(refunded.refundedAmount()).isEqualTo(usd("10.00"));
        assertThat(refunded.version()).isEqualTo(3);
        assertThat(code(() -> payment.refund(usd("4.00")).refund(usd("6.01")))).isEqualTo("refund_exceeds_payment");
    }

    private static LedgerEntry entry(InvoiceStatus status, String total, String paid) {
        return new LedgerEntry("inv_1", "ten_1", USD, usd(total), status, 2, usd(paid));
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static String code(Runnable action) {
        try {
            action.run();
        } catch (DomainException e) {
            return e.code().code();
        }
        throw new AssertionError("no DomainException");
    }
}
