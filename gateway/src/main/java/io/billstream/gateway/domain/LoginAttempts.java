package io.billstream.gateway.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Failed-login counters shared by every gateway instance. */
public interface LoginAttempts {

    /** The latest instant any of these subjects is blocked until, if one is blocked now. */
    Optional<Instant> blockedUntil(List<String> subjects, Instant now);

    /** Counts one failure inside the current window; returns the failures counted in it. */
    int recordFailure(String subject, Instant now, Duration window);

    void block(String subject, Instant until);

    void clear(String subject);
}
