package io.billstream.platform.concurrency;

import java.util.Set;

/**
 * The versions a conditional change accepts (from {@code If-Match}): any, or one of a set. A set that names no
 * readable version matches nothing, so a garbled precondition fails instead of passing.
 */
public record ExpectedVersion(Set<Long> versions) {

    public static final ExpectedVersion ANY = new ExpectedVersion(null);

    public ExpectedVersion {
        versions = versions == null ? null : Set.copyOf(versions);
    }

    public static ExpectedVersion of(long version) {
        return new ExpectedVersion(Set.of(version));
    }

    public boolean isAny() {
        return versions == null;
    }

    public boolean matches(long current) {
        return versions == null || versions.contains(current);
    }
}
