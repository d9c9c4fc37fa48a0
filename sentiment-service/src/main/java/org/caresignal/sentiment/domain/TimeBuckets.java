package org.caresignal.sentiment.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Splits a time range into calendar buckets of the caller's time zone (a day there lasts 23 or 25
 * hours when the clocks change); a range, a bucket size and a zone in, the bucket boundaries out;
 * pure functions.
 */
public final class TimeBuckets {

    /** The bucket sizes of the history API. */
    public enum Size {
        MINUTE,
        HOUR,
        DAY;

        /** Parses {@code minute|hour|day} (any case), or throws IllegalArgumentException. */
        public static Size parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("must be one of minute, hour, day");
            }
        }
    }

    private final List<Instant> boundaries;

    private TimeBuckets(List<Instant> boundaries) {
        this.boundaries = List.copyOf(boundaries);
    }

    /**
     * The buckets covering [from, to): the first starts at the calendar boundary at or before
     * {@code from} in {@code zone}, the last ends at or after {@code to}.
     */
    public static TimeBuckets of(Instant from, Instant to, Size size, ZoneId zone, int maxBuckets) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        var boundaries = new ArrayList<Instant>();
        var start = truncate(from.atZone(zone), size);
        boundaries.add(start.toInstant());
        while (start.toInstant().isBefore(to)) {
            start = next(start, size);
            boundaries.add(start.toInstant());
            if (boundaries.size() > maxBuckets + 1) {
                throw new IllegalArgumentException(
                        "the range holds more than "
                                + maxBuckets
                                + " "
                                + size.name().toLowerCase(Locale.ROOT)
                                + " buckets");
            }
        }
        return new TimeBuckets(boundaries);
    }

    private static ZonedDateTime truncate(ZonedDateTime time, Size size) {
        return switch (size) {
            case MINUTE -> time.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> time.truncatedTo(ChronoUnit.HOURS);
            case DAY -> time.toLocalDate().atStartOfDay(time.getZone());
        };
    }

    private static ZonedDateTime next(ZonedDateTime start, Size size) {
        return switch (size) {
            // Minutes and hours follow the instant line: the repeated hour of an autumn night is
            // two buckets.
            case MINUTE -> start.plus(Duration.ofMinutes(1));
            case HOUR ->
                    ZonedDateTime.ofInstant(
                            start.toInstant().plus(Duration.ofHours(1)), start.getZone());
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(start.getZone());
        };
    }

    public int count() {
        return boundaries.size() - 1;
    }

    public Instant start(int bucket) {
        return boundaries.get(bucket);
    }

    public Instant end(int bucket) {
        return boundaries.get(bucket + 1);
    }

    /**
     * Whether every bucket boundary is a whole hour of UTC, so that each bucket is a whole number
     * of UTC hours: true for hour and day buckets of a zone whose offset is a whole number of hours
     * over the range (UTC, America/New_York across its clock changes), false for minute buckets and
     * for zones off the hour (Asia/Kolkata, +05:30).
     */
    public boolean onWholeHours() {
        for (var boundary : boundaries) {
            if (boundary.getEpochSecond() % 3600 != 0 || boundary.getNano() != 0) {
                return false;
            }
        }
        return true;
    }

    /** The bucket holding the instant, or -1 when it is outside all of them. */
    public int indexOf(Instant instant) {
        int i = Collections.binarySearch(boundaries, instant);
        int bucket = i >= 0 ? i : -i - 2;
        return bucket >= 0 && bucket < count() ? bucket : -1;
    }
}
