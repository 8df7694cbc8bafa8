package io.billstream.platform.concurrency;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedWaitTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void returnsTheFirstValueThatIsDone() {
        AtomicInteger reads = new AtomicInteger();

        int value = BoundedWait.until(reads::incrementAndGet, v -> v >= 3, Duration.ofSeconds(5), Duration.ZERO,
                Clock.systemUTC());

        assertThat(value).isEqualTo(3);
        assertThat(reads).hasValue(3);
    }

    @Test
    void returnsTheLastValueReadWhenTheWaitRunsOut() {
        AtomicInteger reads = new AtomicInteger();
        Clock advancing = new Clock() {
            private int calls;

            @Override
            public Instant instant() {
                return clock.instant().plusMillis(400L * calls++);   // 0.4 s later at every look
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };

        int value = BoundedWait.until(reads::incrementAndGet, v -> false, Duration.ofSeconds(1), Duration.ZERO,
                advancing);

        assertThat(value).as("the deadline is 1 s after the first look; the third look is past it").isEqualTo(3);
    }

    @Test
    void anInterruptEndsTheWaitWithTheFlagSetAgain() {
        Thread.currentThread().interrupt();
        try {
            int value = BoundedWait.until(() -> 7, v -> false, Duration.ofMinutes(1), Duration.ofSeconds(10), clock);

            assertThat(value).isEqualTo(7);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
