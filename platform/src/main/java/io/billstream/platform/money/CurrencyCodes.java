package io.billstream.platform.money;

import java.util.Currency;
import java.util.Locale;

/** ISO 4217 validation: only real currencies with a defined minor unit (no XXX, XAU and the like). */
public final class CurrencyCodes {

    private CurrencyCodes() {
    }

    public static Currency parse(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new InvalidMoneyException("must be an ISO 4217 currency code");
        }
        try {
            Currency currency = Currency.getInstance(code.toUpperCase(Locale.ROOT));
            if (currency.getDefaultFractionDigits() < 0) {
                throw new InvalidMoneyException("is not a currency that can be invoiced");
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw new InvalidMoneyException("is not an ISO 4217 currency code");
        }
    }

    public static boolean isValid(String code) {
        try {
            parse(code);
            return true;
        } catch (InvalidMoneyException e) {
            return false;
        }
    }

    public static int minorDigits(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }
}
