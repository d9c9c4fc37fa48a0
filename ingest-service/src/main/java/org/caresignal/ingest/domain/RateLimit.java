package org.caresignal.ingest.domain;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Function;

/**
 * A source's rate-limit state as its response headers state it (each source has its own headers and
 * reset format), and {@code Retry-After}, which always wins.
 */
public record RateLimit(Long limit, Long remaining, Instant resetAt) {

    public static final RateLimit UNKNOWN = new RateLimit(null, null, null);

    /** True when the source says no request is left before {@link #resetAt()}. */
    public boolean exhausted() {
        return remaining != null && remaining <= 0 && resetAt != null;
    }

    /** Mastodon: {@code X-RateLimit-Limit/Remaining/Reset}, the reset an ISO-8601 instant. */
    public static RateLimit mastodon(Function<String, String> headers) {
        Instant reset = null;
        var r = headers.apply("X-RateLimit-Reset");
        if (r != null) {
            try {
                reset = Instant.parse(r.strip());
            } catch (DateTimeException e) {
                reset = null;
            }
        }
        return new RateLimit(
                number(headers.apply("X-RateLimit-Limit")),
                number(headers.apply("X-RateLimit-Remaining")),
                reset);
    }

    /** Bluesky (XRPC): {@code RateLimit-Limit/Remaining/Reset}, the reset in unix seconds. */
    public static RateLimit bluesky(Function<String, String> headers) {
        var reset = number(headers.apply("RateLimit-Reset"));
        return new RateLimit(
                number(headers.apply("RateLimit-Limit")),
                number(headers.apply("RateLimit-Remaining")),
                reset == null ? null : Instant.ofEpochSecond(reset));
    }

    /** X: {@code x-rate-limit-limit/remaining/reset}, the reset in unix epoch seconds. */
    public static RateLimit x(Function<String, String> headers) {
        var reset = number(headers.apply("x-rate-limit-reset"));
        return new RateLimit(
                number(headers.apply("x-rate-limit-limit")),
                number(headers.apply("x-rate-limit-remaining")),
                reset == null ? null : Instant.ofEpochSecond(reset));
    }

    /**
     * Reddit: {@code X-Ratelimit-Used/Remaining/Reset}; the remaining count may be a decimal
     * ({@code 996.0}) and the reset is the number of seconds until the window ends.
     */
    public static RateLimit reddit(Function<String, String> headers, Instant now) {
        var used = decimal(headers.apply("X-Ratelimit-Used"));
        var remaining = decimal(headers.apply("X-Ratelimit-Remaining"));
        var reset = decimal(headers.apply("X-Ratelimit-Reset"));
        return new RateLimit(
                used != null && remaining != null ? used + remaining : null,
                remaining,
                reset == null ? null : now.plusSeconds(Math.max(0, reset)));
    }

    /**
     * When {@code Retry-After} (seconds or an HTTP date) says to come back, if it is present and
     * readable.
     */
    public static Optional<Instant> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        var v = header.strip();
        try {
            return Optional.of(now.plus(Duration.ofSeconds(Math.max(0, Long.parseLong(v)))));
        } catch (NumberFormatException e) {
            try {
                return Optional.of(
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeException ignored) {
                return Optional.empty();
            }
        }
    }

    private static Long decimal(String v) {
        if (v == null) {
            return null;
        }
        try {
            return (long) Math.floor(Double.parseDouble(v.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long number(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
