package io.billstream.invoice.customers.domain;

import io.billstream.platform.events.data.AddressData;
import io.billstream.platform.events.data.CustomerData;
import io.billstream.platform.events.data.PartyData;

import java.time.Instant;
import java.util.Map;

/** A tenant's customer as stored; {@code version} counts its changes (it is the events' {@code sequence}). */
public record Customer(String id, String tenantId, String name, String email, AddressData address, String taxId,
                       String locale, Map<String, String> metadata, boolean archived, long version,
                       Instant createdAt, Instant updatedAt, String buyerReference) {

    public Customer {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public CustomerData toData() {
        return new CustomerData(id, name, email, address, taxId, locale, metadata, archived, version, createdAt,
                updatedAt, buyerReference);
    }

    /** The bill-to block an invoice snapshots when it is issued. */
    public PartyData toParty() {
        return new PartyData(name, email, address, taxId, locale, null, null, null, buyerReference, null);
    }

    public Customer withDetails(CustomerDetails details, Instant now) {
        return new Customer(id, tenantId, details.name(), details.email(), details.address(), details.taxId(),
                details.locale(), details.metadata(), archived, version + 1, createdAt, now, details.buyerReference());
    }

    public Customer archive(Instant now) {
        return new Customer(id, tenantId, name, email, address, taxId, locale, metadata, true, version + 1,
                createdAt, now, buyerReference);
    }

    public CustomerDetails details() {
        return new CustomerDetails(name, email, address, taxId, locale, metadata, buyerReference);
    }
}
