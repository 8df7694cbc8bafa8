package io.billstream.invoice.settings.domain;

import io.billstream.invoice.invoicing.domain.Invoice;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.security.Caller;

import java.math.BigDecimal;

/** The settings of a tenant that never PUT its own (API contract §4): the organization from signup is the seller. */
public final class SettingsDefaults {

    public static final String CURRENCY = "USD";
    public static final int PAYMENT_TERMS_DAYS = 14;
    public static final BigDecimal LATE_FEE_PERCENT_PER_MONTH = BigDecimal.ZERO;
    public static final String NUMBER_FORMAT = "{yyyy}-{seq:3}";
    public static final String LOCALE = "en-US";
    public static final String CREDIT_NOTE_NUMBER_FORMAT = Invoice.DEFAULT_CREDIT_NOTE_NUMBER_FORMAT;

    private SettingsDefaults() {
    }

    public static BillingSettings forCaller(Caller caller) {
        String seller = caller.organizationName() != null ? caller.organizationName() : caller.tenant();
        return new BillingSettings(new PartyData(seller, null, null, null, LOCALE), CURRENCY, PAYMENT_TERMS_DAYS,
                LATE_FEE_PERCENT_PER_MONTH, NUMBER_FORMAT, null, null, LOCALE, null, CREDIT_NOTE_NUMBER_FORMAT);
    }
}
