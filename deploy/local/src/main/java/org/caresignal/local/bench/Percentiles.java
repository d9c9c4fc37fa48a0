package org.caresignal.local.bench;

import java.util.Arrays;

/**
 * Latency percentiles of one run (nearest rank: the smallest value with at least p% of the values
 * at or below it), in milliseconds.
 */
public record Percentiles(int count, long p50, long p95, long p99, long max) {

    /** No values: every figure 0. */
    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);

    public static Percentiles of(long[] values) {
        if (values.length == 0) {
            return NONE;
        }
        var sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted.length,
                rank(sorted, 50),
                rank(sorted, 95),
                rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** The nearest-rank percentile {@code p} (0 < p ≤ 100) of sorted values. */
    static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
