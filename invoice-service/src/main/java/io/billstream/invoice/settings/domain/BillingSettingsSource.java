package io.billstream.invoice.settings.domain;

import io.billstream.platform.security.Caller;

/** The caller's tenant's current settings; before the first PUT, the defaults with the organization as seller. */
public interface BillingSettingsSource {
    BillingSettings settingsFor(Caller caller);
}
