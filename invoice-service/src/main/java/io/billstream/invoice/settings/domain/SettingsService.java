package io.billstream.invoice.settings.domain;

import io.billstream.platform.security.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/** Reads and replaces a tenant's billing settings; invoices read them through {@link BillingSettingsSource}. */
@Service
public class SettingsService implements BillingSettingsSource {

    private final SettingsStore settings;
    private final Clock clock;

    public SettingsService(SettingsStore settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** One statement: a read-only transaction around it only added round trips and an entity manager per call. */
    @Override
    public BillingSettings settingsFor(Caller caller) {
        return settings.find(caller.tenant()).orElseGet(() -> SettingsDefaults.forCaller(caller));
    }

    @Transactional
    public BillingSettings replace(Caller caller, BillingSettings replacement) {
        settings.replace(caller.tenant(), replacement, clock.instant());
        return replacement;
    }
}
