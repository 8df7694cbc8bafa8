package io.billstream.invoice.settings.domain;

import java.time.Instant;
import java.util.Optional;

/** Where a tenant's billing settings are kept (settings.persistence.SettingsRepository). */
public interface SettingsStore {

    Optional<BillingSettings> find(String tenantId);

    void replace(String tenantId, BillingSettings settings, Instant now);
}
