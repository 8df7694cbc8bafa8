package io.billstream.document.documents.domain.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Numbers, money and dates in the customer's locale ({@code de-DE} → {@code 1.234,56 €}). Values stay
 * {@link BigDecimal} all the way: {@link DecimalFormat} formats them exactly, never through a double.
 * Not thread-safe (NumberFormat is not); one per render.
 */
public final class LocaleFormat {

    private final Locale locale;
    private final NumberFormat money;
    private final NumberFormat quantity;
    private final NumberFormat percent;
    private final DateTimeFormatter date;
    private final DateTimeFormatter shortDate;

    public LocaleFormat(Locale locale, Currency currency) {
        this.locale = locale;
        this.money = NumberFormat.getCurrencyInstance(locale);
        money.setCurrency(currency);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        money.setMinimumFractionDigits(digits);
        money.setMaximumFractionDigits(digits);
        money.setRoundingMode(RoundingMode.HALF_UP);
        this.quantity = NumberFormat.getNumberInstance(locale);
        quantity.setMinimumFractionDigits(0);
        quantity.setMaximumFractionDigits(4);
        this.percent = NumberFormat.getPercentInstance(locale);
        percent.setMinimumFractionDigits(0);
        percent.setMaximumFractionDigits(4);
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        this.shortDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale);
    }

    /** The customer's locale, else the seller's, else en-US; unknown or malformed tags fall back too. */
    public static Locale resolve(String... languageTags) {
        for (String tag : languageTags) {
            if (tag != null && !tag.isBlank()) {
                Locale candidate = Locale.forLanguageTag(tag.trim().replace('_', '-'));
                if (!candidate.getLanguage().isEmpty()) {
                    return candidate;
                }
            }
        }
        return Locale.US;
    }

    public Locale locale() {
        return locale;
    }

    public String money(String amount) {
        return amount == null ? "" : money.format(new BigDecimal(amount));
    }

    public String money(BigDecimal amount) {
        return money.format(amount);
    }

    public String quantity(String value) {
        return value == null ? "" : quantity.format(new BigDecimal(value));
    }

    /** A percentage given as "19" or "1.5" → "19%" / "1,5 %" as the locale writes it. */
    public String percent(String ratePercent) {
        return ratePercent == null ? "" : percent.format(new BigDecimal(ratePercent).movePointLeft(2));
    }

    public String date(LocalDate value) {
        return value == null ? "" : date.format(value);
    }

    /** For narrow columns (line periods): {@code 2/1/26}, {@code 01.02.26}. */
    public String shortDate(LocalDate value) {
        return value == null ? "" : shortDate.format(value);
    }
}
