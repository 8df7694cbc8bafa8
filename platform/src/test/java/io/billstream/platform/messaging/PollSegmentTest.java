package io.billstream.platform.messaging;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PollSegmentTest {

    private final List<List<String>> together = new ArrayList<>();
    private final List<String> single = new ArrayList<>();

    @Test
    void itemsAreStoredTogetherOnceAndTheSegmentStartsAgain() {
        PollSegment<String> segment = new PollSegment<>(together::add, single::add);
        segment.add("a", 0);
        segment.add("b", 2);

        segment.store();
        segment.store();

        assertThat(together).containsExactly(List.of("a", "b"));
        assertThat(single).isEmpty();
    }

    @Test
    void whenTogetherFailsTheyAreStoredOneByOneAndTheFirstFailureIsNamedByItsRecordIndex() {
        PollSegment<String> segment = new PollSegment<>(items -> {
            throw new IllegalStateException("together");
        }, item -> {
            if (item.equals("bad")) {
                throw new IllegalArgumentException("refused");
            }
            single.add(item);
        });
        segment.add("a", 0);
        segment.add("bad", 3);
        segment.add("c", 4);

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                segment::store);

        assertThat(failure.getIndex()).isEqualTo(3);
        assertThat(failure).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(single).containsExactly("a");
    }

    @Test
    void aRecordThatCannotBeTakenIsNamedAfterWhatCameBeforeItIsStored() {
        PollSegment<String> segment = new PollSegment<>(together::add, single::add);
        segment.add("a", 0);

        BatchListenerFailedException failure = segment.failedAt(1, new IllegalArgumentException("unreadable"));

        assertThat(together).containsExactly(List.of("a"));
        assertThat(failure.getIndex()).isEqualTo(1);
        assertThat(failure).hasCauseInstanceOf(IllegalArgumentException.class);
        BatchListenerFailedException named = new BatchListenerFailedException("earlier", new RuntimeException(), 0);
        assertThat(segment.failedAt(2, named)).as("a failure that already names a record").isSameAs(named);
    }
}
