package org.caresignal.alert.domain.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.caresignal.alert.domain.detection.Severity;

/**
 * Quiet hours of a route in the facility's own time zone: a window that starts at {@code start}
 * local time on each of {@code days} and ends at {@code end} (the next day when {@code end} is not
 * after {@code start}, e.g. 22:00–07:00; {@code start == end} is a whole day). During a window a
 * notification below {@code override} is held until the window ends; at or above it goes through.
 *
 * <p>Local times are turned into instants with the zone's rules, so a window keeps its wall-clock
 * edges across daylight-saving changes (22:00–07:00 lasts 8 h on the spring-forward night and 10 h
 * on the fall-back night); a time inside a spring-forward gap is shifted later by the gap's length
 * (02:30 becomes 03:30), and a time in a fall-back overlap takes the earlier offset.
 */
public record QuietHours(
        Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone, Severity override) {

    public QuietHours {
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("days must name at least one day");
        }
        if (start == null || end == null || zone == null || override == null) {
            throw new IllegalArgumentException("start, end, zone and override are required");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /**
     * When a notification of {@code severity} at {@code at} may go out: empty when it goes out now,
     * otherwise the end of the quiet hours (after chained windows, e.g. every day 00:00–00:00).
     */
    public Optional<Instant> heldUntil(Instant at, Severity severity) {
        if (severity.atLeast(override)) {
            return Optional.empty();
        }
        var until = windowEnd(at);
        if (until.isEmpty()) {
            return Optional.empty();
        }
        var end = until.get();
        // A window can end where the next begins (whole days): hold until the quiet really ends.
        for (int i = 0; i < 8; i++) {
            var next = windowEnd(end);
            if (next.isEmpty()) {
                break;
            }
            end = next.get();
        }
        return Optional.of(end);
    }

    /** True while {@code at} lies in a quiet window. */
    public boolean quietAt(Instant at) {
        return windowEnd(at).isPresent();
    }

    /**
     * The first instant strictly after {@code at} at which a window starts (within the next eight
     * days), with the same DST rules as the window edges.
     */
    public Optional<Instant> nextStart(Instant at) {
        var today = at.atZone(zone).toLocalDate();
        for (int i = -1; i <= 8; i++) {
            var day = today.plusDays(i);
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            var from = ZonedDateTime.of(day, start, zone).toInstant();
            if (from.isAfter(at)) {
                return Optional.of(from);
            }
        }
        return Optional.empty();
    }

    /** The end of the window containing {@code at}, if any (windows started today or yesterday). */
    private Optional<Instant> windowEnd(Instant at) {
        var today = at.atZone(zone).toLocalDate();
        for (var day : new LocalDate[] {today.minusDays(1), today}) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            var from = ZonedDateTime.of(day, start, zone).toInstant();
            var endDay = end.isAfter(start) ? day : day.plusDays(1);
            var to = ZonedDateTime.of(endDay, end, zone).toInstant();
            if (!at.isBefore(from) && at.isBefore(to)) {
                return Optional.of(to);
            }
        }
        return Optional.empty();
    }
}
