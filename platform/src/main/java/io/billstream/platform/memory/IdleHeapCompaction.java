package io.billstream.platform.memory;

import io.billstream.platform.concurrency.PeriodicWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gives back the heap a burst grew once the service has gone quiet. The serial and parallel collectors resize the
 * heap only after a full collection, and a quiet service runs none, so a service kept the heap of its busiest
 * minute for as long as it stayed quiet (document-service 562 MiB resident after a load, 409 after one full
 * collection; docs/operations.md, "JVM flags"). G1 has a periodic collection for this, and ZGC and Shenandoah
 * uncommit by themselves; these two do not.
 * <p>
 * Once a period passes without any collection after one that had some (a service that allocates next to nothing
 * is quiet), and the committed heap has grown well past what the last such collection left, this runs one full
 * collection: the JVM then shrinks the heap to {@code MaxHeapFreeRatio} above what is live, and the periodic native
 * trim ({@code TrimNativeHeapInterval}) hands the freed pages back. It runs once per quiet spell, never while the
 * service collects on its own.
 */
public final class IdleHeapCompaction extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(IdleHeapCompaction.class);
    // the old-generation collectors of the serial and parallel collectors, as the JVM names their MXBeans
    private static final List<String> NON_SHRINKING = List.of("MarkSweepCompact", "PS MarkSweep");
    private static final long MIB = 1024 * 1024;

    /** How many collections the JVM has run, and how much heap it holds from the system. */
    public record Heap(long collections, long committedBytes) {
    }

    private final Policy policy;
    private final Supplier<Heap> heap;
    private final Runnable fullCollection;

    public IdleHeapCompaction(Policy policy, Duration period, Supplier<Heap> heap, Runnable fullCollection) {
        super("idle-heap-compaction", period);
        this.policy = policy;
        this.heap = heap;
        this.fullCollection = fullCollection;
    }

    /** This JVM's heap, and {@link System#gc()}: a full collection with the serial and parallel collectors. */
    public static IdleHeapCompaction ofThisJvm(Duration period) {
        return new IdleHeapCompaction(new Policy(0.5, 32 * MIB), period, IdleHeapCompaction::thisJvm, System::gc);
    }

    /** Whether this JVM's collector is one that keeps a grown heap until its next full collection. */
    public static boolean collectorKeepsGrownHeap() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(collector -> NON_SHRINKING.contains(collector.getName()));
    }

    private static Heap thisJvm() {
        long collections = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, collector.getCollectionCount());
        }
        return new Heap(collections, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
    }

    /** One look at the heap: compacts it when the policy says so. */
    @Override
    protected void runOnce() {
        Heap now = heap.get();
        if (!policy.shouldCompact(now)) {
            return;
        }
        fullCollection.run();
        Heap after = heap.get();
        policy.compacted(after);
        log.info("heap given back after a busy spell: {} MiB committed before the collection, {} MiB after",
                now.committedBytes() / MIB, after.committedBytes() / MIB);
    }

    /**
     * When to compact, from one look at the heap per period: after a period with collections, in the first period
     * without any, if the committed heap has grown by {@code growth} (a fraction) and by at least
     * {@code minGrowthBytes} over what it was after the last compaction (or at the first look).
     */
    public static final class Policy {

        private final double growth;
        private final long minGrowthBytes;
        private long collections = -1;
        private long baseline;
        private boolean busySinceQuiet;

        public Policy(double growth, long minGrowthBytes) {
            this.growth = growth;
            this.minGrowthBytes = minGrowthBytes;
        }

        synchronized boolean shouldCompact(Heap heap) {
            if (collections < 0) {
                collections = heap.collections();
                baseline = heap.committedBytes();
                return false;
            }
            boolean collected = heap.collections() != collections;
            collections = heap.collections();
            if (collected) {
                busySinceQuiet = true;
                return false;
            }
            if (!busySinceQuiet) {
                return false;
            }
            busySinceQuiet = false;
            long grown = heap.committedBytes() - baseline;
            return grown >= minGrowthBytes && grown >= baseline * growth;
        }

        /** The compaction's own collection is not activity, and what it left is the new baseline. */
        synchronized void compacted(Heap after) {
            collections = after.collections();
            baseline = after.committedBytes();
        }
    }
}
