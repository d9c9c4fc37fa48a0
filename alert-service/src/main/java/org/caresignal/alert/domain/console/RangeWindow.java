package org.caresignal.alert.domain.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A {@link Range} made concrete in a time zone: {@code [from, to)} as instants, with the bucket the
 * comparison with earlier ranges is counted in ({@code hour} for the last 24 hours, local {@code
 * day} otherwise, so every range is a whole number of buckets even across a clock change) and the
 * earlier ranges of equal length that the usual level is taken from.
 */
public record RangeWindow(Range range, ZoneId zone, Instant from, Instant to) {

    /**
     * The last 24 hours end with the hour that holds {@code now}; 7 and 30 days end with today; a
     * custom range runs from the first day's midnight to the midnight after the last day.
     */
    public static RangeWindow of(Range range, ZoneId zone, Instant now) {
        var local = now.atZone(zone);
        return switch (range.kind()) {
            case LAST_24H -> {
                var end = local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
                yield new RangeWindow(range, zone, end.minus(Duration.ofHours(24)), end);
            }
            case LAST_7D -> days(range, zone, local, 7);
            case LAST_30D -> days(range, zone, local, 30);
            case CUSTOM ->
                    new RangeWindow(
                            range,
                            zone,
                            range.firstDay().atStartOfDay(zone).toInstant(),
                            range.lastDay().plusDays(1).atStartOfDay(zone).toInstant());
        };
    }

    private static RangeWindow days(Range range, ZoneId zone, ZonedDateTime local, int days) {
        var tomorrow = local.toLocalDate().plusDays(1);
        return new RangeWindow(
                range,
                zone,
                tomorrow.minusDays(days).atStartOfDay(zone).toInstant(),
                tomorrow.atStartOfDay(zone).toInstant());
    }

    /** Whether the range is counted in hours (the last 24 hours) rather than local days. */
    public boolean hourly() {
        return range.kind() == Range.Kind.LAST_24H;
    }

    /** The bucket of the sentiment history that compares ranges: {@code hour} or {@code day}. */
    public String comparisonBucket() {
        return hourly() ? "hour" : "day";
    }

    /** The local days the range spans (1 for the last 24 hours). */
    public long days() {
        if (hourly()) {
            return 1;
        }
        return ChronoUnit.DAYS.between(
                from.atZone(zone).toLocalDate(), to.atZone(zone).toLocalDate());
    }

    /**
     * The range {@code n} lengths earlier (n = 1 is the one just before): 24 hours earlier, or the
     * same number of local days earlier.
     */
    public RangeWindow previous(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        if (hourly()) {
            var shift = Duration.ofHours(24L * n);
            return new RangeWindow(range, zone, from.minus(shift), to.minus(shift));
        }
        long shift = days() * n;
        return new RangeWindow(
                range,
                zone,
                from.atZone(zone).minusDays(shift).toInstant(),
                to.atZone(zone).minusDays(shift).toInstant());
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
