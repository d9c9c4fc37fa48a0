package org.caresignal.alert.domain.console;

import java.util.List;

/**
 * The overview's arithmetic: the usual level of a count (the mean over the earlier ranges of equal
 * length), a change against it, a negative share and the net sentiment. Null means "cannot say"
 * (nothing to compare with, or no mentions), which the page shows as such rather than as zero.
 */
public final class OverviewFigures {

    private OverviewFigures() {}

    /**
     * Counts of one range: all mentions ({@code volume}) and, by label, those taking part in the
     * sentiment figures (fewer than the volume when the brand's uncertain policy leaves uncertain
     * mentions out, or for posts in a language the model does not read).
     */
    public record Counts(long volume, long negative, long neutral, long positive) {

        public static final Counts ZERO = new Counts(0, 0, 0, 0);

        /** The mentions taking part in the sentiment figures: the share's denominator. */
        public long assessed() {
            return negative + neutral + positive;
        }

        public Counts plus(Counts other) {
            return new Counts(
                    volume + other.volume,
                    negative + other.negative,
                    neutral + other.neutral,
                    positive + other.positive);
        }
    }

    /** The mean volume of the earlier ranges; null when there are none. */
    public static Double usualVolume(List<Counts> earlier) {
        if (earlier.isEmpty()) {
            return null;
        }
        return earlier.stream().mapToLong(Counts::volume).sum() / (double) earlier.size();
    }

    /**
     * The negative share of the earlier ranges taken together (each mention weighs the same, so a
     * quiet range does not swing it); null when they hold no mention.
     */
    public static Double usualNegativeShare(List<Counts> earlier) {
        var sum = earlier.stream().reduce(Counts.ZERO, Counts::plus);
        return share(sum.negative(), sum.assessed());
    }

    /** {@code part / whole}; null when whole is 0. */
    public static Double share(long part, long whole) {
        return whole == 0 ? null : part / (double) whole;
    }

    /**
     * The relative change of {@code current} against {@code usual}; null when usual is null or 0.
     */
    public static Double change(long current, Double usual) {
        if (usual == null || usual == 0) {
            return null;
        }
        return (current - usual) / usual;
    }

    /** The difference of two shares (percentage points / 100); null when either is null. */
    public static Double pointChange(Double share, Double usualShare) {
        if (share == null || usualShare == null) {
            return null;
        }
        return share - usualShare;
    }

    /**
     * Net sentiment: (positive − negative) / the mentions taking part, in −100..+100 (the listening
     * tools' convention); null without any.
     */
    public static Double netSentiment(Counts counts) {
        if (counts.assessed() == 0) {
            return null;
        }
        return 100.0 * (counts.positive() - counts.negative()) / counts.assessed();
    }
}
