package io.billstream.invoice.api;

import io.billstream.invoice.domain.Customer;
import io.billstream.platform.events.data.AddressData;

import java.time.Instant;
import java.util.Map;

public record CustomerResponse(String id, String name, String email, AddressData address, String taxId,
                               String locale, Map<String, String> metadata, boolean archived, long version,
                               Instant createdAt, Instant updatedAt, String buyerReference) {

    public static CustomerResponse of(Customer c) {
        return new CustomerResponse(c.id(), c.name(), c.email(), c.address(), c.taxId(), c.locale(), c.metadata(),
                c.archived(), c.version(), c.createdAt(), c.updatedAt(), c.buyerReference());
    }
}
