package io.billstream.invoice.customers.web;

import io.billstream.invoice.customers.domain.Customer;
import io.billstream.platform.events.data.AddressData;

import java.time.Instant;
import java.util.Map;

public record CustomerView(String id, String name, String email, AddressData address, String taxId,
                               String locale, Map<String, String> metadata, boolean archived, long version,
                               Instant createdAt, Instant updatedAt, String buyerReference) {

    public static CustomerView of(Customer c) {
        return new CustomerView(c.id(), c.name(), c.email(), c.address(), c.taxId(), c.locale(), c.metadata(),
                c.archived(), c.version(), c.createdAt(), c.updatedAt(), c.buyerReference());
    }
}
