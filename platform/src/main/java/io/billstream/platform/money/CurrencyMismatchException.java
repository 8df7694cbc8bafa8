package io.billstream.platform.money;

import java.util.Currency;

public class CurrencyMismatchException extends IllegalArgumentException {
    public CurrencyMismatchException(Currency expected, Currency actual) {
        super("expected " + expected.getCurrencyCode() + " but got " + actual.getCurrencyCode());
    }
}
