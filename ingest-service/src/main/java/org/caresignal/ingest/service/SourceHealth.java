package org.caresignal.ingest.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.caresignal.ingest.domain.MinuteCounts;
import org.caresignal.ingest.domain.RateLimit;
import org.caresignal.ingest.domain.SourceHealthState;

/**
 * The owner's working copy of one connector's health: last success and error, failures in a row,
 * rate-limit state, when it polls next and the mentions it accepted in the last hour. It starts
 * from the stored health ({@link SourceHealthStore}) and counts its changes so that the store
 * writes it back only when it changed.
 */
public final class SourceHealth {

    /** An immutable copy for the API. */
    public record Snapshot(
            SourceHealthState.Status status,
            Instant lastPollAt,
            Instant lastSuccessAt,
            String lastError,
            Instant lastErrorAt,
            int consecutiveFailures,
            Instant nextPollAt,
            RateLimit rateLimit,
            long mentionsLastHour) {

        /** The health shown for {@code state} with {@code mentions} in the last hour. */
        public static Snapshot of(SourceHealthState state, boolean enabled, long mentions) {
            return new Snapshot(
                    state.status(enabled),
                    state.lastPollAt(),
                    state.lastSuccessAt(),
                    state.lastError(),
                    state.lastErrorAt(),
                    state.consecutiveFailures(),
                    state.nextPollAt(),
                    state.rateLimit(),
                    mentions);
        }
    }

    private Instant lastPollAt;
    private Instant lastSuccessAt;
    private String lastError;
    private Instant lastErrorAt;
    private int consecutiveFailures;
    private boolean rateLimited;
    private Instant nextPollAt;
    private RateLimit rateLimit = RateLimit.UNKNOWN;
    private Instant configVersion;
    private final MinuteCounts accepted = new MinuteCounts();
    private long version;
    private long savedVersion = -1;
    private Instant savedAt;
    private final long ownership;

    /**
     * @param ownership the {@link ConnectorLeases#ownership} this copy was made under: another
     *     value means the connector was lost (and maybe won back) since, so this copy is outdated
     */
    SourceHealth(long ownership) {
        this.ownership = ownership;
    }

    long ownership() {
        return ownership;
    }

    synchronized void succeeded(Instant now, Instant next) {
        lastPollAt = now;
        lastSuccessAt = now;
        consecutiveFailures = 0;
        rateLimited = false;
        nextPollAt = next;
        version++;
    }

    synchronized int failed(Instant now, String error, boolean rateLimit) {
        lastPollAt = now;
        lastError = error;
        lastErrorAt = now;
        rateLimited = rateLimit;
        version++;
        return ++consecutiveFailures;
    }

    synchronized void pauseUntil(Instant next) {
        nextPollAt = next;
        version++;
    }

    synchronized void rateLimit(RateLimit state) {
        if (state != null && (state.limit() != null || state.remaining() != null)) {
            rateLimit = state;
            version++;
        }
    }

    synchronized void accepted(Instant at, int n) {
        if (n > 0) {
            accepted.add(at, n);
            version++;
        }
    }

    synchronized boolean due(Instant now) {
        return nextPollAt == null || !now.isBefore(nextPollAt);
    }

    synchronized long mentionsLastHour(Instant now) {
        return accepted.lastHour(now);
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

    /** The health to store and show. */
    synchronized SourceHealthState state() {
        return new SourceHealthState(
                lastPollAt,
                lastSuccessAt,
                lastError,
                lastErrorAt,
                consecutiveFailures,
                rateLimited,
                nextPollAt,
                rateLimit,
                configVersion);
    }

    /** Starts from a stored (or initial) health and the stored per-minute mention counts. */
    synchronized void restore(SourceHealthState s, Map<Instant, Long> mentionsPerMinute) {
        lastPollAt = s.lastPollAt();
        lastSuccessAt = s.lastSuccessAt();
        lastError = s.lastError();
        lastErrorAt = s.lastErrorAt();
        consecutiveFailures = s.consecutiveFailures();
        rateLimited = s.rateLimited();
        nextPollAt = s.nextPollAt();
        rateLimit = s.rateLimit();
        configVersion = s.configVersion();
        accepted.restore(mentionsPerMinute);
        version++;
    }

    /** Brings the health in line with a changed connector configuration (see the domain rule). */
    synchronized void reconfigure(Instant configVersion, Instant now, Instant rateLimitedUntil) {
        var s = state().reconfigure(configVersion, now, rateLimitedUntil);
        nextPollAt = s.nextPollAt();
        this.configVersion = s.configVersion();
        version++;
    }

    synchronized boolean configChanged(Instant configVersion) {
        return state().configChanged(configVersion);
    }

    synchronized Snapshot snapshot(Instant now, boolean enabled) {
        return Snapshot.of(state(), enabled, accepted.lastHour(now));
    }

    synchronized long version() {
        return version;
    }

    /** True if the health changed since it was last stored and may be stored at {@code now}. */
    synchronized boolean unsaved(long current, Instant now, Duration minGap, boolean force) {
        if (current == savedVersion) {
            return false;
        }
        return force || savedAt == null || !now.isBefore(savedAt.plus(minGap));
    }

    synchronized void saved(long savedVersion, Instant at) {
        this.savedVersion = savedVersion;
        this.savedAt = at;
    }
}
