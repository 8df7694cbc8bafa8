package io.billstream.invoice.invoicing.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Keyset position (created_at, id) of the last invoice of a page, as an opaque token; newest first, so rows
 * inserted meanwhile never shift a page.
 */
public record InvoiceCursor(Instant createdAt, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<InvoiceCursor> decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar < 0) {
                return Optional.empty();
            }
            return Optional.of(new InvoiceCursor(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
