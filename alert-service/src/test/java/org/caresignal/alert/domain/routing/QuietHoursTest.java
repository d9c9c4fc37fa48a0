package org.caresignal.alert.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.caresignal.alert.domain.detection.Severity;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static QuietHours nightly(ZoneId zone, Set<DayOfWeek> days) {
        return new QuietHours(
                days, LocalTime.of(22, 0), LocalTime.of(7, 0), zone, Severity.CRITICAL);
    }

    private static QuietHours everyNight(ZoneId zone) {
        return nightly(zone, EnumSet.allOf(DayOfWeek.class));
    }

    @Test
    void anOvernightWindowHoldsUntilSevenLocalTheNextMorning() {
        var quiet = everyNight(BERLIN);
        // 23:30 in Berlin (winter, UTC+1) is 22:30Z; held until 07:00 local = 06:00Z.
        assertThat(quiet.heldUntil(Instant.parse("2026-01-14T22:30:00Z"), Severity.HIGH))
                .contains(Instant.parse("2026-01-15T06:00:00Z"));
        // 03:00 local, after midnight: the window started the day before.
        assertThat(quiet.heldUntil(Instant.parse("2026-01-15T02:00:00Z"), Severity.MEDIUM))
                .contains(Instant.parse("2026-01-15T06:00:00Z"));
    }

    @Test
    void theEdgesAreStartInclusiveEndExclusive() {
        var quiet = everyNight(BERLIN);
        assertThat(quiet.quietAt(Instant.parse("2026-01-14T21:00:00Z"))).isTrue(); // 22:00
        assertThat(quiet.quietAt(Instant.parse("2026-01-14T20:59:59Z"))).isFalse(); // 21:59:59
        assertThat(quiet.quietAt(Instant.parse("2026-01-15T05:59:59Z"))).isTrue(); // 06:59:59
        assertThat(quiet.quietAt(Instant.parse("2026-01-15T06:00:00Z"))).isFalse(); // 07:00
        assertThat(quiet.heldUntil(Instant.parse("2026-01-15T12:00:00Z"), Severity.LOW)).isEmpty();
    }

    @Test
    void theOverrideSeverityAndAboveGoThrough() {
        var quiet =
                new QuietHours(
                        EnumSet.allOf(DayOfWeek.class),
                        LocalTime.of(22, 0),
                        LocalTime.of(7, 0),
                        BERLIN,
                        Severity.HIGH);
        var night = Instant.parse("2026-01-14T23:00:00Z");
        assertThat(quiet.heldUntil(night, Severity.CRITICAL)).isEmpty();
        assertThat(quiet.heldUntil(night, Severity.HIGH)).isEmpty();
        assertThat(quiet.heldUntil(night, Severity.MEDIUM)).isPresent();
    }

    @Test
    void springForwardNightIsAnHourShorterInUtcButEndsAtSevenLocal() {
        // Berlin moves 02:00 -> 03:00 on 2026-03-29: 22:00 CET (21:00Z) to 07:00 CEST (05:00Z).
        var quiet = everyNight(BERLIN);
        var start = Instant.parse("2026-03-28T21:00:00Z");
        var end = quiet.heldUntil(start, Severity.LOW).orElseThrow();
        assertThat(end).isEqualTo(Instant.parse("2026-03-29T05:00:00Z"));
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(8));
        assertThat(quiet.quietAt(Instant.parse("2026-03-29T04:59:00Z"))).isTrue();
        assertThat(quiet.quietAt(Instant.parse("2026-03-29T05:00:00Z"))).isFalse();
    }

    @Test
    void fallBackNightIsAnHourLongerInUtc() {
        // New York moves 02:00 EDT -> 01:00 EST on 2026-11-01: 22:00 EDT (02:00Z) to 07:00 EST
        // (12:00Z).
        var quiet = everyNight(NEW_YORK);
        var start = Instant.parse("2026-11-01T02:00:00Z");
        var end = quiet.heldUntil(start, Severity.LOW).orElseThrow();
        assertThat(end).isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(10));
        assertThat(quiet.quietAt(Instant.parse("2026-11-01T01:59:00Z"))).isFalse(); // 21:59 EDT
    }

    @Test
    void aStartInsideTheSpringForwardGapIsShiftedByTheGap() {
        var quiet =
                new QuietHours(
                        EnumSet.allOf(DayOfWeek.class),
                        LocalTime.of(2, 30),
                        LocalTime.of(6, 0),
                        BERLIN,
                        Severity.CRITICAL);
        // 02:30 does not exist on 2026-03-29 in Berlin: shifted by the hour's gap, the window
        // opens at 03:30 CEST (01:30Z).
        assertThat(quiet.quietAt(Instant.parse("2026-03-29T01:29:00Z"))).isFalse();
        assertThat(quiet.quietAt(Instant.parse("2026-03-29T01:30:00Z"))).isTrue();
        assertThat(quiet.heldUntil(Instant.parse("2026-03-29T01:30:00Z"), Severity.LOW))
                .contains(Instant.parse("2026-03-29T04:00:00Z"));
    }

    @Test
    void daysNameTheDayTheWindowStarts() {
        // Friday and Saturday nights only: Sunday 23:00 is not quiet, Saturday 03:00 is (Friday's).
        var quiet = nightly(BERLIN, EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY));
        assertThat(quiet.quietAt(Instant.parse("2026-01-17T02:00:00Z"))).isTrue(); // Sat 03:00
        assertThat(quiet.quietAt(Instant.parse("2026-01-18T22:00:00Z"))).isFalse(); // Sun 23:00
        assertThat(quiet.quietAt(Instant.parse("2026-01-19T02:00:00Z"))).isFalse(); // Mon 03:00
        assertThat(quiet.quietAt(Instant.parse("2026-01-18T02:00:00Z"))).isTrue(); // Sun 03:00
    }

    @Test
    void wholeDayWindowsChainIntoOneHold() {
        // Saturday and Sunday all day (start == end): held from Saturday until Monday 00:00 local.
        var weekend =
                new QuietHours(
                        EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                        LocalTime.MIDNIGHT,
                        LocalTime.MIDNIGHT,
                        NEW_YORK,
                        Severity.CRITICAL);
        assertThat(weekend.heldUntil(Instant.parse("2026-01-17T15:00:00Z"), Severity.HIGH))
                .contains(Instant.parse("2026-01-19T05:00:00Z"));
    }

    @Test
    void aWindowNeedsDaysAndAZone() {
        assertThatThrownBy(
                        () ->
                                new QuietHours(
                                        Set.of(),
                                        LocalTime.NOON,
                                        LocalTime.MIDNIGHT,
                                        BERLIN,
                                        Severity.HIGH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                new QuietHours(
                                        Set.of(DayOfWeek.MONDAY),
                                        LocalTime.NOON,
                                        LocalTime.MIDNIGHT,
                                        null,
                                        Severity.HIGH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
