package io.billstream.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand: stopped at an instant ({@link #fixedAt}) or running with the system clock
 * ({@link #ticking}), in both cases plus whatever the test has shifted it by. Safe to shift while a service reads it.
 */
public final class MovableClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    private MovableClock(Clock base) {
        this.base = base;
    }

    public static MovableClock fixedAt(Instant instant) {
        return new MovableClock(Clock.fixed(instant, ZoneOffset.UTC));
    }

    public static MovableClock ticking() {
        return new MovableClock(Clock.systemUTC());
    }

    public void shift(Duration by) {
        offset = offset.plus(by);
    }

    /** Reads {@code at} now (and, if ticking, runs on from there). */
    public void moveTo(Instant at) {
        offset = Duration.between(base.instant(), at);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }
}
