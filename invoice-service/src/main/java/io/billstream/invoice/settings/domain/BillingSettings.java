package io.billstream.invoice.settings.domain;

import io.billstream.platform.events.data.EmailSettingsData;
import io.billstream.platform.events.data.PartyData;

import java.math.BigDecimal;

/** A tenant's billing settings (API contract §4), with defaults filled in before the first PUT. */
public record BillingSettings(PartyData seller, String defaultCurrency, int paymentTermsDays,
                              BigDecimal lateFeePercentPerMonth, String numberFormat, String defaultNotes,
                              String defaultTerms, String locale, EmailSettingsData email,
                              String creditNoteNumberFormat) {

    public BillingSettings {
        email = email == null ? EmailSettingsData.NONE : email;
        creditNoteNumberFormat = creditNoteNumberFormat == null ? SettingsDefaults.CREDIT_NOTE_NUMBER_FORMAT
                : creditNoteNumberFormat;
    }

    /** Without email settings (API contract §12 defaults: nothing is sent automatically). */
    public BillingSettings(PartyData seller, String defaultCurrency, int paymentTermsDays,
                           BigDecimal lateFeePercentPerMonth, String numberFormat, String defaultNotes,
                           String defaultTerms, String locale) {
        this(seller, defaultCurrency, paymentTermsDays, lateFeePercentPerMonth, numberFormat, defaultNotes,
                defaultTerms, locale, EmailSettingsData.NONE, null);
    }

    /** With the default credit-note number format (API contract §13). */
    public BillingSettings(PartyData seller, String defaultCurrency, int paymentTermsDays,
                           BigDecimal lateFeePercentPerMonth, String numberFormat, String defaultNotes,
                           String defaultTerms, String locale, EmailSettingsData email) {
        this(seller, defaultCurrency, paymentTermsDays, lateFeePercentPerMonth, numberFormat, defaultNotes,
                defaultTerms, locale, email, null);
    }
}
