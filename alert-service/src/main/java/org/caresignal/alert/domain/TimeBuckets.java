package org.caresignal.alert.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Floors instants to the start of their fixed-size UTC bucket (e.g. 14:03:00Z to 14:00:00Z). */
public final class TimeBuckets {

    private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    private final Duration size;
    private final long sizeSeconds;

    /**
     * @param size a whole number of minutes that divides a day, so that every UTC midnight starts a
     *     bucket and buckets line up across days
     */
    public TimeBuckets(Duration size) {
        Objects.requireNonNull(size, "size");
        if (size.isNegative()
                || size.isZero()
                || size.toSecondsPart() != 0
                || size.toNanosPart() != 0
                || SECONDS_PER_DAY % size.toSeconds() != 0) {
            throw new IllegalArgumentException(
                    "bucket size must be a whole number of minutes that divides a day, not "
                            + size);
        }
        this.size = size;
        this.sizeSeconds = size.toSeconds();
    }

    public Duration size() {
        return size;
    }

    public long minutes() {
        return size.toMinutes();
    }

    /** The start of the bucket holding {@code instant}: the instant itself when on a boundary. */
    public Instant startOf(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        // floorDiv, not division: instants before 1970 have negative epoch seconds.
        return Instant.ofEpochSecond(
                Math.floorDiv(instant.getEpochSecond(), sizeSeconds) * sizeSeconds);
    }
}
