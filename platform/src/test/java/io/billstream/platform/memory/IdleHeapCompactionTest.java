package io.billstream.platform.memory;

import io.billstream.platform.memory.IdleHeapCompaction.Heap;
import io.billstream.platform.memory.IdleHeapCompaction.Policy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IdleHeapCompactionTest {

    private static final long MIB = 1024 * 1024;

    private final Policy policy = new Policy(0.5, 32 * MIB);

    @Test
    void compactsInTheFirstQuietPeriodAfterABurstThatGrewTheHeap() {
        assertThat(policy.shouldCompact(heap(10, 60))).as("the first look sets the baseline").isFalse();
        assertThat(policy.shouldCompact(heap(40, 200))).as("collecting: busy").isFalse();
        assertThat(policy.shouldCompact(heap(90, 380))).as("still busy").isFalse();
        assertThat(policy.shouldCompact(heap(90, 380))).as("quiet after a burst").isTrue();
    }

    @Test
    void compactsOncePerQuietSpell() {
        policy.shouldCompact(heap(10, 60));
        policy.shouldCompact(heap(40, 300));
        assertThat(policy.shouldCompact(heap(40, 300))).isTrue();
        // say the collection could not shrink the heap (all of it live)
        policy.compacted(heap(41, 300));
        assertThat(policy.shouldCompact(heap(41, 300))).as("its own collection is not activity").isFalse();
        assertThat(policy.shouldCompact(heap(41, 300))).as("still quiet").isFalse();
    }

    @Test
    void aQuietServiceThatNeverGrewIsLeftAlone() {
        policy.shouldCompact(heap(10, 60));
        assertThat(policy.shouldCompact(heap(10, 60))).isFalse();
        assertThat(policy.shouldCompact(heap(11, 64))).as("a stray young collection").isFalse();
        assertThat(policy.shouldCompact(heap(11, 64))).as("quiet again, but the heap barely grew").isFalse();
    }

    @Test
    void growthIsMeasuredFromWhatTheLastCompactionLeft() {
        policy.shouldCompact(heap(10, 60));
        policy.shouldCompact(heap(50, 380));
        assertThat(policy.shouldCompact(heap(50, 380))).isTrue();
        policy.compacted(heap(51, 150));
        policy.shouldCompact(heap(60, 200));
        assertThat(policy.shouldCompact(heap(60, 200))).as("150 -> 200 MiB: under half again").isFalse();
        policy.shouldCompact(heap(70, 240));
        assertThat(policy.shouldCompact(heap(70, 240))).as("150 -> 240 MiB").isTrue();
    }

    @Test
    void aSmallHeapThatDoubledByLessThanTheMinimumIsLeftAlone() {
        policy.shouldCompact(heap(1, 20));
        policy.shouldCompact(heap(5, 45));
        assertThat(policy.shouldCompact(heap(5, 45))).as("grew 125 % but only 25 MiB").isFalse();
    }

    @Test
    void theTimerCollectsOnceWhenTheServiceGoesQuiet() {
        AtomicReference<Heap> heap = new AtomicReference<>(heap(10, 60));
        AtomicInteger looks = new AtomicInteger();
        AtomicInteger collections = new AtomicInteger();
        IdleHeapCompaction compaction = new IdleHeapCompaction(new Policy(0.5, 32 * MIB), Duration.ofMillis(20),
                () -> {
                    looks.incrementAndGet();
                    return heap.get();
                }, () -> {
                    collections.incrementAndGet();
                    heap.set(heap(heap.get().collections() + 1, 90));
                });
        compaction.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> looks.get() >= 3);
            assertThat(collections).as("a quiet heap that never grew: nothing").hasValue(0);
            heap.set(heap(500, 380));
            await().atMost(Duration.ofSeconds(5)).until(() -> collections.get() > 0);
            int after = looks.get();
            await().atMost(Duration.ofSeconds(5)).until(() -> looks.get() >= after + 3);
            assertThat(collections).as("once, then quiet").hasValue(1);
            assertThat(compaction.isRunning()).isTrue();
        } finally {
            compaction.stop();
        }
        assertThat(compaction.isRunning()).isFalse();
    }

    private static Heap heap(long collections, long committedMib) {
        return new Heap(collections, committedMib * MIB);
    }
}
