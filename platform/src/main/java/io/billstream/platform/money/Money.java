package io.billstream.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in one ISO 4217 currency, always held at the currency's minor-unit scale.
 * Arithmetic that can produce more digits (quantity × price, percentages) rounds half-up, as docs/api-reference.md §2 requires.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        amount = amount.setScale(CurrencyCodes.minorDigits(currency), RoundingMode.HALF_UP);
    }

    /** Parses an amount that must not carry more digits than the currency allows. */
    public static Money of(BigDecimal amount, Currency currency) {
        if (amount.stripTrailingZeros().scale() > CurrencyCodes.minorDigits(currency)) {
            throw new InvalidMoneyException("must have at most " + CurrencyCodes.minorDigits(currency)
                    + " decimal places for " + currency.getCurrencyCode());
        }
        return new Money(amount, currency);
    }

    public static Money of(String amount, String currencyCode) {
        Currency currency = CurrencyCodes.parse(currencyCode);
        try {
            return of(new BigDecimal(amount), currency);
        } catch (NumberFormatException e) {
            throw new InvalidMoneyException("is not a decimal number");
        }
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** Rounds an exact product or quotient to the currency's minor unit, half-up. */
    public static Money rounded(BigDecimal exact, Currency currency) {
        return new Money(exact, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(factor), currency);
    }

    /** {@code round(amount × percent / 100)}, half-up to the minor unit. */
    public Money percent(BigDecimal percent) {
        return new Money(amount.multiply(percent).movePointLeft(2), currency);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean greaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    /** The wire form: a decimal string with exactly the currency's minor digits ("1625.00", "1625" for JPY). */
    public String toPlainString() {
        return amount.toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return toPlainString() + " " + currencyCode();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }
}
