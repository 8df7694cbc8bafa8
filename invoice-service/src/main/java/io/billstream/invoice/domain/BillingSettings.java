package io.billstream.invoice.domain;

import io.billstream.platform.events.data.EmailSettingsData;
import io.billstream.platform.events.data.PartyData;

import java.math.BigDecimal;

/** A tenant's billing settings (SPEC §4), with defaults filled in before the first PUT. */
public record BillingSettings(PartyData seller, String defaultCurrency, int paymentTermsDays,
                              BigDecimal lateFeePercentPerMonth, String numberFormat, String defaultNotes,
                              String defaultTerms, String locale, EmailSettingsData email) {

    public BillingSettings {
        email = email == null ? EmailSettingsData.NONE : email;
    }

    /** Without email settings (SPEC §12 defaults: nothing is sent automatically). */
    public BillingSettings(PartyData seller, String defaultCurrency, int paymentTermsDays,
                           BigDecimal lateFeePercentPerMonth, String numberFormat, String defaultNotes,
                           String defaultTerms, String locale) {
        this(seller, defaultCurrency, paymentTermsDays, lateFeePercentPerMonth, numberFormat, defaultNotes,
                defaultTerms, locale, EmailSettingsData.NONE);
    }
}
