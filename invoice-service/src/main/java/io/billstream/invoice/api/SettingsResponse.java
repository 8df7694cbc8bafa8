package io.billstream.invoice.api;

import io.billstream.invoice.domain.BillingSettings;

import java.util.List;

/** GET/PUT /v1/settings; the percentage is a decimal string (SPEC §2). */
public record SettingsResponse(SettingsSeller seller, String defaultCurrency, int paymentTermsDays,
                               String lateFeePercentPerMonth, String numberFormat, String defaultNotes,
                               String defaultTerms, String locale, boolean sendInvoicesOnIssue,
                               List<Integer> reminderOffsetsDays, boolean sendReceipts, String creditNoteNumberFormat) {

    public static SettingsResponse of(BillingSettings s) {
        return new SettingsResponse(SettingsSeller.from(s.seller()), s.defaultCurrency(), s.paymentTermsDays(),
                s.lateFeePercentPerMonth().stripTrailingZeros().toPlainString(), s.numberFormat(), s.defaultNotes(),
                s.defaultTerms(), s.locale(), s.email().sendInvoicesOnIssue(), s.email().reminderOffsetsDays(),
                s.email().sendReceipts(), s.creditNoteNumberFormat());
    }
}
