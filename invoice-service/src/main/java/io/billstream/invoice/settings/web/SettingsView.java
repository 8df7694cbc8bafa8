package io.billstream.invoice.settings.web;

import io.billstream.invoice.settings.domain.BillingSettings;

import java.util.List;

/** GET/PUT /v1/settings; the percentage is a decimal string (API contract §2). */
public record SettingsView(SettingsSeller seller, String defaultCurrency, int paymentTermsDays,
                               String lateFeePercentPerMonth, String numberFormat, String defaultNotes,
                               String defaultTerms, String locale, boolean sendInvoicesOnIssue,
                               List<Integer> reminderOffsetsDays, boolean sendReceipts, String creditNoteNumberFormat) {

    public static SettingsView of(BillingSettings s) {
        return new SettingsView(SettingsSeller.from(s.seller()), s.defaultCurrency(), s.paymentTermsDays(),
                s.lateFeePercentPerMonth().stripTrailingZeros().toPlainString(), s.numberFormat(), s.defaultNotes(),
                s.defaultTerms(), s.locale(), s.email().sendInvoicesOnIssue(), s.email().reminderOffsetsDays(),
                s.email().sendReceipts(), s.creditNoteNumberFormat());
    }
}
