package org.caresignal.sentiment.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts scored mentions into time buckets: (published at, label, score) or hourly rollups in, per
 * bucket volume, counts by label and mean score out; not thread-safe (one per request).
 */
public final class SentimentHistory {

    /** One bucket's figures; {@code meanScore} is null for an empty bucket. */
    public record Bucket(
            Instant start,
            Instant end,
            long volume,
            long negative,
            long neutral,
            long positive,
            Double meanScore) {}

    private final TimeBuckets buckets;
    private final long[][] counts;
    private final double[] scoreSums;

    public SentimentHistory(TimeBuckets buckets) {
        this.buckets = buckets;
        this.counts = new long[buckets.count()][3];
        this.scoreSums = new double[buckets.count()];
    }

    public void add(Instant publishedAt, SentimentLabel label, double score) {
        int bucket = buckets.indexOf(publishedAt);
        if (bucket >= 0) {
            counts[bucket][label.ordinal()]++;
            scoreSums[bucket] += score;
        }
    }

    /**
     * Adds the counts and score sum of mentions published in [start, start + 1 hour), which must
     * lie within one bucket (see {@link TimeBuckets#onWholeHours()}).
     */
    public void addHour(
            Instant start, long negative, long neutral, long positive, double scoreSum) {
        int bucket = buckets.indexOf(start);
        if (bucket >= 0) {
            counts[bucket][SentimentLabel.NEGATIVE.ordinal()] += negative;
            counts[bucket][SentimentLabel.NEUTRAL.ordinal()] += neutral;
            counts[bucket][SentimentLabel.POSITIVE.ordinal()] += positive;
            scoreSums[bucket] += scoreSum;
        }
    }

    public List<Bucket> buckets() {
        var result = new ArrayList<Bucket>(buckets.count());
        for (int i = 0; i < buckets.count(); i++) {
            long volume = counts[i][0] + counts[i][1] + counts[i][2];
            result.add(
                    new Bucket(
                            buckets.start(i),
                            buckets.end(i),
                            volume,
                            counts[i][SentimentLabel.NEGATIVE.ordinal()],
                            counts[i][SentimentLabel.NEUTRAL.ordinal()],
                            counts[i][SentimentLabel.POSITIVE.ordinal()],
                            volume == 0 ? null : scoreSums[i] / volume));
        }
        return result;
    }
}
