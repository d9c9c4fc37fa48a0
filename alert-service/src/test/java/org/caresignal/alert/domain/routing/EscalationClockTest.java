package org.caresignal.alert.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.routing.EscalationClock.TriggerRelease;
import org.junit.jupiter.api.Test;

class EscalationClockTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Duration FIFTEEN = Duration.ofMinutes(15);

    private static QuietHours nights(ZoneId zone) {
        return new QuietHours(
                EnumSet.allOf(DayOfWeek.class),
                LocalTime.of(22, 0),
                LocalTime.of(7, 0),
                zone,
                Severity.CRITICAL);
    }

    private static Instant at(String utc) {
        return Clock.fixed(Instant.parse(utc), ZoneOffset.UTC).instant();
    }

    @Test
    void anIncidentOpenedInsideQuietHoursEscalatesAfterTheWindowNotDuringIt() {
        // 02:00 Berlin (winter, UTC+1) = 01:00Z; the page is held until 07:00 = 06:00Z.
        var quiet = nights(BERLIN);
        var opened = at("2026-01-15T01:00:00Z");
        var released = new TriggerRelease(false, at("2026-01-15T06:00:00Z"));
        var start = EscalationClock.start(opened, null, released, at("2026-01-15T06:00:30Z"));
        assertThat(start).contains(at("2026-01-15T06:00:00Z"));
        assertThat(EscalationClock.dueAt(start.orElseThrow(), FIFTEEN, quiet, Severity.HIGH))
                .isEqualTo(at("2026-01-15T06:15:00Z"));
        // Before the fix the step came due at 02:15 local, inside the window.
        assertThat(
                        EscalationClock.due(
                                opened,
                                null,
                                released,
                                FIFTEEN,
                                quiet,
                                Severity.HIGH,
                                at("2026-01-15T01:15:00Z")))
                .isFalse();
        assertThat(
                        EscalationClock.due(
                                opened,
                                null,
                                released,
                                FIFTEEN,
                                quiet,
                                Severity.HIGH,
                                at("2026-01-15T06:14:59Z")))
                .isFalse();
        assertThat(
                        EscalationClock.due(
                                opened,
                                null,
                                released,
                                FIFTEEN,
                                quiet,
                                Severity.HIGH,
                                at("2026-01-15T06:15:00Z")))
                .isTrue();
    }

    @Test
    void quietTimeDoesNotCountEvenWhenTheReleaseIsUnknown() {
        // No trigger delivery recorded (e.g. its channel was removed): the opening starts the
        // clock, and the quiet window still does not count.
        var quiet = nights(BERLIN);
        assertThat(
                        EscalationClock.dueAt(
                                at("2026-01-15T01:00:00Z"), FIFTEEN, quiet, Severity.MEDIUM))
                .isEqualTo(at("2026-01-15T06:15:00Z"));
    }

    @Test
    void nothingIsDueWhileTheTriggerIsStillHeld() {
        var held = new TriggerRelease(true, null);
        assertThat(
                        EscalationClock.start(
                                at("2026-01-15T01:00:00Z"), null, held, at("2026-01-15T09:00:00Z")))
                .isEmpty();
        assertThat(
                        EscalationClock.due(
                                at("2026-01-15T01:00:00Z"),
                                null,
                                held,
                                FIFTEEN,
                                null,
                                Severity.HIGH,
                                at("2026-01-16T09:00:00Z")))
                .isFalse();
    }

    @Test
    void atOrAboveTheOverrideTheClockRunsThroughTheNight() {
        var quiet = nights(BERLIN);
        var opened = at("2026-01-15T01:00:00Z");
        assertThat(EscalationClock.dueAt(opened, FIFTEEN, quiet, Severity.CRITICAL))
                .isEqualTo(at("2026-01-15T01:15:00Z"));
        assertThat(EscalationClock.dueAt(opened, FIFTEEN, null, Severity.LOW))
                .isEqualTo(at("2026-01-15T01:15:00Z"));
    }

    @Test
    void theClockPausesAtTheWindowsStartAndResumesAtItsEnd() {
        // Paged at 21:50 Berlin (20:50Z): 10 minutes count before 22:00, 5 after 07:00.
        var quiet = nights(BERLIN);
        assertThat(EscalationClock.dueAt(at("2026-01-14T20:50:00Z"), FIFTEEN, quiet, Severity.HIGH))
                .isEqualTo(at("2026-01-15T06:05:00Z"));
        // A step due exactly when a window opens waits for the window's end.
        assertThat(EscalationClock.dueAt(at("2026-01-14T20:45:00Z"), FIFTEEN, quiet, Severity.HIGH))
                .isEqualTo(at("2026-01-15T06:00:00Z"));
        // Twenty hours from 21:00: 1 h that evening, 15 h the next day, 4 h the day after.
        assertThat(
                        EscalationClock.dueAt(
                                at("2026-01-14T20:00:00Z"),
                                Duration.ofHours(20),
                                quiet,
                                Severity.HIGH))
                .isEqualTo(at("2026-01-16T10:00:00Z"));
    }

    @Test
    void laterStepsCountFromTheSameStart() {
        var quiet = nights(NEW_YORK);
        // Opened 03:00 New York (winter, UTC-5) = 08:00Z, released 07:00 = 12:00Z.
        var start =
                EscalationClock.start(
                                at("2026-01-15T08:00:00Z"),
                                null,
                                new TriggerRelease(false, at("2026-01-15T12:00:00Z")),
                                at("2026-01-15T12:01:00Z"))
                        .orElseThrow();
        assertThat(EscalationClock.dueAt(start, FIFTEEN, quiet, Severity.HIGH))
                .isEqualTo(at("2026-01-15T12:15:00Z"));
        assertThat(EscalationClock.dueAt(start, Duration.ofMinutes(45), quiet, Severity.HIGH))
                .isEqualTo(at("2026-01-15T12:45:00Z"));
    }

    @Test
    void springForwardInBerlinEndsTheHoldAtSevenSummerTime() {
        // 2026-03-29: Berlin jumps 02:00 CET -> 03:00 CEST. Opened 23:00 CET on the 28th (22:00Z);
        // the window ends 07:00 CEST = 05:00Z, one hour earlier in UTC than the night before.
        var quiet = nights(BERLIN);
        assertThat(EscalationClock.dueAt(at("2026-03-28T22:00:00Z"), FIFTEEN, quiet, Severity.HIGH))
                .isEqualTo(at("2026-03-29T05:15:00Z"));
        // Paged at 21:50 CET (20:50Z): 10 minutes before the window, 5 after 07:00 CEST.
        assertThat(EscalationClock.dueAt(at("2026-03-28T20:50:00Z"), FIFTEEN, quiet, Severity.HIGH))
                .isEqualTo(at("2026-03-29T05:05:00Z"));
    }

    @Test
    void fallBackInNewYorkEndsTheHoldAtSevenStandardTime() {
        // 2026-11-01: New York falls back 02:00 EDT -> 01:00 EST. Opened 23:30 EDT on Oct 31
        // (03:30Z); the window ends 07:00 EST = 12:00Z, ten hours after it opened.
        var quiet = nights(NEW_YORK);
        assertThat(
                        EscalationClock.dueAt(
                                at("2026-11-01T03:30:00Z"),
                                Duration.ofMinutes(30),
                                quiet,
                                Severity.MEDIUM))
                .isEqualTo(at("2026-11-01T12:30:00Z"));
    }

    @Test
    void aWindowEndingInTheFallBackOverlapEndsAtTheEarlierOffset() {
        // 22:00-01:30 on the fall-back night: 01:30 happens twice; the window ends at the first
        // (EDT, 05:30Z), so the clock resumes then, not an hour later.
        var quiet =
                new QuietHours(
                        EnumSet.allOf(DayOfWeek.class),
                        LocalTime.of(22, 0),
                        LocalTime.of(1, 30),
                        NEW_YORK,
                        Severity.CRITICAL);
        assertThat(EscalationClock.dueAt(at("2026-11-01T03:00:00Z"), FIFTEEN, quiet, Severity.HIGH))
                .isEqualTo(at("2026-11-01T05:45:00Z"));
    }

    @Test
    void aSnoozeRestartsTheClockAtItsEnd() {
        var opened = at("2026-01-15T10:00:00Z");
        var snoozedUntil = at("2026-01-15T10:20:00Z");
        // While the snooze runs nothing escalates.
        assertThat(
                        EscalationClock.start(
                                opened,
                                snoozedUntil,
                                TriggerRelease.NONE,
                                at("2026-01-15T10:10:00Z")))
                .isEmpty();
        // After it, the steps count from its end: PT15M is due at 10:35, not at once.
        assertThat(
                        EscalationClock.due(
                                opened,
                                snoozedUntil,
                                TriggerRelease.NONE,
                                FIFTEEN,
                                null,
                                Severity.HIGH,
                                at("2026-01-15T10:34:59Z")))
                .isFalse();
        assertThat(
                        EscalationClock.due(
                                opened,
                                snoozedUntil,
                                TriggerRelease.NONE,
                                FIFTEEN,
                                null,
                                Severity.HIGH,
                                at("2026-01-15T10:35:00Z")))
                .isTrue();
        // A snooze from before a re-opening does not move the new clock.
        assertThat(
                        EscalationClock.start(
                                opened,
                                at("2026-01-15T09:00:00Z"),
                                TriggerRelease.NONE,
                                at("2026-01-15T10:10:00Z")))
                .contains(opened);
    }

    @Test
    void aSnoozeEndingInsideQuietHoursResumesAfterTheWindow() {
        // Snoozed until 03:00 Berlin (02:00Z): the clock starts then, but the night does not count.
        var quiet = nights(BERLIN);
        var start =
                EscalationClock.start(
                                at("2026-01-15T01:00:00Z"),
                                at("2026-01-15T02:00:00Z"),
                                new TriggerRelease(false, at("2026-01-15T01:00:00Z")),
                                at("2026-01-15T02:30:00Z"))
                        .orElseThrow();
        assertThat(start).isEqualTo(at("2026-01-15T02:00:00Z"));
        assertThat(EscalationClock.dueAt(start, FIFTEEN, quiet, Severity.HIGH))
                .isEqualTo(at("2026-01-15T06:15:00Z"));
    }

    @Test
    void chainedWholeDayWindowsPauseTheClockForTheWholeWeekend() {
        var weekend =
                new QuietHours(
                        EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                        LocalTime.MIDNIGHT,
                        LocalTime.MIDNIGHT,
                        NEW_YORK,
                        Severity.CRITICAL);
        // Friday 23:50 New York (Sat 04:50Z): 10 minutes before Saturday, 5 after Monday 00:00.
        assertThat(
                        EscalationClock.dueAt(
                                at("2026-01-17T04:50:00Z"), FIFTEEN, weekend, Severity.HIGH))
                .isEqualTo(at("2026-01-19T05:05:00Z"));
    }

    @Test
    void nextStartFollowsTheDaysAndTheZone() {
        var quiet = nights(BERLIN);
        assertThat(quiet.nextStart(at("2026-01-15T12:00:00Z")))
                .contains(at("2026-01-15T21:00:00Z"));
        // Exactly at a start: the next one, a day later.
        assertThat(quiet.nextStart(at("2026-01-15T21:00:00Z")))
                .contains(at("2026-01-16T21:00:00Z"));
        // Over the spring-forward day, 22:00 CEST is 20:00Z.
        assertThat(quiet.nextStart(at("2026-03-29T12:00:00Z")))
                .contains(at("2026-03-29T20:00:00Z"));
    }
}
