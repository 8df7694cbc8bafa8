package io.billstream.platform.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void keepsTheCurrencysMinorDigitsOnTheWire() {
        assertThat(Money.of("1625", "USD").toPlainString()).isEqualTo("1625.00");
        assertThat(Money.of("1625", "JPY").toPlainString()).isEqualTo("1625");
        assertThat(Money.of("1.5", "BHD").toPlainString()).isEqualTo("1.500");
    }

    @Test
    void refusesMoreDigitsThanTheCurrencyAllows() {
        assertThatThrownBy(() -> Money.of("10.001", "USD")).isInstanceOf(InvalidMoneyException.class);
        assertThatThrownBy(() -> Money.of("10.5", "JPY")).isInstanceOf(InvalidMoneyException.class);
        assertThat(Money.of("10.0010", "BHD").toPlainString()).isEqualTo("10.001");
        assertThat(Money.of("10.500", "USD").toPlainString()).isEqualTo("10.50");
    }

    @Test
    void refusesUnknownAndNonMonetaryCurrencies() {
        assertThatThrownBy(() -> CurrencyCodes.parse("ABC")).isInstanceOf(InvalidMoneyException.class);
        assertThatThrownBy(() -> CurrencyCodes.parse("usd")).isInstanceOf(InvalidMoneyException.class);
        assertThatThrownBy(() -> CurrencyCodes.parse("XXX")).isInstanceOf(InvalidMoneyException.class);
        assertThat(CurrencyCodes.isValid("EUR")).isTrue();
    }

    @Test
    void roundsProductsAndPercentagesHalfUp() {
        Money rate = Money.of("99.99", "USD");
        assertThat(rate.times(new BigDecimal("12.5")).toPlainString()).isEqualTo("1249.88");
        assertThat(Money.of("0.10", "USD").times(new BigDecimal("0.25")).toPlainString()).isEqualTo("0.03");
        assertThat(Money.of("100.00", "USD").percent(new BigDecimal("1.5")).toPlainString()).isEqualTo("1.50");
        assertThat(Money.of("33.33", "USD").percent(new BigDecimal("19")).toPlainString()).isEqualTo("6.33");
        assertThat(Money.of("1001", "JPY").percent(new BigDecimal("0.05")).toPlainString()).isEqualTo("1");
    }

    @Test
    void addsOnlyTheSameCurrency() {
        assertThat(Money.of("1.10", "EUR").plus(Money.of("2.20", "EUR")).toPlainString()).isEqualTo("3.30");
        assertThat(Money.of("5.00", "EUR").minus(Money.of("7.50", "EUR")).isNegative()).isTrue();
        assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
                .isInstanceOf(CurrencyMismatchException.class);
    }
}
