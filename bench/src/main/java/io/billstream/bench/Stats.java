package io.billstream.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Latency summaries (milliseconds, nearest-rank percentiles) and medians over repeated rounds. */
final class Stats {

    static Map<String, Object> latency(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", sorted.length);
        if (sorted.length == 0) {
            return out;
        }
        out.put("p50Ms", ms(rank(sorted, 0.50)));
        out.put("p90Ms", ms(rank(sorted, 0.90)));
        out.put("p99Ms", ms(rank(sorted, 0.99)));
        out.put("maxMs", ms(sorted[sorted.length - 1]));
        out.put("meanMs", ms((long) Arrays.stream(sorted).average().orElse(0)));
        return out;
    }

    /** The 0th to 100th percentile (nearest rank) in milliseconds, 101 values; empty without samples. */
    static double[] percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new double[0];
        }
        double[] out = new double[101];
        for (int p = 0; p <= 100; p++) {
            out[p] = p == 0 ? ms(sorted[0]) : ms(rank(sorted, p / 100.0));
        }
        return out;
    }

    private static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double ms(long nanos) {
        return round(nanos / 1e6, 2);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Median of one numeric field over rounds (each a map from {@link #latency} or similar). */
    static double median(List<Map<String, Object>> rounds, String field) {
        return round(median(rounds.stream().filter(r -> r.get(field) instanceof Number)
                .map(r -> ((Number) r.get(field)).doubleValue()).toList()), 2);
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    static double ratio(double numerator, double denominator) {
        return denominator == 0 || Double.isNaN(denominator) ? Double.NaN : round(numerator / denominator, 3);
    }

    /** A growable array of longs, one per worker thread, so recording a sample costs no lock. */
    static final class Samples {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }

        static long[] concat(List<Samples> all) {
            return all.stream().flatMapToLong(s -> Arrays.stream(s.toArray())).toArray();
        }
    }

    private Stats() {
    }
}
