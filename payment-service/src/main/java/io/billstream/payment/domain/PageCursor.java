package io.billstream.payment.domain;

import io.billstream.platform.errors.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque keyset cursor: the insertion position of the last row of a page. Newest-first pages continue strictly
 * below it, so payments recorded meanwhile land before the first page and never shift or repeat later pages.
 */
final class PageCursor {

    private static final String PREFIX = "p1:";

    private PageCursor() {
    }

    static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith(PREFIX)) {
                throw new IllegalArgumentException(raw);
            }
            return Long.parseLong(raw.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw DomainException.validation("cursor", "is not a cursor this API returned");
        }
    }
}
