package org.caresignal.alert.domain.detection;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Replays a recorded series through a fresh {@link SpikeDetector}: rows of counts in, one
 * evaluation per row out (the backtest's engine).
 */
public final class Replay {

    private Replay() {}

    /** One recorded bucket; {@code negative} is null when the series has no sentiment. */
    public record Row(Instant start, long total, Long negative) {
        public Row {
            Objects.requireNonNull(start, "start");
        }
    }

    /**
     * The bucket size of a series: the median gap between consecutive timestamps.
     *
     * @throws IllegalArgumentException with fewer than two distinct timestamps
     */
    public static Duration inferBucketSize(List<Row> rows) {
        long[] gaps =
                java.util.stream.IntStream.range(1, rows.size())
                        .mapToLong(
                                i ->
                                        Duration.between(
                                                        rows.get(i - 1).start(),
                                                        rows.get(i).start())
                                                .toSeconds())
                        .filter(g -> g > 0)
                        .sorted()
                        .toArray();
        if (gaps.length == 0) {
            throw new IllegalArgumentException(
                    "need at least two rows with increasing timestamps to infer the bucket size");
        }
        return Duration.ofSeconds(gaps[gaps.length / 2]);
    }

    /** Runs the preset {@code sensitivity} over {@code rows}, in order. */
    public static List<Evaluation> run(List<Row> rows, Sensitivity sensitivity) {
        return run(rows, DetectorSettings.of(sensitivity, inferBucketSize(rows)));
    }

    /** Runs {@code settings} over {@code rows}, in order; one evaluation per row. */
    public static List<Evaluation> run(List<Row> rows, DetectorSettings settings) {
        var detector = new SpikeDetector(settings, ZoneOffset.UTC);
        boolean anyNegative = rows.stream().anyMatch(r -> r.negative() != null);
        var out = new ArrayList<Evaluation>(rows.size());
        for (var row : rows) {
            long total = Math.max(0, row.total());
            long negative = row.negative() == null ? 0 : Math.min(total, row.negative());
            var evaluation = detector.observe(new Bucket(row.start(), total, negative));
            if (!anyNegative) {
                evaluation = volumeOnly(evaluation);
            }
            out.add(evaluation);
        }
        return out;
    }

    /** Without a negative column only the total-volume trigger means anything. */
    private static Evaluation volumeOnly(Evaluation e) {
        var signals =
                e.signals().stream().filter(s -> s.trigger() == Trigger.TOTAL_VOLUME).toList();
        return new Evaluation(
                e.bucketStart(),
                signals.stream().mapToDouble(Signal::score).max().orElse(0),
                signals,
                e.transition(),
                e.firing(),
                e.severity(),
                e.episodeStart(),
                e.warm());
    }

    /** Median of {@code values}; NaN when empty. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
