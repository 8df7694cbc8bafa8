package io.billstream.invoice.customers.web;

import io.billstream.invoice.customers.persistence.CustomerPosition;
import io.billstream.platform.errors.DomainException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** The opaque {@code cursor} of the customer list: the (createdAt, id) of the last row shown. */
final class CustomerCursor {

    private static final String VERSION = "c1";

    private CustomerCursor() {
    }

    static String encode(CustomerPosition position) {
        String raw = VERSION + "|" + position.createdAt().getEpochSecond() + "|" + position.createdAt().getNano()
                + "|" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static CustomerPosition decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 4);
            if (parts.length != 4 || !parts[0].equals(VERSION) || parts[3].isEmpty()) {
                throw invalid();
            }
            return new CustomerPosition(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                    parts[3]);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static DomainException invalid() {
        return DomainException.validation("cursor", "is not a cursor returned by this list");
    }
}
