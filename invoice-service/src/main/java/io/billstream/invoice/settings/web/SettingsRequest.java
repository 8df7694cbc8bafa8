package io.billstream.invoice.settings.web;

import io.billstream.invoice.customers.web.CustomerConstraints;
import io.billstream.invoice.settings.domain.BillingSettings;
import io.billstream.invoice.settings.domain.SettingsDefaults;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.billstream.platform.events.data.EmailSettingsData;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The body of PUT /v1/settings. PUT replaces the whole document: an omitted field falls back to its default
 * (USD, 14 days, "0", "{yyyy}-{seq:3}", en-US, no automatic emails), omitted notes and terms become null.
 * {@code reminderOffsetsDays}: days from the due date (negative = before), at most 10, distinct, within a year.
 */
public record SettingsRequest(
        @NotNull @Valid SettingsSeller seller,
        @SettingsConstraints.Currency String defaultCurrency,
        @Min(0) @Max(365) Integer paymentTermsDays,
        @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal lateFeePercentPerMonth,
        @SettingsConstraints.NumberFormat String numberFormat,
        @Size(max = 10_000) String defaultNotes,
        @Size(max = 10_000) String defaultTerms,
        @CustomerConstraints.LanguageTag String locale,
        Boolean sendInvoicesOnIssue,
        @Size(max = 10) List<@NotNull @Min(-365) @Max(365) Integer> reminderOffsetsDays,
        Boolean sendReceipts,
        @SettingsConstraints.NumberFormat String creditNoteNumberFormat) {

    @AssertTrue(message = "must not repeat an offset")
    @JsonIgnore
    @Schema(hidden = true)
    public boolean isReminderOffsetsDaysDistinct() {
        return reminderOffsetsDays == null || reminderOffsetsDays.stream().distinct().count() == reminderOffsetsDays.size();
    }

    public BillingSettings toSettings() {
        String tag = locale == null ? SettingsDefaults.LOCALE : Locale.forLanguageTag(locale).toLanguageTag();
        return new BillingSettings(seller.toParty(tag),
                defaultCurrency == null ? SettingsDefaults.CURRENCY : defaultCurrency,
                paymentTermsDays == null ? SettingsDefaults.PAYMENT_TERMS_DAYS : paymentTermsDays,
                lateFeePercentPerMonth == null ? SettingsDefaults.LATE_FEE_PERCENT_PER_MONTH
                        : lateFeePercentPerMonth.stripTrailingZeros(),
                numberFormat == null ? SettingsDefaults.NUMBER_FORMAT : numberFormat,
                defaultNotes, defaultTerms, tag,
                new EmailSettingsData(Boolean.TRUE.equals(sendInvoicesOnIssue),
                        reminderOffsetsDays == null ? List.of() : reminderOffsetsDays.stream().sorted().toList(),
                        Boolean.TRUE.equals(sendReceipts)),
                creditNoteNumberFormat == null ? SettingsDefaults.CREDIT_NOTE_NUMBER_FORMAT : creditNoteNumberFormat);
    }
}
