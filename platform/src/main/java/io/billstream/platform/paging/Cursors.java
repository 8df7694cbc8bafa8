package io.billstream.platform.paging;

import io.billstream.platform.errors.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one codec behind every opaque list cursor: a kind tag and the key fields of the last row shown, base64url.
 * The tag keeps a cursor of one list from being read by another; anything a client made up is a 422 on
 * {@code cursor}, never a 500.
 */
final class Cursors {

    private static final Pattern SEPARATOR = Pattern.compile("\\|");

    private Cursors() {
    }

    static String encode(String kind, String... fields) {
        String raw = kind + "|" + String.join("|", fields);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code count} fields of a cursor of this kind; the last field may itself contain anything. */
    static List<String> decode(String kind, String cursor, int count) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = SEPARATOR.split(raw, count + 1);
            if (parts.length != count + 1 || !parts[0].equals(kind)) {
                throw invalid();
            }
            return List.of(parts).subList(1, parts.length);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    static DomainException invalid() {
        return DomainException.validation("cursor", "is not a cursor this list returned");
    }
}
