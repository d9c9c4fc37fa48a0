package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeBucketsTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void theSpringForwardDayLasts23HoursAndTheFallBackDay25() {
        var spring =
                TimeBuckets.of(
                        Instant.parse("2026-03-07T05:00:00Z"),
                        Instant.parse("2026-03-10T04:00:00Z"),
                        TimeBuckets.Size.DAY,
                        NEW_YORK,
                        100);
        var autumn =
                TimeBuckets.of(
                        Instant.parse("2026-10-31T04:00:00Z"),
                        Instant.parse("2026-11-03T05:00:00Z"),
                        TimeBuckets.Size.DAY,
                        NEW_YORK,
                        100);

        assertThat(spring.count()).isEqualTo(3);
        assertThat(hours(spring, 0)).isEqualTo(24);
        assertThat(spring.start(1)).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
        assertThat(hours(spring, 1)).isEqualTo(23);
        assertThat(spring.start(2)).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
        assertThat(autumn.start(1)).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
        assertThat(hours(autumn, 1)).isEqualTo(25);
        assertThat(hours(autumn, 2)).isEqualTo(24);
    }

    @Test
    void theRepeatedAutumnHourIsTwoHourBuckets() {
        var buckets =
                TimeBuckets.of(
                        Instant.parse("2026-11-01T04:00:00Z"),
                        Instant.parse("2026-11-01T08:00:00Z"),
                        TimeBuckets.Size.HOUR,
                        NEW_YORK,
                        100);

        assertThat(buckets.count()).isEqualTo(4);
        assertThat(buckets.start(1).atZone(NEW_YORK).toLocalTime())
                .isEqualTo(buckets.start(2).atZone(NEW_YORK).toLocalTime());
        assertThat(buckets.start(1)).isNotEqualTo(buckets.start(2));
    }

    @Test
    void bucketsStartAtTheCalendarBoundaryBeforeFromAndFindTheirInstants() {
        var buckets =
                TimeBuckets.of(
                        Instant.parse("2026-06-01T10:17:30Z"),
                        Instant.parse("2026-06-01T10:20:00Z"),
                        TimeBuckets.Size.MINUTE,
                        ZoneId.of("UTC"),
                        100);

        assertThat(buckets.count()).isEqualTo(3);
        assertThat(buckets.start(0)).isEqualTo(Instant.parse("2026-06-01T10:17:00Z"));
        assertThat(buckets.indexOf(Instant.parse("2026-06-01T10:18:59Z"))).isEqualTo(1);
        assertThat(buckets.indexOf(Instant.parse("2026-06-01T10:20:00Z"))).isEqualTo(-1);
        assertThat(buckets.indexOf(Instant.parse("2026-06-01T10:16:59Z"))).isEqualTo(-1);
    }

    @Test
    void invertedRangesAndTooManyBucketsAreRefused() {
        var at = Instant.parse("2026-06-01T00:00:00Z");

        assertThatThrownBy(
                        () -> TimeBuckets.of(at, at, TimeBuckets.Size.HOUR, ZoneId.of("UTC"), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                TimeBuckets.of(
                                        at,
                                        at.plus(Duration.ofHours(11)),
                                        TimeBuckets.Size.HOUR,
                                        ZoneId.of("UTC"),
                                        10))
                .hasMessageContaining("more than 10");
        assertThatThrownBy(() -> TimeBuckets.Size.parse("week"))
                .hasMessageContaining("minute, hour, day");
    }

    private static long hours(TimeBuckets buckets, int bucket) {
        return Duration.between(buckets.start(bucket), buckets.end(bucket)).toHours();
    }

    @Test
    void hourAndDayBucketsOfWholeHourZonesLieOnUtcHoursAndOthersDoNot() {
        var from = Instant.parse("2026-03-01T00:00:00Z");
        var to = Instant.parse("2026-03-20T00:00:00Z");
        var newYork = ZoneId.of("America/New_York");
        // Across the spring clock change (March 8): -05:00 then -04:00, both whole hours.
        assertThat(TimeBuckets.of(from, to, TimeBuckets.Size.HOUR, newYork, 5000).onWholeHours())
                .isTrue();
        assertThat(TimeBuckets.of(from, to, TimeBuckets.Size.DAY, newYork, 5000).onWholeHours())
                .isTrue();
        assertThat(
                        TimeBuckets.of(from, to, TimeBuckets.Size.DAY, ZoneId.of("UTC"), 5000)
                                .onWholeHours())
                .isTrue();
        // +05:30 and +05:45: every boundary is half or three quarters into a UTC hour.
        assertThat(
                        TimeBuckets.of(
                                        from,
                                        to,
                                        TimeBuckets.Size.HOUR,
                                        ZoneId.of("Asia/Kolkata"),
                                        5000)
                                .onWholeHours())
                .isFalse();
        assertThat(
                        TimeBuckets.of(
                                        from,
                                        to,
                                        TimeBuckets.Size.DAY,
                                        ZoneId.of("Asia/Kathmandu"),
                                        5000)
                                .onWholeHours())
                .isFalse();
        // Lord Howe Island moves its clocks by half an hour: +11:00 in its summer, +10:30 else; a
        // range that reaches into April's change is off the hour.
        var lordHowe = ZoneId.of("Australia/Lord_Howe");
        assertThat(
                        TimeBuckets.of(
                                        Instant.parse("2026-03-01T00:00:00Z"),
                                        Instant.parse("2026-05-01T00:00:00Z"),
                                        TimeBuckets.Size.DAY,
                                        lordHowe,
                                        5000)
                                .onWholeHours())
                .isFalse();
        assertThat(
                        TimeBuckets.of(
                                        Instant.parse("2026-11-01T00:00:00Z"),
                                        Instant.parse("2026-12-01T00:00:00Z"),
                                        TimeBuckets.Size.DAY,
                                        lordHowe,
                                        5000)
                                .onWholeHours())
                .isTrue();
        assertThat(
                        TimeBuckets.of(
                                        from,
                                        from.plus(Duration.ofHours(2)),
                                        TimeBuckets.Size.MINUTE,
                                        ZoneId.of("UTC"),
                                        5000)
                                .onWholeHours())
                .isFalse();
    }
}
