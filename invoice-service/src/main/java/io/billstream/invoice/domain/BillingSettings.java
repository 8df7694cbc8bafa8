package io.billstream.invoice.domain;

import io.billstream.platform.events.data.PartyData;

import java.math.BigDecimal;

/** A tenant's billing settings (SPEC §4), with defaults filled in before the first PUT. */
public record BillingSettings(PartyData seller, String defaultCurrency, int paymentTermsDays,
                              BigDecimal lateFeePercentPerMonth, String numberFormat, String defaultNotes,
                              String defaultTerms, String locale, String creditNoteNumberFormat) {
}
