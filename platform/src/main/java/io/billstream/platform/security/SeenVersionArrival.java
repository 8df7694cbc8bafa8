package io.billstream.platform.security;

import io.billstream.platform.errors.DomainException;

import java.time.Duration;

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

    /**
     * The answer when the wait runs out: "not yet", never the draft or nothing this service still has.
     *
     * @param here what this service is called in the message ("payments", "documents")
     */
    static DomainException notYet(String id, long version, String here, Duration retryAfter) {
        return DomainException.unavailable("Invoice " + id + " was changed a moment ago (version " + version
                + ") and the change has not reached " + here + " yet; retry shortly.", retryAfter);
    }
}
