package io.billstream.platform.paging;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

/**
 * Position {@code (createdAt, id)} of the last row of a newest-first page. Rows inserted meanwhile sort before the first
 * page, so later pages never shift or repeat.
 */
public record KeysetCursor(Instant createdAt, String id) {

    private static final String KIND = "k1";

    public String encode() {
        return Cursors.encode(KIND, Long.toString(createdAt.getEpochSecond()), Integer.toString(createdAt.getNano()), id);
    }

    /** Null for the first page (no cursor given). */
    public static KeysetCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        List<String> fields = Cursors.decode(KIND, cursor, 3);
        try {
            String id = fields.get(2);
            if (id.isEmpty()) {
                throw Cursors.invalid();
            }
            return new KeysetCursor(Instant.ofEpochSecond(Long.parseLong(fields.get(0)), Long.parseLong(fields.get(1))), id);
        } catch (NumberFormatException | DateTimeException e) {
            throw Cursors.invalid();
        }
    }
}
