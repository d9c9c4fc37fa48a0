package org.caresignal.alert.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.caresignal.alert.domain.detection.Bucket;
import org.caresignal.alert.domain.incident.Explanation;

/**
 * Pure rules of the incident page's chart: which buckets around an incident's window to read, and
 * each bucket's counts next to what the explanation's baseline expected per bucket (counts in,
 * points and an SVG outline out).
 */
public final class WindowChart {

    /** Buckets shown before the window, as a multiple of the window's own length (at least). */
    static final int CONTEXT_WINDOWS = 3;

    /** Fewest buckets of context on each side, so a one-bucket window still has a shape. */
    static final int MIN_CONTEXT_BUCKETS = 12;

    /** Most buckets a chart holds: a long window is shown with less context, never more rows. */
    static final int MAX_BUCKETS = 288;

    private WindowChart() {}

    /** The buckets to read: {@code [from, to)}, aligned to the bucket size. */
    public record Range(Instant from, Instant to) {}

    /**
     * One bucket: its counts, whether it is inside the incident's window, and the measure's value
     * and expected value (null outside the window: the baseline speaks of the window only).
     */
    public record Point(
            Instant start,
            long total,
            long negative,
            boolean inWindow,
            double value,
            Double expected) {}

    /**
     * The range around {@code window}: {@value #CONTEXT_WINDOWS} windows (at least {@value
     * #MIN_CONTEXT_BUCKETS} buckets) before, one window (same minimum) after, never past the bucket
     * holding {@code now}, at most {@value #MAX_BUCKETS} buckets.
     */
    public static Range range(Explanation.Window window, Duration bucket, Instant now) {
        long size = bucket.toSeconds();
        var start = align(window.start(), size);
        var end = align(window.end().minusNanos(1), size).plus(bucket);
        long windowBuckets = Math.max(1, Duration.between(start, end).toSeconds() / size);
        long before = Math.max(MIN_CONTEXT_BUCKETS, CONTEXT_WINDOWS * windowBuckets);
        long after = Math.max(MIN_CONTEXT_BUCKETS, windowBuckets);
        var from = start.minus(bucket.multipliedBy(before));
        var to = end.plus(bucket.multipliedBy(after));
        var last = align(now, size).plus(bucket);
        if (to.isAfter(last)) {
            to = last.isAfter(end) ? last : end;
        }
        long total = Duration.between(from, to).toSeconds() / size;
        if (total > MAX_BUCKETS) {
            // Keep the window whole and as much context before it as fits.
            long spare = Math.max(0, MAX_BUCKETS - windowBuckets);
            long keepAfter = Math.min(Duration.between(end, to).toSeconds() / size, spare / 4);
            long keepBefore = spare - keepAfter;
            from = start.minus(bucket.multipliedBy(keepBefore));
            to = end.plus(bucket.multipliedBy(keepAfter));
            if (from.isAfter(start)) {
                from = start;
            }
            if (Duration.between(from, to).toSeconds() / size > MAX_BUCKETS) {
                to = from.plus(bucket.multipliedBy(MAX_BUCKETS));
            }
        }
        return new Range(from, to);
    }

    /**
     * Every bucket of {@code range} (empty ones as zero), oldest first, with the {@code baseline}'s
     * measure: counts ({@code negative-count}, {@code total-count}: the window's expectation spread
     * evenly over its buckets) or the negative share in percent ({@code negative-share}).
     */
    public static List<Point> points(
            List<Bucket> buckets,
            Range range,
            Explanation.Window window,
            Explanation.Baseline baseline,
            Duration bucket) {
        var byStart = new HashMap<Instant, Bucket>();
        buckets.forEach(b -> byStart.put(b.start(), b));
        String measure = baseline == null ? "negative-count" : baseline.measure();
        long size = bucket.toSeconds();
        long windowBuckets = 1;
        if (window != null) {
            var start = align(window.start(), size);
            var end = align(window.end().minusNanos(1), size).plus(bucket);
            windowBuckets = Math.max(1, Duration.between(start, end).toSeconds() / size);
        }
        Double expected = null;
        if (baseline != null) {
            expected =
                    switch (measure) {
                        case "negative-share" -> percentOf(baseline.expected());
                        default -> baseline.expected() / windowBuckets;
                    };
        }
        var out = new ArrayList<Point>();
        for (var at = range.from(); at.isBefore(range.to()); at = at.plus(bucket)) {
            var b = byStart.get(at);
            long total = b == null ? 0 : b.total();
            long negative = b == null ? 0 : b.negative();
            var end = at.plus(bucket);
            boolean inside =
                    window != null && end.isAfter(window.start()) && at.isBefore(window.end());
            double value =
                    switch (measure) {
                        // The share's denominator leaves out what the uncertain policy does.
                        case "negative-share" -> {
                            long assessed = b == null ? 0 : b.assessed();
                            yield assessed == 0 ? 0 : 100.0 * negative / assessed;
                        }
                        case "total-count" -> total;
                        default -> negative;
                    };
            out.add(new Point(at, total, negative, inside, value, inside ? expected : null));
        }
        return out;
    }

    /** What a person reads for the measure's unit in a table header. */
    public static String measureLabel(String measure) {
        return switch (measure == null ? "" : measure) {
            case "negative-share" -> "Negative share (%)";
            case "total-count" -> "Mentions";
            default -> "Negative mentions";
        };
    }

    /**
     * SVG path data ({@code M x,y L x,y ...}) of {@code values} in a {@code width} x {@code height}
     * box scaled to {@code max}; a null value breaks the line (no expectation outside the window).
     */
    public static String path(List<Double> values, double max, int width, int height) {
        if (values.isEmpty()) {
            return "";
        }
        double step = values.size() == 1 ? 0 : (double) width / (values.size() - 1);
        var d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < values.size(); i++) {
            var v = values.get(i);
            if (v == null) {
                pen = false;
                continue;
            }
            double y = max <= 0 ? height - 1 : height - v / max * (height - 2) - 1;
            if (!d.isEmpty()) {
                d.append(' ');
            }
            d.append(pen ? 'L' : 'M').append(num(i * step)).append(',').append(num(y));
            pen = true;
        }
        return d.toString();
    }

    /** A value as the table shows it: whole numbers plain, others with one decimal. */
    public static String format(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static double percentOf(double share) {
        // The detector keeps shares as 0..1; the page speaks in percent.
        return share * 100;
    }

    private static Instant align(Instant at, long bucketSeconds) {
        long s = at.getEpochSecond();
        return Instant.ofEpochSecond(Math.floorDiv(s, bucketSeconds) * bucketSeconds);
    }

    private static String num(double v) {
        var r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
