package org.caresignal.ingest.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mentions a connector accepted, counted per minute: enough for "in the last hour" without keeping
 * one entry per mention, and the same shape as the {@code source_mention_minute} rows that let any
 * instance (and a new owner) count them.
 */
public final class MinuteCounts {

    /** The window of {@link #lastHour}: the current minute and the 59 before it. */
    public static final Duration WINDOW = Duration.ofHours(1);

    private final TreeMap<Instant, Long> perMinute = new TreeMap<>();

    /** The minute an instant falls in (its start). */
    public static Instant minuteOf(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    /** The first minute still inside the window at {@code now}. */
    public static Instant windowStart(Instant now) {
        return minuteOf(now).minus(WINDOW).plus(Duration.ofMinutes(1));
    }

    /** Counts {@code n} mentions accepted at {@code at}. */
    public synchronized void add(Instant at, long n) {
        if (n > 0) {
            perMinute.merge(minuteOf(at), n, Long::sum);
        }
    }

    /** Replaces the counts with stored ones (minute start to count). */
    public synchronized void restore(Map<Instant, Long> stored) {
        perMinute.clear();
        stored.forEach(this::add);
    }

    /** Mentions in the current minute and the 59 before it; drops older minutes. */
    public synchronized long lastHour(Instant now) {
        perMinute.headMap(windowStart(now)).clear();
        return perMinute.values().stream().mapToLong(Long::longValue).sum();
    }
}
