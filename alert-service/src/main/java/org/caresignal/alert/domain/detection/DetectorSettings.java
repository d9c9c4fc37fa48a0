package org.caresignal.alert.domain.detection;

import java.time.Duration;
import java.util.Objects;

/**
 * Every knob of the spike detector, in buckets of {@code bucketSize}; {@link #of} gives the three
 * documented presets.
 *
 * @param alphaFire a trigger fires when its corrected tail probability is below this
 * @param alphaClear an episode holds while some trigger's probability stays below this (hysteresis:
 *     {@code alphaClear > alphaFire})
 * @param minNegative negative mentions a window needs before a negative trigger may fire
 * @param minTotal mentions a window needs before the total-volume trigger may fire
 * @param minShareTotal mentions a window needs before the share trigger may fire
 * @param minEffect observed / expected a volume trigger needs (practical size, not only
 *     significance)
 * @param shareDelta the Wilson lower bound of the share must exceed the baseline share by this
 * @param shareRho intra-class correlation of the beta-binomial share test (overdispersion)
 * @param onBuckets consecutive firing buckets before an episode starts (on-delay)
 * @param offBuckets consecutive quiet buckets before an episode resolves (off-delay)
 * @param cooldownBuckets a new firing within this many buckets of a resolve re-opens the episode
 * @param longWindow the second test window, in buckets (the first is the bucket itself)
 * @param warmupBuckets buckets of history before anything may fire
 * @param levelMemory buckets of memory of the baseline level (exponential weighting)
 * @param seasonMemory observations of memory of each hour-of-week factor
 * @param seasonPrior pseudo-mentions shrinking an hour-of-week factor towards the hour-of-day one
 * @param dispersionMemory buckets of memory of the dispersion estimate
 * @param winsorZ values above baseline + winsorZ standard deviations are clipped before they update
 *     the baseline, so a crisis does not inflate it
 * @param maxFreezeBuckets baseline updates pause while an episode is open, at most this long
 */
public record DetectorSettings(
        Sensitivity sensitivity,
        Duration bucketSize,
        double alphaFire,
        double alphaClear,
        long minNegative,
        long minTotal,
        long minShareTotal,
        double minEffect,
        double shareDelta,
        double shareRho,
        int onBuckets,
        int offBuckets,
        int cooldownBuckets,
        int longWindow,
        int warmupBuckets,
        int levelMemory,
        int seasonMemory,
        double seasonPrior,
        int dispersionMemory,
        double winsorZ,
        int maxFreezeBuckets) {

    public DetectorSettings {
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(bucketSize, "bucketSize");
        if (!(alphaFire > 0 && alphaFire < alphaClear && alphaClear < 1)) {
            throw new IllegalArgumentException("need 0 < alphaFire < alphaClear < 1");
        }
        if (onBuckets < 1 || offBuckets < 1 || longWindow < 1 || cooldownBuckets < 0) {
            throw new IllegalArgumentException("bucket counts must be positive");
        }
    }

    /** The preset for {@code sensitivity}, with durations converted to buckets of {@code size}. */
    public static DetectorSettings of(Sensitivity sensitivity, Duration size) {
        Objects.requireNonNull(size, "size");
        if (size.isZero() || size.isNegative()) {
            throw new IllegalArgumentException("bucket size must be positive");
        }
        int thirtyMinutes = buckets(Duration.ofMinutes(30), size);
        int day = buckets(Duration.ofDays(1), size);
        int week = buckets(Duration.ofDays(7), size);
        return switch (sensitivity) {
            case LOW ->
                    new DetectorSettings(
                            sensitivity,
                            size,
                            1e-8,
                            1e-3,
                            8,
                            20,
                            20,
                            2.5,
                            0.15,
                            0.02,
                            2,
                            buckets(Duration.ofMinutes(30), size),
                            buckets(Duration.ofHours(24), size),
                            thirtyMinutes,
                            day,
                            day,
                            24,
                            12,
                            week,
                            3,
                            day);
            case BALANCED ->
                    new DetectorSettings(
                            sensitivity,
                            size,
                            1e-6,
                            1e-3,
                            5,
                            15,
                            15,
                            2.0,
                            0.10,
                            0.02,
                            2,
                            buckets(Duration.ofMinutes(30), size),
                            buckets(Duration.ofHours(24), size),
                            thirtyMinutes,
                            day,
                            day,
                            24,
                            12,
                            week,
                            3,
                            day);
            case HIGH ->
                    new DetectorSettings(
                            sensitivity,
                            size,
                            1e-4,
                            1e-2,
                            3,
                            10,
                            10,
                            1.5,
                            0.08,
                            0.02,
                            1,
                            buckets(Duration.ofMinutes(20), size),
                            buckets(Duration.ofHours(12), size),
                            thirtyMinutes,
                            day,
                            day,
                            24,
                            12,
                            week,
                            3,
                            day);
        };
    }

    private static int buckets(Duration span, Duration size) {
        return (int) Math.max(1, span.toSeconds() / Math.max(1, size.toSeconds()));
    }
}
