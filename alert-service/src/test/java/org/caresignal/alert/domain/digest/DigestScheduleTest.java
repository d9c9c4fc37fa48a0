package org.caresignal.alert.domain.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a digest is due, in the brand's zone: local send time, week day, DST, once, limits. */
class DigestScheduleTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Duration MAX_DELAY = Duration.ofHours(6);
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    private static DigestSubscription daily(String at, LocalDate lastSent, Instant notBefore) {
        return new DigestSubscription(
                "riverside-health",
                DigestCadence.DAILY,
                null,
                LocalTime.parse(at),
                List.of("comms@riverside.example"),
                false,
                true,
                notBefore,
                notBefore,
                lastSent,
                null,
                0,
                null);
    }

    private static DigestSubscription weekly(DayOfWeek day, String at) {
        return new DigestSubscription(
                "riverside-health",
                DigestCadence.WEEKLY,
                day,
                LocalTime.parse(at),
                List.of("comms@riverside.example"),
                true,
                true,
                LONG_AGO,
                LONG_AGO,
                null,
                null,
                0,
                null);
    }

    @Test
    void aDailyDigestIsDueFromItsLocalTimeInTheBrandsZoneNotInUtc() {
        var s = daily("08:00", null, LONG_AGO);
        // 08:00 UTC is 02:00 in Chicago: yesterday's 08:00 is 18 hours old, past the max delay.
        assertThat(DigestSchedule.due(s, CHICAGO, Instant.parse("2026-11-25T08:00:30Z"), MAX_DELAY))
                .isEmpty();
        assertThat(DigestSchedule.due(s, CHICAGO, Instant.parse("2026-11-25T13:59:59Z"), MAX_DELAY))
                .isEmpty();
        var due =
                DigestSchedule.due(s, CHICAGO, Instant.parse("2026-11-25T14:00:00Z"), MAX_DELAY)
                        .orElseThrow();
        assertThat(due.period()).isEqualTo(LocalDate.parse("2026-11-25"));
        assertThat(due.at())
                .isEqualTo(ZonedDateTime.parse("2026-11-25T08:00-06:00[America/Chicago]"));
        assertThat(DigestSchedule.due(s, CHICAGO, Instant.parse("2026-11-25T19:59:00Z"), MAX_DELAY))
                .contains(due);
        // More than the max delay late: skipped, the next one goes out.
        assertThat(DigestSchedule.due(s, CHICAGO, Instant.parse("2026-11-25T20:00:01Z"), MAX_DELAY))
                .isEmpty();
    }

    @Test
    void aPeriodSentOrOlderThanTheSubscriptionIsNotDue() {
        var now = Instant.parse("2026-11-25T14:00:30Z");
        assertThat(
                        DigestSchedule.due(
                                daily("08:00", LocalDate.parse("2026-11-25"), LONG_AGO),
                                CHICAGO,
                                now,
                                MAX_DELAY))
                .isEmpty();
        assertThat(
                        DigestSchedule.due(
                                daily("08:00", LocalDate.parse("2026-11-24"), LONG_AGO),
                                CHICAGO,
                                now,
                                MAX_DELAY))
                .isPresent();
        // Created at 08:00:10 local: today's 08:00 is before it, tomorrow's is the first.
        assertThat(
                        DigestSchedule.due(
                                daily("08:00", null, Instant.parse("2026-11-25T14:00:10Z")),
                                CHICAGO,
                                now,
                                MAX_DELAY))
                .isEmpty();
        var disabled = daily("08:00", null, LONG_AGO);
        disabled =
                new DigestSubscription(
                        disabled.brandId(),
                        disabled.cadence(),
                        null,
                        disabled.sendAt(),
                        disabled.recipients(),
                        false,
                        false,
                        LONG_AGO,
                        LONG_AGO,
                        null,
                        null,
                        0,
                        null);
        assertThat(DigestSchedule.due(disabled, CHICAGO, now, MAX_DELAY)).isEmpty();
    }

    @Test
    void aWeeklyDigestIsDueOnItsDayOnly() {
        var s = weekly(DayOfWeek.MONDAY, "08:00");
        // Wednesday 25 Nov: Monday's is two days old, past the max delay.
        assertThat(DigestSchedule.due(s, CHICAGO, Instant.parse("2026-11-25T14:00:30Z"), MAX_DELAY))
                .isEmpty();
        var due =
                DigestSchedule.due(
                                s,
                                CHICAGO,
                                Instant.parse("2026-11-23T14:05:00Z"),
                                Duration.ofDays(7))
                        .orElseThrow();
        assertThat(due.period()).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(due.at().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        // Sunday before 08:00 of the Monday: the previous Monday's period.
        assertThat(
                        DigestSchedule.due(
                                        s,
                                        CHICAGO,
                                        Instant.parse("2026-11-23T13:59:00Z"),
                                        Duration.ofDays(7))
                                .orElseThrow()
                                .period())
                .isEqualTo(LocalDate.parse("2026-11-16"));
    }

    @Test
    void aSendTimeTheSpringForwardSkipsGoesOutAtTheFirstValidTime() {
        var s = daily("02:30", null, LONG_AGO);
        // 8 March 2026, Chicago: 02:00 CST jumps to 03:00 CDT; 02:30 does not exist.
        assertThat(
                        DigestSchedule.due(
                                s,
                                CHICAGO,
                                Instant.parse("2026-03-08T08:29:00Z"),
                                Duration.ofDays(1)))
                .get()
                .extracting(DigestSchedule.Due::period)
                .isEqualTo(LocalDate.parse("2026-03-07"));
        var due =
                DigestSchedule.due(s, CHICAGO, Instant.parse("2026-03-08T08:30:00Z"), MAX_DELAY)
                        .orElseThrow();
        assertThat(due.period()).isEqualTo(LocalDate.parse("2026-03-08"));
        assertThat(due.at().toLocalTime()).isEqualTo(LocalTime.parse("03:30"));
    }
}
