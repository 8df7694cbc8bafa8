package io.billstream.platform.messaging;

import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Items made from consecutive records of one poll that a batch listener stores together, each with its record's
 * index in the poll. When storing them together fails, they are stored one by one, and the first that still fails
 * is named to the error handler by its record's index ({@link BatchListenerFailedException}): the handler keeps what
 * came before it and treats that record as a single listener would have, retried while the database is out and
 * parked on the dead-letter topic when it fails for good.
 */
public final class PollSegment<T> {

    private final List<T> items = new ArrayList<>();
    private final List<Integer> recordIndexes = new ArrayList<>();

    public void add(T item, int recordIndex) {
        items.add(item);
        recordIndexes.add(recordIndex);
    }

    /** Stores the items together, or one by one if that fails; then starts a new segment. */
    public void store(Consumer<List<T>> together, Consumer<T> single) {
        if (items.isEmpty()) {
            return;
        }
        try {
            together.accept(List.copyOf(items));
        } catch (RuntimeException failedTogether) {
            for (int i = 0; i < items.size(); i++) {
                try {
                    single.accept(items.get(i));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException(e.getMessage(), e, recordIndexes.get(i));
                }
            }
        }
        items.clear();
        recordIndexes.clear();
    }
}
