package io.billstream.webhook.persistence;

import io.billstream.platform.errors.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque list cursors: the {@code seq} of the last row returned, so pages stay stable under inserts. */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("s" + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** Long.MAX_VALUE for the first page. */
    public static long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("s")) {
                return Long.parseLong(text.substring(1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the validation error
        }
        throw DomainException.validation("cursor", "is not a cursor from this list");
    }
}
