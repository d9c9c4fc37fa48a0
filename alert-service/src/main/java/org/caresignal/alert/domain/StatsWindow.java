package org.caresignal.alert.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** The half-open time window {@code [from, to)} a stats request asks about. */
public record StatsWindow(Instant from, Instant to) {

    // PostgreSQL's timestamptz and most clients stop well before Instant's limits.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final String EXAMPLE = "2026-11-24T14:00:00Z";

    public StatsWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * Resolves the raw {@code from}/{@code to} query values (either may be null): {@code to}
     * defaults to {@code now}, {@code from} to {@code to - defaultRange}.
     *
     * @throws InvalidWindowException for an unparseable instant, {@code from >= to} or a window
     *     longer than {@code maxRange}
     */
    public static StatsWindow resolve(
            String from, String to, Instant now, Duration defaultRange, Duration maxRange) {
        var end = to == null ? now : parse("to", to);
        var start = from == null ? end.minus(defaultRange) : parse("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidWindowException("from", "must be before to (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(maxRange) > 0) {
            throw new InvalidWindowException(
                    "from", "must be at most " + describe(maxRange) + " before to (" + end + ")");
        }
        return new StatsWindow(start, end);
    }

    private static Instant parse(String parameter, String value) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidWindowException(
                    parameter, "must be an ISO-8601 instant such as " + EXAMPLE);
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidWindowException(
                    parameter, "must be an instant between the years 1 and 9999");
        }
        return instant;
    }

    private static String describe(Duration range) {
        return range.toNanosPart() == 0 && range.toSeconds() % Duration.ofDays(1).toSeconds() == 0
                ? range.toDays() + " days"
                : range.toString();
    }
}
