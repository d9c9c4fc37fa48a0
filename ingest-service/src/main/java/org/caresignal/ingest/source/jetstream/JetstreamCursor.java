package org.caresignal.ingest.source.jetstream;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Where a Jetstream subscription resumes: a few seconds before the last stored {@code time_us}
 * (Jetstream's own advice; the overlap is removed by dedup on the at-uri), but never further back
 * than the server keeps (36 h), which is then a reported gap.
 */
public record JetstreamCursor(long timeUs) {

    private static final Pattern STATE = Pattern.compile("\"timeUs\"\\s*:\\s*(\\d{1,19})");

    /** Where to resume, and whether the stored cursor was older than the lookback allows. */
    public record Resume(Long cursorUs, boolean clamped) {}

    /** The cursor as stored in {@code source_connector.cursor_state}. */
    public String toState() {
        return "{\"timeUs\":" + timeUs + "}";
    }

    /** Reads a stored cursor; null or an unreadable state means "no cursor" (live tail). */
    public static JetstreamCursor fromState(String state) {
        if (state == null) {
            return null;
        }
        var m = STATE.matcher(state);
        return m.find() ? new JetstreamCursor(Long.parseLong(m.group(1))) : null;
    }

    /**
     * The {@code cursor} to send: null (live) without a stored cursor; else the stored one minus
     * {@code rewind}, clamped to {@code now - maxLookback}.
     */
    public static Resume resume(
            JetstreamCursor stored, Instant now, Duration rewind, Duration maxLookback) {
        if (stored == null) {
            return new Resume(null, false);
        }
        long wanted = stored.timeUs() - micros(rewind);
        long oldest = micros(now) - micros(maxLookback);
        return wanted < oldest ? new Resume(oldest, true) : new Resume(wanted, false);
    }

    private static long micros(Duration d) {
        return d.getSeconds() * 1_000_000L + d.getNano() / 1000L;
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000L;
    }
}
