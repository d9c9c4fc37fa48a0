package org.caresignal.alert.domain.detection;

import java.time.Instant;
import java.util.Set;

/**
 * Everything a {@link SpikeDetector} has learned plus its episode state, so that a restarted
 * service continues where it stopped (an open episode stays open and is not paged again). The last
 * three are null in a snapshot written before the uncertain policy: the share's denominator was the
 * total then.
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
        double[] shareCusum) {

    /** A snapshot of the shape written before the warm-up buckets were kept. */
    public DetectorSnapshot(
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
            double[] ringExpectedAssessed) {
        this(
                lastBucket,
                totalBaseline,
                negativeBaseline,
                dispersion,
                dispersionCount,
                ringTotal,
                ringNegative,
                ringExpectedTotal,
                ringExpectedNegative,
                ringPos,
                ringFilled,
                firing,
                onStreak,
                misses,
                frozenFor,
                episodeStart,
                streakStart,
                lastResolved,
                severity,
                episodeTriggers,
                assessedBaseline,
                ringAssessed,
                ringExpectedAssessed,
                null,
                null,
                null,
                null,
                null);
    }
}
