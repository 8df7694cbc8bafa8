package io.billstream.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * N clients, each sending its next request as soon as the previous one answered (closed loop), for a warm-up and
 * then a measured window. Operations that complete inside the window count (unbiased throughput at any latency).
 */
final class ClosedLoop {

    /** One operation of one client; true when it succeeded (failures are counted by the operation itself). */
    interface Op {
        boolean run() throws Exception;
    }

    static Map<String, Object> run(int clients, Duration warmup, Duration measure, IntFunction<Op> perClient,
                                   Errors errors) throws InterruptedException {
        long begin = System.nanoTime();
        long windowStart = begin + warmup.toNanos();
        long windowEnd = windowStart + measure.toNanos();
        List<Stats.Samples> samples = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        long[] failures = new long[clients];
        for (int c = 0; c < clients; c++) {
            Stats.Samples mine = new Stats.Samples();
            samples.add(mine);
            Op op = perClient.apply(c);
            int index = c;
            Thread.ofPlatform().name("client-" + c).daemon().start(() -> {
                try {
                    while (true) {
                        long start = System.nanoTime();
                        if (start >= windowEnd) {
                            break;
                        }
                        boolean ok;
                        try {
                            ok = op.run();
                        } catch (Exception e) {
                            errors.count(e.getClass().getSimpleName());
                            ok = false;
                        }
                        long end = System.nanoTime();
                        if (end >= windowStart && end < windowEnd) {
                            if (ok) {
                                mine.add(end - start);
                            } else {
                                failures[index]++;
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long[] all = Stats.Samples.concat(samples);
        double seconds = measure.toNanos() / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", clients);
        out.put("seconds", seconds);
        out.put("ops", all.length);
        out.put("failedOps", java.util.Arrays.stream(failures).sum());
        out.put("opsPerSecond", Stats.round(all.length / seconds, 2));
        out.putAll(Stats.latency(all));
        return out;
    }

    private ClosedLoop() {
    }
}
