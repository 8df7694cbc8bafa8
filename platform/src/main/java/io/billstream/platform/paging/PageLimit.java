package io.billstream.platform.paging;

import io.billstream.platform.errors.DomainException;

/** {@code ?limit=}: 1–100, 20 when absent. */
public final class PageLimit {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageLimit() {
    }

    public static int check(int limit) {
        if (limit < 1 || limit > MAX) {
            throw DomainException.validation("limit", "must be between 1 and " + MAX);
        }
        return limit;
    }
}
