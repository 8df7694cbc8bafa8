package io.billstream.gateway.auth;

import io.billstream.gateway.api.Page;
import io.billstream.gateway.persistence.PageCursor;
import io.billstream.platform.errors.DomainException;

import java.util.List;
import java.util.function.Function;

/** SPEC §2 lists: {@code limit} 1–100; one extra row is fetched to know whether a next page exists. */
final class Paging {

    private Paging() {
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > 100) {
            throw DomainException.validation("limit", "must be between 1 and 100");
        }
    }

    static <R, V> Page<V> page(List<R> rows, int limit, Function<R, V> view, Function<R, PageCursor> position) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? position.apply(shown.getLast()).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
