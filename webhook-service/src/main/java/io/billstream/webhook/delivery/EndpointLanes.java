package io.billstream.webhook.delivery;

import io.billstream.webhook.domain.ClaimedMessage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Admits claimed messages per endpoint on this instance: as many attempts run at once as the endpoint has slots
 * (its bulkhead's size), up to three times as many wait here for a slot, the rest are refused (put back unsent).
 * A claim usually takes more of an endpoint's messages than it has free slots; holding the surplus here costs
 * nothing, while putting it back costs two writes and another claim. The wait is bounded by size and by time, so a hanging endpoint holds
 * no more than four times its slots of this instance's in-flight capacity, and no message outlives its lease here.
 */
final class EndpointLanes {

    enum Admission { RUN, WAIT, REFUSED }

    // a claim of 200 over ten endpoints brings each about 20 at once; fewer waiting places refused some of them
    private static final int WAITING_PER_SLOT = 3;

    private record Waiting(ClaimedMessage message, long sinceNanos) {
    }

    private static final class Lane {
        int running;
        final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

        int load() {
            return running + waiting.size();
        }
    }

    private final int slots;
    private final long maxWaitNanos;
    private final Runnable onSlotFreed;
    private final Map<String, Lane> lanes = new HashMap<>();

    /** {@code onSlotFreed} runs when an endpoint that was saturated can take another message. */
    EndpointLanes(int slots, Duration maxWait, Runnable onSlotFreed) {
        this.slots = slots;
        this.maxWaitNanos = maxWait.toNanos();
        this.onSlotFreed = onSlotFreed;
    }

    synchronized Admission admit(ClaimedMessage message) {
        Lane lane = lanes.computeIfAbsent(message.endpointId(), id -> new Lane());
        if (lane.running < slots) {
            lane.running++;
            return Admission.RUN;
        }
        if (lane.waiting.size() < WAITING_PER_SLOT * slots) {
            lane.waiting.add(new Waiting(message, System.nanoTime()));
            return Admission.WAIT;
        }
        return Admission.REFUSED;
    }

    /**
     * An attempt to {@code endpointId} has finished: returns the waiting message that takes its slot, if any.
     * Messages that waited longer than allowed go to {@code expired} instead.
     */
    Optional<ClaimedMessage> finished(String endpointId, Consumer<ClaimedMessage> expired) {
        List<ClaimedMessage> stale = new ArrayList<>();
        Optional<ClaimedMessage> next;
        boolean freed;
        synchronized (this) {
            Lane lane = lanes.get(endpointId);
            boolean wasSaturated = lane.load() >= slots;
            long now = System.nanoTime();
            Waiting waiting;
            while ((waiting = lane.waiting.poll()) != null && now - waiting.sinceNanos() > maxWaitNanos) {
                stale.add(waiting.message());
            }
            if (waiting != null) {
                next = Optional.of(waiting.message());
            } else {
                next = Optional.empty();
                lane.running--;
                if (lane.running == 0) {
                    lanes.remove(endpointId);
                }
            }
            freed = wasSaturated && lane.load() < slots;
        }
        stale.forEach(expired);
        if (freed) {
            onSlotFreed.run();
        }
        return next;
    }

    /** Endpoints with every slot busy and as many messages waiting: claiming more of theirs would only refuse them. */
    synchronized Set<String> saturated() {
        Set<String> full = new HashSet<>();
        lanes.forEach((endpoint, lane) -> {
            if (lane.load() >= slots) {
                full.add(endpoint);
            }
        });
        return full;
    }

    /** Takes every waiting message out (when stopping), so they can be put back at once rather than at lease end. */
    synchronized List<ClaimedMessage> drainWaiting() {
        List<ClaimedMessage> drained = new ArrayList<>();
        lanes.values().forEach(lane -> {
            lane.waiting.forEach(w -> drained.add(w.message()));
            lane.waiting.clear();
        });
        return drained;
    }
}
