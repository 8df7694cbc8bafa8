package io.billstream.platform.events.data;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.Instant;
import java.util.Map;

/** {@code data} of customer.* events. {@code buyerReference} (API contract §14) was added later: null in older events. */
public record CustomerData(String id, String name, String email, AddressData address, String taxId, String locale,
                           Map<String, String> metadata, boolean archived, long version, Instant createdAt,
                           Instant updatedAt, String buyerReference) {

    /** Explicit, because the record has a second constructor and Jackson must keep using this one. */
    @JsonCreator
    public CustomerData {
    }

    /** The shape before e-invoices. */
    public CustomerData(String id, String name, String email, AddressData address, String taxId, String locale,
                        Map<String, String> metadata, boolean archived, long version, Instant createdAt,
                        Instant updatedAt) {
        this(id, name, email, address, taxId, locale, metadata, archived, version, createdAt, updatedAt, null);
    }
}
