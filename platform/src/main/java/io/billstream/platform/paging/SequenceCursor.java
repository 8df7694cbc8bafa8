package io.billstream.platform.paging;

/** Position of the last row of a newest-first page in a monotonically increasing sequence (a bigserial). */
public final class SequenceCursor {

    private static final String KIND = "s1";

    private SequenceCursor() {
    }

    public static String encode(long sequence) {
        return Cursors.encode(KIND, Long.toString(sequence));
    }

    /** {@link Long#MAX_VALUE} for the first page, so "below the cursor" reads from the newest row. */
    public static long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(Cursors.decode(KIND, cursor, 1).getFirst());
        } catch (NumberFormatException e) {
            throw Cursors.invalid();
        }
    }
}
