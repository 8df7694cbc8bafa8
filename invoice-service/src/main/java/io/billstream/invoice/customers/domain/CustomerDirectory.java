package io.billstream.invoice.customers.domain;

import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.security.TenantId;

import java.util.Optional;

/** The customers an invoice can bill: the tenant's customers that are not archived, as a bill-to snapshot. */
public interface CustomerDirectory {
    Optional<PartyData> findBillable(TenantId tenant, String customerId);
}
