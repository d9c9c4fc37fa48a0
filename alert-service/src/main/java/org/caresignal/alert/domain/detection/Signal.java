package org.caresignal.alert.domain.detection;

/**
 * The evidence of one trigger on one bucket, over the window (in buckets) where it was strongest.
 *
 * @param observed the count (volume triggers) or negative share (share trigger) in the window
 * @param expected what the baseline expected: a count, or the baseline share
 * @param negative negative mentions in the window
 * @param total all mentions in the window
 * @param pValue tail probability of something at least this large, corrected for the windows tried
 * @param effect observed / expected (share trigger: observed share / baseline share)
 * @param guarded whether the minimum-volume and effect-size guards pass
 * @param firing whether this trigger fires (guarded and {@code pValue} below the fire threshold)
 */
public record Signal(
        Trigger trigger,
        int windowBuckets,
        double observed,
        double expected,
        long negative,
        long total,
        double pValue,
        double effect,
        boolean guarded,
        boolean firing) {

    /** Anomaly score in [0, 1]: {@code -log10(p) / 10}, capped at 1. */
    public double score() {
        return scoreOf(pValue);
    }

    static double scoreOf(double p) {
        if (p >= 1) {
            return 0;
        }
        if (p <= 0) {
            return 1;
        }
        return Math.min(1.0, -Math.log10(p) / 10.0);
    }
}
