package io.billstream.webhook.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30)), 0.1, Duration.ofHours(1));

    @Test
    void followsTheScheduleWithJitterThenGivesUp() {
        for (int i = 0; i < 50; i++) {
            assertThat(policy.nextDelay(0, null)).get()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(4500), Duration.ofMillis(5500)));
            assertThat(policy.nextDelay(2, null)).get()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofMinutes(27), Duration.ofMinutes(33)));
        }
        assertThat(policy.nextDelay(3, null)).isEmpty();
        assertThat(policy.exhaustedStep()).isEqualTo(3);
    }

    @Test
    void retryAfterIsALowerBoundUpToTheCap() {
        assertThat(policy.nextDelay(0, Duration.ofSeconds(30))).contains(Duration.ofSeconds(30));
        assertThat(policy.nextDelay(0, Duration.ofDays(2))).contains(Duration.ofHours(1));
        assertThat(policy.nextDelay(1, Duration.ofSeconds(1))).get()
                .satisfies(d -> assertThat(d).isGreaterThan(Duration.ofMinutes(4)));
    }
}
