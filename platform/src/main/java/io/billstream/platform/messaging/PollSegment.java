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

    private final Consumer<List<T>> together;
    private final Consumer<T> single;
    private final List<T> items = new ArrayList<>();
    private final List<Integer> recordIndexes = new ArrayList<>();

    /** {@code together} stores a segment's items at once; {@code single} stores one of them on its own. */
    public PollSegment(Consumer<List<T>> together, Consumer<T> single) {
        this.together = together;
        this.single = single;
    }

    public void add(T item, int recordIndex) {
        items.add(item);
        recordIndexes.add(recordIndex);
    }

    /** Stores the items together, or one by one if that fails; then starts a new segment. */
    public void store() {
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

    /**
     * The failure to throw when the record at {@code recordIndex} could not be taken (unreadable, or refused on its
     * own): what came before it is stored first, then that record is named to the error handler. A failure already
     * naming a record (from storing what came before) is returned as it is.
     */
    public BatchListenerFailedException failedAt(int recordIndex, RuntimeException cause) {
        if (cause instanceof BatchListenerFailedException named) {
            return named;
        }
        store();
        return new BatchListenerFailedException(cause.getMessage(), cause, recordIndex);
    }
}
