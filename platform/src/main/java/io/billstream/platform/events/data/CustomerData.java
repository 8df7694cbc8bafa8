package io.billstream.platform.events.data;

import java.time.Instant;
import java.util.Map;

/** {@code data} of customer.* events. */
public record CustomerData(String id, String name, String email, AddressData address, String taxId, String locale,
                           Map<String, String> metadata, boolean archived, long version, Instant createdAt,
                           Instant updatedAt) {
}
