package org.caresignal.alert.tools;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores detections (pages) on a labelled series the way the Numenta Anomaly Benchmark does: rows
 * with their detections and the labelled windows in, a raw score per application profile out, and
 * the normalised score of a set of files.
 *
 * <p>Our own implementation of NAB's published method: the first rows of a file are probationary
 * (detections there count for nothing); the earliest detection in a window earns {@code A_TP} times
 * a scaled sigmoid of its position in the window, normalised so that a detection on the window's
 * first row earns exactly {@code A_TP}; a window without one costs {@code A_FN}; every detection
 * outside the windows costs {@code A_FP} times the same sigmoid of its distance after the preceding
 * window (relative to that window's width), so a detection just after a window costs little and one
 * far from any window, or before the first, costs the full {@code A_FP}. A set of files is
 * normalised as {@code 100 (raw - null) / (perfect - null)} over the sums, the null detector never
 * detecting and the perfect one detecting on each window's first row.
 */
public final class NabScoring {

    /**
     * NAB's probation: 15% of the file's rows, at most 15% of 5,000 rows (its scorer caps it so
     * that long files are not mostly probation).
     */
    static final double PROBATION_PERCENT = 0.15;

    static final int PROBATION_CAP_ROWS = 5000;

    /** Relative positions this far after a window's end already cost the full weight. */
    private static final double FAR = 3.0;

    private NabScoring() {}

    /** An application profile: the weights of a true positive, a false positive and a miss. */
    public record Profile(String name, double tp, double fp, double fn) {

        /** NAB's three published profiles. */
        public static final List<Profile> NAB =
                List.of(
                        new Profile("standard", 1.0, 0.11, 1.0),
                        new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0),
                        new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0));
    }

    /** A labelled window, both ends included. */
    public record Window(Instant start, Instant end) {
        public Window {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("a window ends after it starts");
            }
        }
    }

    /**
     * What one file scored under one profile.
     *
     * @param windows the windows NAB scores (those with a row after the probation)
     * @param detected scored windows with a detection after the probation
     * @param falsePositives detections after the probation outside every window
     * @param raw the profile's raw score
     */
    public record FileScore(
            Profile profile,
            int windows,
            int detected,
            int falsePositives,
            double raw,
            double nullScore,
            double perfect) {

        /** This file alone, normalised; NaN without a scored window. */
        public double normalised() {
            return NabScoring.normalised(List.of(this));
        }
    }

    /** NAB's scaled sigmoid: about 1 at relative position -1, 0 at 0, -1 from 3 on. */
    static double scaledSigmoid(double position) {
        if (position >= FAR) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * position)) - 1.0;
    }

    /** Rows NAB ignores at the start of a file of {@code rows} rows. */
    static int probationRows(int rows) {
        return (int)
                Math.min(
                        Math.floor(PROBATION_PERCENT * rows),
                        PROBATION_PERCENT * PROBATION_CAP_ROWS);
    }

    /**
     * Scores one file.
     *
     * @param times the rows' timestamps, increasing
     * @param detected whether each row is a detection (a page)
     * @param windows the labelled windows, in time order and not overlapping
     */
    public static FileScore score(
            List<Instant> times, boolean[] detected, List<Window> windows, Profile profile) {
        if (times.size() != detected.length) {
            throw new IllegalArgumentException("one detection flag per row");
        }
        int n = times.size();
        int probation = probationRows(n);
        // Row index ranges of the windows; a window with no row is not part of the file.
        var ranges = new ArrayList<int[]>();
        for (var w : windows) {
            int first = firstAtOrAfter(times, w.start());
            int last = firstAtOrAfter(times, w.end().plusNanos(1)) - 1;
            if (first <= last) {
                ranges.add(new int[] {first, last});
            }
        }
        double maxTp = scaledSigmoid(-1.0);
        double raw = 0;
        int scoredWindows = 0;
        int found = 0;
        for (var r : ranges) {
            if (r[1] < probation) {
                continue;
            }
            scoredWindows++;
            double width = r[1] - r[0] + 1;
            int earliest = -1;
            for (int i = Math.max(r[0], probation); i <= r[1]; i++) {
                if (detected[i]) {
                    earliest = i;
                    break;
                }
            }
            if (earliest < 0) {
                raw -= profile.fn();
            } else {
                found++;
                double position = -(r[1] - earliest + 1) / width;
                raw += profile.tp() * scaledSigmoid(position) / maxTp;
            }
        }
        int falsePositives = 0;
        int next = 0;
        int[] previous = null;
        for (int i = probation; i < n; i++) {
            while (next < ranges.size() && ranges.get(next)[1] < i) {
                previous = ranges.get(next++);
            }
            boolean inside = next < ranges.size() && ranges.get(next)[0] <= i;
            if (!detected[i] || inside) {
                continue;
            }
            falsePositives++;
            double position = FAR;
            if (previous != null && previous[1] > previous[0]) {
                position = (i - previous[1]) / (double) (previous[1] - previous[0]);
            }
            raw += profile.fp() * scaledSigmoid(position);
        }
        return new FileScore(
                profile,
                scoredWindows,
                found,
                falsePositives,
                raw,
                -profile.fn() * scoredWindows,
                profile.tp() * scoredWindows);
    }

    /**
     * NAB's normalised score of a set of files scored under one profile: {@code 100 (raw - null) /
     * (perfect - null)} over the sums; NaN when no file has a scored window.
     */
    public static double normalised(List<FileScore> files) {
        double raw = 0;
        double nul = 0;
        double perfect = 0;
        for (var f : files) {
            raw += f.raw();
            nul += f.nullScore();
            perfect += f.perfect();
        }
        return perfect - nul > 0 ? 100.0 * (raw - nul) / (perfect - nul) : Double.NaN;
    }

    private static int firstAtOrAfter(List<Instant> times, Instant t) {
        int lo = 0;
        int hi = times.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times.get(mid).isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
