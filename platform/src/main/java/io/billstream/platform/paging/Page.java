package io.billstream.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * The body of every list: {@code {"data": [...], "nextCursor": "..." | null}}, newest first. Lists read one row more
 * than asked ({@link #fetchSize}) so the presence of a next page is known without counting.
 */
public record Page<T>(List<T> data, String nextCursor) {

    public static int fetchSize(int limit) {
        return limit + 1;
    }

    /**
     * @param rowsPlusOne up to {@code limit + 1} rows in list order
     * @param cursorOf    the opaque position of a row, used for the last row shown when more follow
     */
    public static <R, V> Page<V> of(List<R> rowsPlusOne, int limit, Function<R, V> view, Function<R, String> cursorOf) {
        boolean more = rowsPlusOne.size() > limit;
        List<R> shown = more ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
        String next = more ? cursorOf.apply(shown.getLast()) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }

    public <V> Page<V> map(Function<T, V> view) {
        return new Page<>(data.stream().map(view).toList(), nextCursor);
    }
}
