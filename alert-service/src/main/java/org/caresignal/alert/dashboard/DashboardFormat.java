package org.caresignal.alert.dashboard;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caresignal.alert.domain.BrandBucketCount;
import org.caresignal.alert.domain.UncertainPolicy;
import org.caresignal.alert.domain.routing.Route;

/**
 * Pure presentation rules of the dashboard: times in a zone (always naming it), ages, which zone an
 * incident is shown in, hourly sums of the bucket counts, sparkline points and safe links.
 */
public final class DashboardFormat {

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private DashboardFormat() {}

    /** A point in time as a person reads it in {@code zone}, and as a machine reads it. */
    public record Time(String text, String iso) {}

    /** {@code at} in {@code zone}, e.g. {@code 2026-01-06 02:05 EST}; null stays null. */
    public static Time time(Instant at, ZoneId zone) {
        if (at == null) {
            return null;
        }
        // ZoneOffset.UTC prints as "Z"; the region id prints as "UTC", which people read.
        var shown = zone.normalized().equals(ZoneOffset.UTC) ? ZoneId.of("UTC") : zone;
        return new Time(LOCAL.format(at.atZone(shown)), at.toString());
    }

    /** The hour-of-day label of {@code at} in {@code zone}, e.g. {@code 14:00}. */
    public static String hourLabel(Instant at, ZoneId zone) {
        return HOUR.format(at.atZone(zone));
    }

    /** How long since {@code from}: {@code 45 min}, {@code 3 h 12 min}, {@code 2 d 3 h}. */
    public static String age(Instant from, Instant now) {
        var d = Duration.between(from, now);
        if (d.isNegative() || d.toMinutes() < 1) {
            return "< 1 min";
        }
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        return minutes + " min";
    }

    /**
     * The zone to show times of a brand's (facility's) incidents in: the quiet hours' zone of the
     * most specific enabled route that matches the brand and facility (routes are where the service
     * learns a facility's zone); a facility route of the brand serves a brand-wide view; UTC when
     * no route says.
     */
    public static ZoneId zoneFor(List<Route> routes, String brandId, String facilityId) {
        ZoneId best = ZoneOffset.UTC;
        int bestScore = -1;
        for (var route : routes) {
            if (!route.enabled() || route.quietHours() == null) {
                continue;
            }
            if (route.brandId() != null && !route.brandId().equals(brandId)) {
                continue;
            }
            int score = route.brandId() != null ? 4 : 0;
            if (route.facilityId() != null) {
                if (route.facilityId().equals(facilityId)) {
                    score += 2;
                } else if (facilityId == null && route.brandId() != null) {
                    score -= 1; // below the brand's own route, above a route for every brand
                } else {
                    continue;
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = route.quietHours().zone();
            }
        }
        return best;
    }

    /** The name a person reads for a zone: {@code UTC} or the IANA id. */
    public static String zoneName(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** One hour of a brand's counts. */
    /**
     * One hour's mentions ({@code total}), negatives and the negative share's denominator ({@code
     * assessed}) under the brand's uncertain policy.
     */
    public record Hour(Instant start, long total, long negative, long assessed) {

        public Hour(Instant start, long total, long negative) {
            this(start, total, negative, total);
        }

        /** The negative share in percent, rounded; 0 for an empty hour. */
        public long negativePercent() {
            return assessed == 0 ? 0 : Math.round(100.0 * negative / assessed);
        }
    }

    /**
     * The {@code hours} whole hours ending with the one that holds {@code now}, oldest first, each
     * the sum of the buckets that start in it (empty hours are zero).
     */
    public static List<Hour> hourly(List<BrandBucketCount> buckets, Instant now, int hours) {
        return hourly(buckets, UncertainPolicy.DEFAULT, now, hours);
    }

    /** {@link #hourly} with the negatives as the brand's uncertain {@code policy} counts them. */
    public static List<Hour> hourly(
            List<BrandBucketCount> buckets, UncertainPolicy policy, Instant now, int hours) {
        var last = now.truncatedTo(ChronoUnit.HOURS);
        var first = last.minus(Duration.ofHours(hours - 1L));
        long[] totals = new long[hours];
        long[] negatives = new long[hours];
        long[] assessed = new long[hours];
        for (var b : buckets) {
            if (b.bucketStart.isBefore(first) || !b.bucketStart.isBefore(last.plusSeconds(3600))) {
                continue;
            }
            int i = (int) Duration.between(first, b.bucketStart).toHours();
            var seen = b.counts().under(policy);
            totals[i] += seen.volume();
            negatives[i] += seen.negative();
            assessed[i] += seen.assessed();
        }
        var out = new ArrayList<Hour>(hours);
        for (int i = 0; i < hours; i++) {
            out.add(
                    new Hour(
                            first.plus(Duration.ofHours(i)), totals[i], negatives[i], assessed[i]));
        }
        return out;
    }

    /** Where the hourly series starts: the first hour {@link #hourly} covers. */
    public static Instant hourlyFrom(Instant now, int hours) {
        return now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
    }

    /**
     * SVG polyline points for {@code values} in a {@code width} x {@code height} box, scaled so
     * that {@code max} touches the top (a flat line on the bottom when {@code max} is 0).
     */
    public static String sparkline(List<Long> values, long max, int width, int height) {
        if (values.isEmpty()) {
            return "";
        }
        double step = values.size() == 1 ? 0 : (double) width / (values.size() - 1);
        var points = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            double y =
                    max <= 0
                            ? height - 1
                            : height - (double) values.get(i) / max * (height - 2) - 1;
            if (i > 0) {
                points.append(' ');
            }
            points.append(round(i * step)).append(',').append(round(y));
        }
        return points.toString();
    }

    private static String round(double v) {
        var r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    /**
     * {@code url} when it is an absolute http(s) link, else null: a mention's link comes from a
     * third party and must never become a {@code javascript:} or {@code data:} link on the page.
     */
    public static String safeLink(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            var uri = new URI(url.trim());
            var scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null) {
                return null;
            }
            var lower = scheme.toLowerCase(Locale.ROOT);
            return lower.equals("http") || lower.equals("https") ? uri.toString() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** A share 0..1 as a whole percent. */
    public static long percent(double share) {
        return Math.round(share * 100);
    }
}
