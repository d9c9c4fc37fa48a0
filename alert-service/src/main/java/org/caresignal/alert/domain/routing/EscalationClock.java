package org.caresignal.alert.domain.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.caresignal.alert.domain.detection.Severity;

/**
 * When an unacknowledged incident's escalation steps come due. The clock starts when the escalating
 * route's first notification of the incident (its trigger) was released for sending, or when a
 * snooze ended, whichever is later; while that trigger is still held by quiet hours the clock has
 * not started. Time inside the route's quiet windows does not count (for an incident below the
 * override severity), so a page held until 07:00 is followed by its first escalation {@code after}
 * later, never by every step at once.
 */
public final class EscalationClock {

    /** Windows crossed before giving up on a pathological configuration (many years of nights). */
    private static final int MAX_WINDOWS = 4_000;

    private EscalationClock() {}

    /**
     * Where the clock starts; empty while the trigger is held or a snooze is running at {@code
     * now}.
     *
     * @param since the opening (or latest re-opening) of the incident
     * @param snoozedUntil the end of the latest snooze, or null
     * @param trigger the escalating route's trigger deliveries
     */
    public static Optional<Instant> start(
            Instant since, Instant snoozedUntil, TriggerRelease trigger, Instant now) {
        if (trigger.held() || (snoozedUntil != null && snoozedUntil.isAfter(now))) {
            return Optional.empty();
        }
        var start = since;
        if (trigger.releasedAt() != null && trigger.releasedAt().isAfter(start)) {
            start = trigger.releasedAt();
        }
        if (snoozedUntil != null && snoozedUntil.isAfter(start)) {
            start = snoozedUntil;
        }
        return Optional.of(start);
    }

    /**
     * The instant at which {@code after} of countable time has passed since {@code start}: wall
     * time, less every moment inside {@code quiet}'s windows when {@code severity} is below its
     * override (null quiet hours: plain {@code start + after}).
     */
    public static Instant dueAt(
            Instant start, Duration after, QuietHours quiet, Severity severity) {
        if (quiet == null || severity.atLeast(quiet.override())) {
            return start.plus(after);
        }
        var at = start;
        var remaining = after;
        for (int i = 0; i < MAX_WINDOWS; i++) {
            var held = quiet.heldUntil(at, severity);
            if (held.isPresent()) {
                at = held.get();
            }
            var next = quiet.nextStart(at);
            var end = at.plus(remaining);
            if (next.isEmpty() || end.isBefore(next.get())) {
                return end;
            }
            // The clock runs until the next window opens and pauses through it.
            remaining = remaining.minus(Duration.between(at, next.get()));
            at = next.get();
        }
        return at.plus(remaining);
    }

    /** Whether the step with {@code after} is due at {@code now}. */
    public static boolean due(
            Instant since,
            Instant snoozedUntil,
            TriggerRelease trigger,
            Duration after,
            QuietHours quiet,
            Severity severity,
            Instant now) {
        return start(since, snoozedUntil, trigger, now)
                .map(s -> !now.isBefore(dueAt(s, after, quiet, severity)))
                .orElse(false);
    }

    /**
     * The state of an incident's trigger deliveries on the escalating route's channels: {@code
     * held} while one is still waiting for quiet hours to end; {@code releasedAt} the first moment
     * one was released for sending (null when none was, e.g. no enabled channel).
     */
    public record TriggerRelease(boolean held, Instant releasedAt) {

        /** No trigger delivery to wait for: the clock starts at the opening. */
        public static final TriggerRelease NONE = new TriggerRelease(false, null);
    }
}
