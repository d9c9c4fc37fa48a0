package org.caresignal.alert.domain.console;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The range a person (or a digest) chose for the console: the last 24 hours, 7 days or 30 days, or
 * whole local days from one date to another (inclusive). It becomes instants only against a brand's
 * time zone ({@link RangeWindow#of}).
 */
public record Range(Kind kind, LocalDate firstDay, LocalDate lastDay) {

    /** Longest custom range, in days: five of them (with the comparison) stay a small history. */
    public static final int MAX_CUSTOM_DAYS = 366;

    /** The choices of the range form, spelled as in its {@code select}. */
    public enum Kind {
        LAST_24H("24h", "Last 24 hours"),
        LAST_7D("7d", "Last 7 days"),
        LAST_30D("30d", "Last 30 days"),
        CUSTOM("custom", "Custom");

        private final String param;
        private final String label;

        Kind(String param, String label) {
            this.param = param;
            this.label = label;
        }

        public String param() {
            return param;
        }

        public String label() {
            return label;
        }
    }

    public Range {
        if (kind == null) {
            throw new IllegalArgumentException("Choose a range.");
        }
        if (kind == Kind.CUSTOM) {
            if (firstDay == null || lastDay == null) {
                throw new IllegalArgumentException("A custom range needs a first and a last day.");
            }
            if (lastDay.isBefore(firstDay)) {
                throw new IllegalArgumentException("The last day must not be before the first.");
            }
            if (ChronoUnit.DAYS.between(firstDay, lastDay) + 1 > MAX_CUSTOM_DAYS) {
                throw new IllegalArgumentException(
                        "A custom range can be at most " + MAX_CUSTOM_DAYS + " days.");
            }
        } else {
            firstDay = null;
            lastDay = null;
        }
    }

    public static Range last24h() {
        return new Range(Kind.LAST_24H, null, null);
    }

    public static Range last7d() {
        return new Range(Kind.LAST_7D, null, null);
    }

    public static Range last30d() {
        return new Range(Kind.LAST_30D, null, null);
    }

    /** Whole local days {@code first} to {@code last}, both included. */
    public static Range days(LocalDate first, LocalDate last) {
        return new Range(Kind.CUSTOM, first, last);
    }

    /**
     * The range of the form's fields: {@code range} 24h (default), 7d, 30d or custom with {@code
     * from} and {@code to} as ISO dates; a message for the person when they do not make one.
     *
     * @throws IllegalArgumentException with a message fit to show
     */
    public static Range parse(String range, String from, String to) {
        var value = range == null || range.isBlank() ? "" : range.trim().toLowerCase(Locale.ROOT);
        boolean datesGiven = !blank(from) || !blank(to);
        if (value.isEmpty()) {
            value = datesGiven ? "custom" : "24h";
        }
        for (var kind : Kind.values()) {
            if (kind.param.equals(value)) {
                return kind == Kind.CUSTOM
                        ? days(date("from", from), date("to", to))
                        : new Range(kind, null, null);
            }
        }
        throw new IllegalArgumentException("Range must be one of 24h, 7d, 30d or custom.");
    }

    /** The form's value of {@code range}. */
    public String param() {
        return kind.param();
    }

    private static LocalDate date(String name, String value) {
        if (blank(value)) {
            throw new IllegalArgumentException("A custom range needs a first and a last day.");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "The " + (name.equals("from") ? "first" : "last") + " day must be a date.");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
