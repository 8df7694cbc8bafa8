package io.billstream.invoice.customers.domain;

import io.billstream.platform.events.data.AddressData;

import java.util.Map;

/** The fields a client writes on a customer (already validated); {@code buyerReference} e.g. a Leitweg-ID. */
public record CustomerDetails(String name, String email, AddressData address, String taxId, String locale,
                              Map<String, String> metadata, String buyerReference) {

    public CustomerDetails {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
