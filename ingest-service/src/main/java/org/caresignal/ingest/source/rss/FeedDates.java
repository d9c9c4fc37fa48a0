package org.caresignal.ingest.source.rss;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the dates feeds write: RFC 822 with or without weekday, seconds, zone (numeric, named such
 * as EST or GMT, or none: UTC), two- or four-digit years, full month names; ISO 8601 with or
 * without offset, seconds, fraction or time. Null when nothing usable is there.
 */
final class FeedDates {

    private static final List<String> MONTHS =
            List.of(
                    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                    "dec");

    /** Zone abbreviations feeds use; RFC 822 names the US ones, the rest are common in the wild. */
    private static final Map<String, Integer> ZONE_MINUTES =
            Map.ofEntries(
                    Map.entry("UT", 0),
                    Map.entry("UTC", 0),
                    Map.entry("GMT", 0),
                    Map.entry("Z", 0),
                    Map.entry("EST", -300),
                    Map.entry("EDT", -240),
                    Map.entry("CST", -360),
                    Map.entry("CDT", -300),
                    Map.entry("MST", -420),
                    Map.entry("MDT", -360),
                    Map.entry("PST", -480),
                    Map.entry("PDT", -420),
                    Map.entry("AKST", -540),
                    Map.entry("AKDT", -480),
                    Map.entry("HST", -600),
                    Map.entry("BST", 60),
                    Map.entry("WET", 0),
                    Map.entry("WEST", 60),
                    Map.entry("CET", 60),
                    Map.entry("CEST", 120),
                    Map.entry("MEZ", 60),
                    Map.entry("MESZ", 120),
                    Map.entry("EET", 120),
                    Map.entry("EEST", 180),
                    Map.entry("JST", 540),
                    Map.entry("AEST", 600),
                    Map.entry("AEDT", 660));

    private static final DateTimeFormatter ISO_LOCAL =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral('T')
                    .append(DateTimeFormatter.ISO_LOCAL_TIME)
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HH:MM", "Z")
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HHMM", "Z")
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HH", "Z")
                    .optionalEnd()
                    .toFormatter(Locale.ROOT);

    private FeedDates() {}

    static Instant parse(String value) {
        if (value == null || value.isBlank() || value.length() > 100) {
            return null;
        }
        var v = value.strip();
        if (v.length() >= 10 && Character.isDigit(v.charAt(0)) && v.charAt(4) == '-') {
            return iso(v);
        }
        return rfc822(v);
    }

    private static Instant iso(String v) {
        // "2026-08-01 12:00:00" is written by hand-made feeds; a lower-case 'z' too.
        var s = v.replace(' ', 'T').replace('z', 'Z');
        try {
            var parsed =
                    ISO_LOCAL.parseBest(
                            s, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (parsed instanceof OffsetDateTime odt) {
                return odt.toInstant();
            }
            if (parsed instanceof LocalDateTime ldt) {
                return ldt.toInstant(ZoneOffset.UTC);
            }
            return ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Token by token, so a wrong weekday, doubled spaces or a missing zone do not matter. */
    private static Instant rfc822(String v) {
        Integer day = null;
        Integer month = null;
        Integer year = null;
        LocalTime time = LocalTime.MIDNIGHT;
        ZoneOffset offset = ZoneOffset.UTC;
        for (var raw : v.replace(',', ' ').split(" ")) {
            var token = raw.strip();
            if (token.isEmpty()) {
                continue;
            }
            if (token.indexOf(':') > 0 && Character.isDigit(token.charAt(0))) {
                int zoneAt = zoneStart(token);
                var parsed = time(token.substring(0, zoneAt));
                if (parsed == null) {
                    return null;
                }
                time = parsed;
                if (zoneAt < token.length()) {
                    var zone = zone(token.substring(zoneAt));
                    if (zone != null) {
                        offset = zone;
                    }
                }
            } else if (isDigits(token)) {
                int n = Integer.parseInt(token.length() > 4 ? "99999" : token);
                if (token.length() == 4) {
                    year = n;
                } else if (token.length() <= 2 && day == null && month == null) {
                    day = n;
                } else if (token.length() <= 2 && day == null) {
                    // "Aug 01 2026": the day comes after the month.
                    day = n;
                } else if (token.length() <= 2) {
                    year = n < 50 ? 2000 + n : 1900 + n;
                } else {
                    return null;
                }
            } else if (month == null && monthOf(token) != null) {
                month = monthOf(token);
            } else {
                var zone = zone(token);
                if (zone != null) {
                    offset = zone;
                }
            }
        }
        if (day == null || month == null || year == null) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day).atTime(time).toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int zoneStart(String token) {
        for (int i = 1; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '+' || c == '-' || Character.isLetter(c)) {
                return i;
            }
        }
        return token.length();
    }

    private static LocalTime time(String token) {
        var parts = token.split(":");
        if (parts.length < 2 || parts.length > 3) {
            return null;
        }
        try {
            int h = Integer.parseInt(parts[0]);
            int m = Integer.parseInt(parts[1]);
            double s = parts.length == 3 ? Double.parseDouble(parts[2]) : 0;
            return LocalTime.of(h, m, (int) s);
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    /** A numeric offset (+0200, -05:00, +05), a known abbreviation or a region id; else null. */
    private static ZoneOffset zone(String token) {
        var t = token.strip();
        if (t.startsWith("(") && t.endsWith(")") && t.length() > 2) {
            t = t.substring(1, t.length() - 1);
        }
        char sign = t.isEmpty() ? ' ' : t.charAt(0);
        if ((sign == '+' || sign == '-') && t.length() > 1) {
            var digits = t.substring(1).replace(":", "");
            if (!isDigits(digits) || (digits.length() != 2 && digits.length() != 4)) {
                return null;
            }
            int hours = Integer.parseInt(digits.substring(0, 2));
            int minutes = digits.length() == 4 ? Integer.parseInt(digits.substring(2)) : 0;
            if (hours > 18 || minutes > 59) {
                return null;
            }
            int total = hours * 60 + minutes;
            return ZoneOffset.ofTotalSeconds((sign == '-' ? -total : total) * 60);
        }
        var upper = t.toUpperCase(Locale.ROOT);
        var minutes = ZONE_MINUTES.get(upper);
        if (minutes != null) {
            return ZoneOffset.ofTotalSeconds(minutes * 60);
        }
        return null;
    }

    private static Integer monthOf(String token) {
        if (token.length() < 3) {
            return null;
        }
        var prefix = token.substring(0, 3).toLowerCase(Locale.ROOT);
        int index = MONTHS.indexOf(prefix);
        return index < 0 ? null : index + 1;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
