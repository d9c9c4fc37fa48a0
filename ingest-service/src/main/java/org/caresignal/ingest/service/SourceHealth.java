package org.caresignal.ingest.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.caresignal.ingest.domain.RateLimit;

/**
 * What one connector's polls have shown in this process: last success and error, failures in a row,
 * rate-limit state, when it polls next, and the mentions it accepted in the last hour.
 */
public final class SourceHealth {

    /** A connector's state as reported at {@code GET /api/sources}. */
    public enum Status {
        NEVER_POLLED,
        OK,
        RATE_LIMITED,
        FAILING,
        DISABLED
    }

    /** An immutable copy for the API. */
    public record Snapshot(
            Status status,
            Instant lastPollAt,
            Instant lastSuccessAt,
            String lastError,
            Instant lastErrorAt,
            int consecutiveFailures,
            Instant nextPollAt,
            RateLimit rateLimit,
            int mentionsLastHour) {}

    private Instant lastPollAt;
    private Instant lastSuccessAt;
    private String lastError;
    private Instant lastErrorAt;
    private int consecutiveFailures;
    private boolean rateLimited;
    private Instant nextPollAt = Instant.EPOCH;
    private RateLimit rateLimit = RateLimit.UNKNOWN;
    private final Deque<Instant> accepted = new ArrayDeque<>();

    synchronized void succeeded(Instant now, Instant next) {
        lastPollAt = now;
        lastSuccessAt = now;
        consecutiveFailures = 0;
        rateLimited = false;
        nextPollAt = next;
    }

    synchronized int failed(Instant now, String error, boolean rateLimit) {
        lastPollAt = now;
        lastError = error;
        lastErrorAt = now;
        rateLimited = rateLimit;
        return ++consecutiveFailures;
    }

    synchronized void pauseUntil(Instant next) {
        nextPollAt = next;
    }

    synchronized void rateLimit(RateLimit state) {
        if (state != null && (state.limit() != null || state.remaining() != null)) {
            rateLimit = state;
        }
    }

    synchronized void accepted(Instant at, int n) {
        for (int i = 0; i < n; i++) {
            accepted.addLast(at);
        }
    }

    synchronized boolean due(Instant now) {
        return !now.isBefore(nextPollAt);
    }

    synchronized int mentionsLastHour(Instant now) {
        var cutoff = now.minus(Duration.ofHours(1));
        while (!accepted.isEmpty() && accepted.peekFirst().isBefore(cutoff)) {
            accepted.removeFirst();
        }
        return accepted.size();
    }

    synchronized double rateLimitRemaining() {
        return rateLimit.remaining() == null ? Double.NaN : rateLimit.remaining();
    }

    synchronized double lastSuccessEpochSeconds() {
        return lastSuccessAt == null ? Double.NaN : lastSuccessAt.getEpochSecond();
    }

    synchronized double up() {
        return lastPollAt == null ? Double.NaN : consecutiveFailures == 0 ? 1 : 0;
    }

    synchronized Snapshot snapshot(Instant now, boolean enabled) {
        Status status;
        if (!enabled) {
            status = Status.DISABLED;
        } else if (lastPollAt == null) {
            status = Status.NEVER_POLLED;
        } else if (consecutiveFailures == 0) {
            status = Status.OK;
        } else {
            status = rateLimited ? Status.RATE_LIMITED : Status.FAILING;
        }
        return new Snapshot(
                status,
                lastPollAt,
                lastSuccessAt,
                lastError,
                lastErrorAt,
                consecutiveFailures,
                Instant.EPOCH.equals(nextPollAt) ? null : nextPollAt,
                rateLimit,
                mentionsLastHour(now));
    }
}
