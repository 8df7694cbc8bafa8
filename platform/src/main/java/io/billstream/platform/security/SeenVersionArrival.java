package io.billstream.platform.security;

/**
 * How a service that learns of a resource only from events waits for the version a caller has already seen
 * ({@link SeenVersion}): bounded, and holding no database connection while it waits.
 */
@FunctionalInterface
public interface SeenVersionArrival {

    /**
     * Returns once this service's copy of {@code seen.id()} has reached {@code seen.version()}.
     *
     * @throws io.billstream.platform.errors.DomainException {@code service_unavailable} with a {@code Retry-After}
     *                                                       when the wait runs out first
     */
    void await(Caller caller, SeenVersion seen);
}
