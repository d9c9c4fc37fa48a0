package org.caresignal.alert.domain.detection;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Every knob of the spike detector, in buckets of {@code bucketSize}: {@link #of} gives the three
 * documented presets, {@link #builder} and {@link #toBuilder} set knobs by name.
 *
 * <ul>
 *   <li>{@code sensitivity}: the preset these values started from
 *   <li>{@code bucketSize}: the series' bucket
 *   <li>{@code alphaFire}: a trigger fires when its corrected tail probability is below this
 *   <li>{@code alphaClear}: an episode holds while some trigger's probability stays below this
 *       (hysteresis: {@code alphaClear > alphaFire})
 *   <li>{@code minNegative}: negative mentions a window needs before a negative trigger may fire
 *   <li>{@code minTotal}: mentions a window needs before the total-volume trigger may fire
 *   <li>{@code minShareTotal}: mentions a window needs before the share trigger may fire
 *   <li>{@code minEffect}: observed / expected a volume trigger needs (practical size, not only
 *       significance)
 *   <li>{@code shareDelta}: the Wilson lower bound of the share must exceed the baseline share by
 *       this
 *   <li>{@code shareRho}: intra-class correlation of the beta-binomial share test (overdispersion)
 *   <li>{@code onBuckets}: consecutive firing buckets before an episode starts (on-delay)
 *   <li>{@code offBuckets}: consecutive quiet buckets before an episode resolves (off-delay)
 *   <li>{@code cooldownBuckets}: a new firing within this many buckets of a resolve re-opens the
 *       episode
 *   <li>{@code longWindow}: the second test window, in buckets (the first is the bucket itself)
 *   <li>{@code warmupBuckets}: buckets of history before anything may fire
 *   <li>{@code levelMemory}: buckets of memory of the baseline level (exponential weighting)
 *   <li>{@code seasonMemory}: observations of memory of each hour-of-week factor
 *   <li>{@code seasonPrior}: pseudo-mentions shrinking an hour-of-week factor towards the
 *       hour-of-day one
 *   <li>{@code dispersionMemory}: buckets of memory of the dispersion estimate
 *   <li>{@code winsorZ}: values above baseline + winsorZ standard deviations are clipped before
 *       they update the baseline, so a crisis does not inflate it
 *   <li>{@code maxFreezeBuckets}: baseline updates pause while an episode is open, at most this
 *       long
 *   <li>{@code steepAlpha}: a firing trigger this far out in the tail (and past {@code
 *       steepEffect}) starts an episode at once, without waiting for the on-delay: a steep rise is
 *       not a blip; 0 turns it off
 *   <li>{@code steepEffect}: observed / expected a steep trigger needs besides {@code steepAlpha}
 *   <li>{@code shareCusum}: whether the share trigger also runs a CUSUM of the negative share (a
 *       turn building up over hours, or a few posts an hour)
 *   <li>{@code negativeWindows}: the windows of the negative-volume trigger, in buckets
 *   <li>{@code negativeAlphaFactor}: the negative triggers fire below {@code alphaFire} times this
 *   <li>{@code earlyPriorShare}, {@code earlyPriorMentions}: the population prior of the negative
 *       share that the warm-up's negative-volume test starts from, and its weight in mentions
 *   <li>{@code silenceAlpha}: a run of empty buckets less likely than this is a silent source
 *   <li>{@code otherPostsPrior}: the negative-volume trigger expects the window's negatives scaled
 *       by how the other (non-negative) posts of the window compare with their baseline, that ratio
 *       shrunk towards 1 by this many pseudo-posts; 0 turns it off (negatives against their own
 *       baseline only)
 * </ul>
 */
public final class DetectorSettings {

    /** Pseudo-posts shrinking the other posts' ratio towards 1 (see {@code otherPostsPrior}). */
    static final double OTHER_POSTS_PRIOR = 3;

    private final Sensitivity sensitivity;
    private final Duration bucketSize;
    private final double alphaFire;
    private final double alphaClear;
    private final long minNegative;
    private final long minTotal;
    private final long minShareTotal;
    private final double minEffect;
    private final double shareDelta;
    private final double shareRho;
    private final int onBuckets;
    private final int offBuckets;
    private final int cooldownBuckets;
    private final int longWindow;
    private final int warmupBuckets;
    private final int levelMemory;
    private final int seasonMemory;
    private final double seasonPrior;
    private final int dispersionMemory;
    private final double winsorZ;
    private final int maxFreezeBuckets;
    private final double steepAlpha;
    private final double steepEffect;
    private final boolean shareCusum;
    private final int[] negativeWindows;
    private final double negativeAlphaFactor;
    private final double earlyPriorShare;
    private final int earlyPriorMentions;
    private final double silenceAlpha;
    private final double otherPostsPrior;

    private DetectorSettings(Builder b) {
        this.sensitivity = b.sensitivity;
        this.bucketSize = b.bucketSize;
        this.alphaFire = b.alphaFire;
        this.alphaClear = b.alphaClear;
        this.minNegative = b.minNegative;
        this.minTotal = b.minTotal;
        this.minShareTotal = b.minShareTotal;
        this.minEffect = b.minEffect;
        this.shareDelta = b.shareDelta;
        this.shareRho = b.shareRho;
        this.onBuckets = b.onBuckets;
        this.offBuckets = b.offBuckets;
        this.cooldownBuckets = b.cooldownBuckets;
        this.longWindow = b.longWindow;
        this.warmupBuckets = b.warmupBuckets;
        this.levelMemory = b.levelMemory;
        this.seasonMemory = b.seasonMemory;
        this.seasonPrior = b.seasonPrior;
        this.dispersionMemory = b.dispersionMemory;
        this.winsorZ = b.winsorZ;
        this.maxFreezeBuckets = b.maxFreezeBuckets;
        this.steepAlpha = b.steepAlpha;
        this.steepEffect = b.steepEffect;
        this.shareCusum = b.shareCusum;
        this.negativeWindows =
                b.negativeWindows == null ? new int[] {1, longWindow} : b.negativeWindows.clone();
        this.negativeAlphaFactor = b.negativeAlphaFactor;
        this.earlyPriorShare = b.earlyPriorShare;
        this.earlyPriorMentions = b.earlyPriorMentions;
        this.silenceAlpha = b.silenceAlpha;
        this.otherPostsPrior = b.otherPostsPrior;
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(bucketSize, "bucketSize");
        if (!(alphaFire > 0 && alphaFire < alphaClear && alphaClear < 1)) {
            throw new IllegalArgumentException("need 0 < alphaFire < alphaClear < 1");
        }
        if (onBuckets < 1 || offBuckets < 1 || longWindow < 1 || cooldownBuckets < 0) {
            throw new IllegalArgumentException("bucket counts must be positive");
        }
        // Not tied to alphaFire: an override of alphaFire below it leaves steep triggers to
        // the stricter of the two, which firing already requires.
        if (!(steepAlpha >= 0 && steepAlpha < 1) || steepEffect < 1) {
            throw new IllegalArgumentException("need 0 <= steepAlpha < 1 and steepEffect >= 1");
        }
        if (Arrays.stream(negativeWindows).noneMatch(w -> w == 1)
                || Arrays.stream(negativeWindows).anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException(
                    "negative windows must be positive and include the bucket itself (1)");
        }
        if (!(negativeAlphaFactor > 0)) {
            throw new IllegalArgumentException("need negativeAlphaFactor > 0");
        }
        if (!(earlyPriorShare > 0 && earlyPriorShare < 1) || earlyPriorMentions < 0) {
            throw new IllegalArgumentException(
                    "need 0 < earlyPriorShare < 1 and earlyPriorMentions >= 0");
        }
        if (!(silenceAlpha >= 0 && silenceAlpha < 1)) {
            throw new IllegalArgumentException("need 0 <= silenceAlpha < 1");
        }
        if (!(otherPostsPrior >= 0)) {
            throw new IllegalArgumentException("need otherPostsPrior >= 0");
        }
    }

    /** Settings starting from the preset {@code sensitivity} for buckets of {@code size}. */
    public static Builder builder(Sensitivity sensitivity, Duration size) {
        return of(sensitivity, size).toBuilder();
    }

    /** A builder holding these values, to change some by name. */
    public Builder toBuilder() {
        var b = new Builder();
        b.sensitivity = sensitivity;
        b.bucketSize = bucketSize;
        b.alphaFire = alphaFire;
        b.alphaClear = alphaClear;
        b.minNegative = minNegative;
        b.minTotal = minTotal;
        b.minShareTotal = minShareTotal;
        b.minEffect = minEffect;
        b.shareDelta = shareDelta;
        b.shareRho = shareRho;
        b.onBuckets = onBuckets;
        b.offBuckets = offBuckets;
        b.cooldownBuckets = cooldownBuckets;
        b.longWindow = longWindow;
        b.warmupBuckets = warmupBuckets;
        b.levelMemory = levelMemory;
        b.seasonMemory = seasonMemory;
        b.seasonPrior = seasonPrior;
        b.dispersionMemory = dispersionMemory;
        b.winsorZ = winsorZ;
        b.maxFreezeBuckets = maxFreezeBuckets;
        b.steepAlpha = steepAlpha;
        b.steepEffect = steepEffect;
        b.shareCusum = shareCusum;
        b.negativeWindows = negativeWindows.clone();
        b.negativeAlphaFactor = negativeAlphaFactor;
        b.earlyPriorShare = earlyPriorShare;
        b.earlyPriorMentions = earlyPriorMentions;
        b.silenceAlpha = silenceAlpha;
        b.otherPostsPrior = otherPostsPrior;
        return b;
    }

    /** The preset for {@code sensitivity}, with durations converted to buckets of {@code size}. */
    public static DetectorSettings of(Sensitivity sensitivity, Duration size) {
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(size, "size");
        if (size.isZero() || size.isNegative()) {
            throw new IllegalArgumentException("bucket size must be positive");
        }
        int day = buckets(Duration.ofDays(1), size);
        // What the presets share; each then sets its thresholds and delays.
        var b = new Builder();
        b.sensitivity = sensitivity;
        b.bucketSize = size;
        b.shareRho = 0.02;
        b.longWindow = buckets(Duration.ofMinutes(30), size);
        b.warmupBuckets = day;
        b.levelMemory = day;
        b.seasonMemory = 24;
        b.seasonPrior = 12;
        b.dispersionMemory = buckets(Duration.ofDays(7), size);
        b.winsorZ = 3;
        b.maxFreezeBuckets = day;
        b.steepEffect = 4;
        b.shareCusum = true;
        b.negativeWindows =
                new int[] {
                    1,
                    buckets(Duration.ofMinutes(30), size),
                    buckets(Duration.ofHours(1), size),
                    buckets(Duration.ofHours(2), size)
                };
        b.negativeAlphaFactor = 1;
        b.earlyPriorShare = 0.3;
        b.earlyPriorMentions = 20;
        b.silenceAlpha = 1e-4;
        b.otherPostsPrior = OTHER_POSTS_PRIOR;
        return switch (sensitivity) {
            case LOW ->
                    b.alphaFire(1e-8)
                            .alphaClear(1e-3)
                            .minNegative(8)
                            .minTotal(20)
                            .minShareTotal(20)
                            .minEffect(2.5)
                            .shareDelta(0.15)
                            .onBuckets(2)
                            .offBuckets(buckets(Duration.ofMinutes(30), size))
                            .cooldownBuckets(buckets(Duration.ofHours(24), size))
                            .steepAlpha(1e-16)
                            .negativeAlphaFactor(10)
                            .build();
            case BALANCED ->
                    b.alphaFire(1e-6)
                            .alphaClear(1e-3)
                            .minNegative(5)
                            .minTotal(15)
                            .minShareTotal(15)
                            .minEffect(2.0)
                            .shareDelta(0.10)
                            .onBuckets(2)
                            .offBuckets(buckets(Duration.ofMinutes(30), size))
                            .cooldownBuckets(buckets(Duration.ofHours(24), size))
                            .steepAlpha(1e-12)
                            .negativeAlphaFactor(100)
                            .build();
            case HIGH ->
                    b.alphaFire(1e-4)
                            .alphaClear(1e-2)
                            .minNegative(3)
                            .minTotal(10)
                            .minShareTotal(10)
                            .minEffect(1.5)
                            .shareDelta(0.08)
                            .onBuckets(1)
                            .offBuckets(buckets(Duration.ofMinutes(20), size))
                            .cooldownBuckets(buckets(Duration.ofHours(12), size))
                            // With windows up to two hours the negatives at 1e-4 paged noise.
                            .negativeAlphaFactor(0.1)
                            .build();
        };
    }

    private static int buckets(Duration span, Duration size) {
        return (int) Math.max(1, span.toSeconds() / Math.max(1, size.toSeconds()));
    }

    public Sensitivity sensitivity() {
        return sensitivity;
    }

    public Duration bucketSize() {
        return bucketSize;
    }

    public double alphaFire() {
        return alphaFire;
    }

    public double alphaClear() {
        return alphaClear;
    }

    public long minNegative() {
        return minNegative;
    }

    public long minTotal() {
        return minTotal;
    }

    public long minShareTotal() {
        return minShareTotal;
    }

    public double minEffect() {
        return minEffect;
    }

    public double shareDelta() {
        return shareDelta;
    }

    public double shareRho() {
        return shareRho;
    }

    public int onBuckets() {
        return onBuckets;
    }

    public int offBuckets() {
        return offBuckets;
    }

    public int cooldownBuckets() {
        return cooldownBuckets;
    }

    public int longWindow() {
        return longWindow;
    }

    public int warmupBuckets() {
        return warmupBuckets;
    }

    public int levelMemory() {
        return levelMemory;
    }

    public int seasonMemory() {
        return seasonMemory;
    }

    public double seasonPrior() {
        return seasonPrior;
    }

    public int dispersionMemory() {
        return dispersionMemory;
    }

    public double winsorZ() {
        return winsorZ;
    }

    public int maxFreezeBuckets() {
        return maxFreezeBuckets;
    }

    public double steepAlpha() {
        return steepAlpha;
    }

    public double steepEffect() {
        return steepEffect;
    }

    public boolean shareCusum() {
        return shareCusum;
    }

    public int[] negativeWindows() {
        return negativeWindows.clone();
    }

    public double negativeAlphaFactor() {
        return negativeAlphaFactor;
    }

    /** The fire threshold of {@code trigger}'s signals. */
    public double alphaFire(Trigger trigger) {
        return trigger == Trigger.TOTAL_VOLUME ? alphaFire : negativeAlphaFire();
    }

    /** The fire threshold of the negative triggers: {@code alphaFire * negativeAlphaFactor}. */
    public double negativeAlphaFire() {
        return Math.min(alphaFire * negativeAlphaFactor, alphaClear / 2);
    }

    public double earlyPriorShare() {
        return earlyPriorShare;
    }

    public int earlyPriorMentions() {
        return earlyPriorMentions;
    }

    public double silenceAlpha() {
        return silenceAlpha;
    }

    public double otherPostsPrior() {
        return otherPostsPrior;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DetectorSettings o
                && sensitivity.equals(o.sensitivity)
                && bucketSize.equals(o.bucketSize)
                && Double.compare(alphaFire, o.alphaFire) == 0
                && Double.compare(alphaClear, o.alphaClear) == 0
                && minNegative == o.minNegative
                && minTotal == o.minTotal
                && minShareTotal == o.minShareTotal
                && Double.compare(minEffect, o.minEffect) == 0
                && Double.compare(shareDelta, o.shareDelta) == 0
                && Double.compare(shareRho, o.shareRho) == 0
                && onBuckets == o.onBuckets
                && offBuckets == o.offBuckets
                && cooldownBuckets == o.cooldownBuckets
                && longWindow == o.longWindow
                && warmupBuckets == o.warmupBuckets
                && levelMemory == o.levelMemory
                && seasonMemory == o.seasonMemory
                && Double.compare(seasonPrior, o.seasonPrior) == 0
                && dispersionMemory == o.dispersionMemory
                && Double.compare(winsorZ, o.winsorZ) == 0
                && maxFreezeBuckets == o.maxFreezeBuckets
                && Double.compare(steepAlpha, o.steepAlpha) == 0
                && Double.compare(steepEffect, o.steepEffect) == 0
                && shareCusum == o.shareCusum
                && Arrays.equals(negativeWindows, o.negativeWindows)
                && Double.compare(negativeAlphaFactor, o.negativeAlphaFactor) == 0
                && Double.compare(earlyPriorShare, o.earlyPriorShare) == 0
                && earlyPriorMentions == o.earlyPriorMentions
                && Double.compare(silenceAlpha, o.silenceAlpha) == 0
                && Double.compare(otherPostsPrior, o.otherPostsPrior) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                sensitivity,
                bucketSize,
                alphaFire,
                alphaClear,
                minNegative,
                minTotal,
                minShareTotal,
                minEffect,
                shareDelta,
                shareRho,
                onBuckets,
                offBuckets,
                cooldownBuckets,
                longWindow,
                warmupBuckets,
                levelMemory,
                seasonMemory,
                seasonPrior,
                dispersionMemory,
                winsorZ,
                maxFreezeBuckets,
                steepAlpha,
                steepEffect,
                shareCusum,
                Arrays.hashCode(negativeWindows),
                negativeAlphaFactor,
                earlyPriorShare,
                earlyPriorMentions,
                silenceAlpha,
                otherPostsPrior);
    }

    @Override
    public String toString() {
        return "DetectorSettings["
                + "sensitivity="
                + sensitivity
                + ", bucketSize="
                + bucketSize
                + ", alphaFire="
                + alphaFire
                + ", alphaClear="
                + alphaClear
                + ", minNegative="
                + minNegative
                + ", minTotal="
                + minTotal
                + ", minShareTotal="
                + minShareTotal
                + ", minEffect="
                + minEffect
                + ", shareDelta="
                + shareDelta
                + ", shareRho="
                + shareRho
                + ", onBuckets="
                + onBuckets
                + ", offBuckets="
                + offBuckets
                + ", cooldownBuckets="
                + cooldownBuckets
                + ", longWindow="
                + longWindow
                + ", warmupBuckets="
                + warmupBuckets
                + ", levelMemory="
                + levelMemory
                + ", seasonMemory="
                + seasonMemory
                + ", seasonPrior="
                + seasonPrior
                + ", dispersionMemory="
                + dispersionMemory
                + ", winsorZ="
                + winsorZ
                + ", maxFreezeBuckets="
                + maxFreezeBuckets
                + ", steepAlpha="
                + steepAlpha
                + ", steepEffect="
                + steepEffect
                + ", shareCusum="
                + shareCusum
                + ", negativeWindows="
                + Arrays.toString(negativeWindows)
                + ", negativeAlphaFactor="
                + negativeAlphaFactor
                + ", earlyPriorShare="
                + earlyPriorShare
                + ", earlyPriorMentions="
                + earlyPriorMentions
                + ", silenceAlpha="
                + silenceAlpha
                + ", otherPostsPrior="
                + otherPostsPrior
                + "]";
    }

    /** Named setters over a copy of some settings; {@link #build} validates them. */
    public static final class Builder {

        private Sensitivity sensitivity;
        private Duration bucketSize;
        private double alphaFire;
        private double alphaClear;
        private long minNegative;
        private long minTotal;
        private long minShareTotal;
        private double minEffect;
        private double shareDelta;
        private double shareRho;
        private int onBuckets;
        private int offBuckets;
        private int cooldownBuckets;
        private int longWindow;
        private int warmupBuckets;
        private int levelMemory;
        private int seasonMemory;
        private double seasonPrior;
        private int dispersionMemory;
        private double winsorZ;
        private int maxFreezeBuckets;
        private double steepAlpha;
        private double steepEffect;
        private boolean shareCusum;
        private int[] negativeWindows;
        private double negativeAlphaFactor = 1;
        private double earlyPriorShare;
        private int earlyPriorMentions;
        private double silenceAlpha;
        private double otherPostsPrior;

        private Builder() {}

        /** The preset these values started from. */
        public Builder sensitivity(Sensitivity value) {
            this.sensitivity = value;
            return this;
        }

        /** The series' bucket. */
        public Builder bucketSize(Duration value) {
            this.bucketSize = value;
            return this;
        }

        /** A trigger fires when its corrected tail probability is below this. */
        public Builder alphaFire(double value) {
            this.alphaFire = value;
            return this;
        }

        /**
         * An episode holds while some trigger's probability stays below this (hysteresis: {@code
         * alphaClear > alphaFire}).
         */
        public Builder alphaClear(double value) {
            this.alphaClear = value;
            return this;
        }

        /** Negative mentions a window needs before a negative trigger may fire. */
        public Builder minNegative(long value) {
            this.minNegative = value;
            return this;
        }

        /** Mentions a window needs before the total-volume trigger may fire. */
        public Builder minTotal(long value) {
            this.minTotal = value;
            return this;
        }

        /** Mentions a window needs before the share trigger may fire. */
        public Builder minShareTotal(long value) {
            this.minShareTotal = value;
            return this;
        }

        /** Observed / expected a volume trigger needs (practical size, not only significance). */
        public Builder minEffect(double value) {
            this.minEffect = value;
            return this;
        }

        /** The Wilson lower bound of the share must exceed the baseline share by this. */
        public Builder shareDelta(double value) {
            this.shareDelta = value;
            return this;
        }

        /** Intra-class correlation of the beta-binomial share test (overdispersion). */
        public Builder shareRho(double value) {
            this.shareRho = value;
            return this;
        }

        /** Consecutive firing buckets before an episode starts (on-delay). */
        public Builder onBuckets(int value) {
            this.onBuckets = value;
            return this;
        }

        /** Consecutive quiet buckets before an episode resolves (off-delay). */
        public Builder offBuckets(int value) {
            this.offBuckets = value;
            return this;
        }

        /** A new firing within this many buckets of a resolve re-opens the episode. */
        public Builder cooldownBuckets(int value) {
            this.cooldownBuckets = value;
            return this;
        }

        /** The second test window, in buckets (the first is the bucket itself). */
        public Builder longWindow(int value) {
            this.longWindow = value;
            return this;
        }

        /** Buckets of history before anything may fire. */
        public Builder warmupBuckets(int value) {
            this.warmupBuckets = value;
            return this;
        }

        /** Buckets of memory of the baseline level (exponential weighting). */
        public Builder levelMemory(int value) {
            this.levelMemory = value;
            return this;
        }

        /** Observations of memory of each hour-of-week factor. */
        public Builder seasonMemory(int value) {
            this.seasonMemory = value;
            return this;
        }

        /** Pseudo-mentions shrinking an hour-of-week factor towards the hour-of-day one. */
        public Builder seasonPrior(double value) {
            this.seasonPrior = value;
            return this;
        }

        /** Buckets of memory of the dispersion estimate. */
        public Builder dispersionMemory(int value) {
            this.dispersionMemory = value;
            return this;
        }

        /**
         * Values above baseline + winsorZ standard deviations are clipped before they update the
         * baseline, so a crisis does not inflate it.
         */
        public Builder winsorZ(double value) {
            this.winsorZ = value;
            return this;
        }

        /** Baseline updates pause while an episode is open, at most this long. */
        public Builder maxFreezeBuckets(int value) {
            this.maxFreezeBuckets = value;
            return this;
        }

        /**
         * A firing trigger this far out in the tail (and past {@code steepEffect}) starts an
         * episode at once, without waiting for the on-delay: a steep rise is not a blip; 0 turns it
         * off.
         */
        public Builder steepAlpha(double value) {
            this.steepAlpha = value;
            return this;
        }

        /** Observed / expected a steep trigger needs besides {@code steepAlpha}. */
        public Builder steepEffect(double value) {
            this.steepEffect = value;
            return this;
        }

        /**
         * Whether the share trigger also runs a CUSUM of the negative share (a turn building up
         * over hours, or a few posts an hour).
         */
        public Builder shareCusum(boolean value) {
            this.shareCusum = value;
            return this;
        }

        /**
         * Windows of the negative-volume trigger, in buckets: longer ones than the share's so a
         * burst arriving a few posts an hour adds up.
         */
        public Builder negativeWindows(int... value) {
            this.negativeWindows = value.clone();
            return this;
        }

        /** The negative triggers fire below {@code alphaFire} times this. */
        public Builder negativeAlphaFactor(double value) {
            this.negativeAlphaFactor = value;
            return this;
        }

        /**
         * The negative share the young detector assumes before it has seen any mention (a
         * conservative population prior, above most brands' share).
         */
        public Builder earlyPriorShare(double value) {
            this.earlyPriorShare = value;
            return this;
        }

        /**
         * Weight of {@code earlyPriorShare}, in mentions of the series' own; 0 turns the warm-up
         * test off.
         */
        public Builder earlyPriorMentions(int value) {
            this.earlyPriorMentions = value;
            return this;
        }

        /**
         * A run of empty buckets less likely than this under the baseline is a silent source, not
         * calm: it does not teach the baseline. 0 turns it off.
         */
        public Builder otherPostsPrior(double value) {
            this.otherPostsPrior = value;
            return this;
        }

        public Builder silenceAlpha(double value) {
            this.silenceAlpha = value;
            return this;
        }

        public DetectorSettings build() {
            return new DetectorSettings(this);
        }
    }
}
