package io.billstream.webhook.persistence;

import io.billstream.webhook.api.Page;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** A page read with one extra row, so the presence of a next page is known without counting. */
public final class Seeked {

    private Seeked() {
    }

    public static <R, V> Page<V> page(List<R> rowsPlusOne, int limit, ToLongFunction<R> seq, Function<R, V> view) {
        boolean more = rowsPlusOne.size() > limit;
        List<R> rows = more ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
        String next = more ? Cursors.encode(seq.applyAsLong(rows.get(rows.size() - 1))) : null;
        return new Page<>(rows.stream().map(view).toList(), next);
    }
}
