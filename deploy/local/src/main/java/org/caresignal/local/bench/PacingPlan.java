package org.caresignal.local.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * When each request of a run is sent: {@code count} mentions cut into batches, the batch starting
 * at mention {@code i} due {@code i / rate} seconds after the start (an open schedule: a late
 * request does not push the others back), or all due at once when the rate is 0 (flat out: the
 * clients send back to back).
 */
public record PacingPlan(double rate, List<Batch> batches) {

    /** Mentions {@code from} (inclusive) to {@code to} (exclusive), due {@code dueNanos} in. */
    public record Batch(int from, int to, long dueNanos) {
        public int size() {
            return to - from;
        }
    }

    /** Requests a second aimed at when a fixed rate leaves the batch size to the plan. */
    static final int REQUESTS_PER_SECOND = 10;

    /**
     * @param rate mentions a second, 0 for flat out
     * @param batchSize mentions per request; 0 to have the plan choose (flat out: {@code maxBatch};
     *     a fixed rate: about {@value #REQUESTS_PER_SECOND} requests a second, so that mentions
     *     arrive spread over each second rather than in one burst)
     */
    public static PacingPlan of(int count, double rate, int batchSize, int maxBatch) {
        if (count < 0 || rate < 0 || batchSize < 0 || maxBatch < 1) {
            throw new IllegalArgumentException("count, rate and batch sizes must not be negative");
        }
        int size = batchSize > 0 ? batchSize : chosenBatch(rate, maxBatch);
        size = Math.min(size, maxBatch);
        var batches = new ArrayList<Batch>();
        for (int from = 0; from < count; from += size) {
            long due = rate == 0 ? 0 : (long) (from / rate * 1e9);
            batches.add(new Batch(from, Math.min(count, from + size), due));
        }
        return new PacingPlan(rate, List.copyOf(batches));
    }

    static int chosenBatch(double rate, int maxBatch) {
        if (rate == 0) {
            return maxBatch;
        }
        return (int) Math.max(1, Math.min(maxBatch, Math.round(rate / REQUESTS_PER_SECOND)));
    }

    /** How long the schedule lasts: when its last batch is due. */
    public long spanNanos() {
        return batches.isEmpty() ? 0 : batches.get(batches.size() - 1).dueNanos();
    }
}
