package org.caresignal.alert.domain.detection;

import java.time.Instant;
import java.util.Set;

/**
 * Everything a {@link SpikeDetector} has learned plus its episode state, so that a restarted
 * service continues where it stopped (an open episode stays open and is not paged again).
 *
 * <p>One shape for every version: the fields added over time are null in a snapshot written before
 * them, and {@link SpikeDetector#restore} reads such a snapshot as the detector of its day would
 * have (the assessed fields: before the uncertain policy, the share's denominator was the total;
 * the warm-up buffer and the share CUSUM: before issue 15; {@code dispersionWindows}: before the
 * negative-volume trigger had windows of its own, when {@code dispersion} held the total's then the
 * negative's for the same two windows; {@code learning} (expected mentions over the current run of
 * empty buckets, buckets held back from learning while negatives build up): before both).
 */
public record DetectorSnapshot(
        Instant lastBucket,
        SeasonalBaseline.State totalBaseline,
        SeasonalBaseline.State negativeBaseline,
        double[] dispersion,
        long[] dispersionCount,
        long[] ringTotal,
        long[] ringNegative,
        double[] ringExpectedTotal,
        double[] ringExpectedNegative,
        int ringPos,
        int ringFilled,
        boolean firing,
        int onStreak,
        int misses,
        int frozenFor,
        Instant episodeStart,
        Instant streakStart,
        Instant lastResolved,
        Severity severity,
        Set<Trigger> episodeTriggers,
        SeasonalBaseline.State assessedBaseline,
        long[] ringAssessed,
        double[] ringExpectedAssessed,
        long[] warmupTimes,
        long[] warmupTotal,
        long[] warmupNegative,
        long[] warmupAssessed,
        double[] shareCusum,
        int[] dispersionWindows,
        double[] learning) {}
