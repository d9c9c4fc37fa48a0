package org.caresignal.alert.domain.detection;

import java.time.Duration;
import java.util.Objects;

/**
 * A brand's detector configuration: a sensitivity preset and optional overrides of its thresholds
 * (null keeps the preset's value). Only thresholds and delays can be overridden, never the learning
 * memories, so a stored detector snapshot stays valid when the configuration changes.
 *
 * @param minTotal also the share trigger's minimum total, as in the backtest
 */
public record DetectorOverrides(
        Sensitivity sensitivity,
        Double alphaFire,
        Long minNegative,
        Long minTotal,
        Double minEffect,
        Integer onBuckets,
        Integer offBuckets) {

    public DetectorOverrides {
        Objects.requireNonNull(sensitivity, "sensitivity");
        if (alphaFire != null && !(alphaFire > 0 && alphaFire < 1)) {
            throw new IllegalArgumentException("alphaFire must be in (0, 1)");
        }
        if (minNegative != null && minNegative < 1) {
            throw new IllegalArgumentException("minNegative must be at least 1");
        }
        if (minTotal != null && minTotal < 1) {
            throw new IllegalArgumentException("minTotal must be at least 1");
        }
        if (minEffect != null && !(minEffect >= 1 && minEffect <= 100)) {
            throw new IllegalArgumentException("minEffect must be between 1 and 100");
        }
        if (onBuckets != null && (onBuckets < 1 || onBuckets > 12)) {
            throw new IllegalArgumentException("onBuckets must be between 1 and 12");
        }
        if (offBuckets != null && (offBuckets < 1 || offBuckets > 288)) {
            throw new IllegalArgumentException("offBuckets must be between 1 and 288");
        }
    }

    /** The preset alone. */
    public static DetectorOverrides preset(Sensitivity sensitivity) {
        return new DetectorOverrides(sensitivity, null, null, null, null, null, null);
    }

    /** The effective settings for buckets of {@code size}. */
    public DetectorSettings settings(Duration size) {
        var p = DetectorSettings.of(sensitivity, size);
        double fire = alphaFire == null ? p.alphaFire() : alphaFire;
        if (fire >= p.alphaClear()) {
            throw new IllegalArgumentException(
                    "alphaFire must be below the preset's clear threshold " + p.alphaClear());
        }
        var b = p.toBuilder().alphaFire(fire);
        if (minNegative != null) {
            b.minNegative(minNegative);
        }
        if (minTotal != null) {
            b.minTotal(minTotal).minShareTotal(minTotal);
        }
        if (minEffect != null) {
            b.minEffect(minEffect);
        }
        if (onBuckets != null) {
            b.onBuckets(onBuckets);
        }
        if (offBuckets != null) {
            b.offBuckets(offBuckets);
        }
        return b.build();
    }
}
