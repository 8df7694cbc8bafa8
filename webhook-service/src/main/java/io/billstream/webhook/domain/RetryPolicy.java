package io.billstream.webhook.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed message is tried next: the schedule's next pause with jitter, but never before a (capped)
 * {@code Retry-After}; empty once the schedule is used up.
 */
public final class RetryPolicy {

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration retryAfterCap;

    public RetryPolicy(List<Duration> schedule, double jitter, Duration retryAfterCap) {
        this.schedule = List.copyOf(schedule);
        this.jitter = Math.max(0, Math.min(jitter, 0.5));
        this.retryAfterCap = retryAfterCap;
    }

    /** @param step retries already used (0 after the first attempt) */
    public Optional<Duration> nextDelay(int step, Duration retryAfter) {
        if (step >= schedule.size()) {
            return Optional.empty();
        }
        long base = schedule.get(step).toMillis();
        long jittered = Math.round(base * (1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter + 1e-9)));
        Duration delay = Duration.ofMillis(Math.max(0, jittered));
        if (retryAfter != null) {
            Duration honoured = retryAfter.compareTo(retryAfterCap) > 0 ? retryAfterCap : retryAfter;
            if (honoured.compareTo(delay) > 0) {
                delay = honoured;
            }
        }
        return Optional.of(delay);
    }

    /** The step a manual retry starts at: one attempt, then failed again if it does not succeed. */
    public int exhaustedStep() {
        return schedule.size();
    }
}
