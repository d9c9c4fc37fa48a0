package org.caresignal.sentiment.rest;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;
import org.caresignal.sentiment.domain.MentionCursor;
import org.caresignal.sentiment.domain.SentimentLabel;

/** Parses the history API's query parameters, throwing {@link InvalidParameterException}. */
final class QueryParameters {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");

    private QueryParameters() {}

    /** A brand, facility or aspect id; null stays null unless required. */
    static String slug(String name, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidParameterException(name, "is required");
            }
            return null;
        }
        if (!SLUG.matcher(value).matches()) {
            throw new InvalidParameterException(name, "must be a lower-case slug");
        }
        return value;
    }

    static String text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidParameterException(
                    name, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    /**
     * Search words: like {@link #text}, and holding at least one letter or digit (punctuation alone
     * is no word to search for).
     */
    static String words(String name, String value, int maxLength) {
        var text = text(name, value, maxLength);
        if (text != null && text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new InvalidParameterException(name, "must hold a word (a letter or digit)");
        }
        return text;
    }

    /** The token of a page's nextCursor; null stays null. */
    static MentionCursor cursor(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return MentionCursor.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    name, "must be the nextCursor of a previous page, as it was sent");
        }
    }

    /** An ISO-8601 instant ({@code 2026-03-08T00:00:00Z} or with an offset). */
    static Instant instant(String name, String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidParameterException(
                    name,
                    "must be an ISO-8601 date-time with an offset, e.g. 2026-03-08T05:00:00Z");
        }
    }

    static void range(Instant from, Instant to, Duration longest) {
        if (!from.isBefore(to)) {
            throw new InvalidParameterException("from", "must be before to");
        }
        if (Duration.between(from, to).compareTo(longest) > 0) {
            throw new InvalidParameterException(
                    "to", "the range must not be longer than " + longest.toDays() + " days");
        }
    }

    static ZoneId zone(String value) {
        if (value == null || value.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new InvalidParameterException(
                    "tz", "must be an IANA time zone, e.g. America/New_York");
        }
    }

    static SentimentLabel label(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return SentimentLabel.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "label", "must be one of negative, neutral, positive");
        }
    }

    static int integer(String name, String value, int otherwise, int min, int max) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new InvalidParameterException(name, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be a whole number");
        }
    }
}
