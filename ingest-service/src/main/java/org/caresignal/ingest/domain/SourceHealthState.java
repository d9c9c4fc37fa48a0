package org.caresignal.ingest.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A connector's health as its owner stores it for every instance to read: its last poll, success
 * and error, failures in a row, whether the source is rate limiting it, when it is due next, the
 * source's rate-limit headers and the connector configuration (its {@code updated_at}) all this was
 * seen under; with the rules for handing it to a new owner, for a configuration change and for
 * telling a stale copy.
 *
 * @param nextPollAt when the connector may be polled next (backoff or the source's reset); null
 *     when it is due at once
 * @param configVersion the connector's {@code updated_at} this health was last brought in line with
 */
public record SourceHealthState(
        Instant lastPollAt,
        Instant lastSuccessAt,
        String lastError,
        Instant lastErrorAt,
        int consecutiveFailures,
        boolean rateLimited,
        Instant nextPollAt,
        RateLimit rateLimit,
        Instant configVersion) {

    /** A connector's state as reported at {@code GET /api/sources}. */
    public enum Status {
        NEVER_POLLED,
        OK,
        RATE_LIMITED,
        FAILING,
        DISABLED
    }

    public SourceHealthState {
        rateLimit = rateLimit == null ? RateLimit.UNKNOWN : rateLimit;
        consecutiveFailures = Math.max(0, consecutiveFailures);
    }

    /** The health of a connector nobody has polled yet, under the given configuration. */
    public static SourceHealthState initial(Instant configVersion) {
        return new SourceHealthState(
                null, null, null, null, 0, false, null, RateLimit.UNKNOWN, configVersion);
    }

    /** The status shown for this health. */
    public Status status(boolean enabled) {
        if (!enabled) {
            return Status.DISABLED;
        }
        if (lastPollAt == null) {
            return Status.NEVER_POLLED;
        }
        if (consecutiveFailures == 0) {
            return Status.OK;
        }
        return rateLimited ? Status.RATE_LIMITED : Status.FAILING;
    }

    /**
     * What an instance that takes the connector over (a new owner, or the same process after a
     * restart) starts from: everything stored, and never due before the source said it may be asked
     * again ({@code rateLimitedUntil}, kept with the connector, or the reset of an exhausted rate
     * limit), so a new owner does not spend a paid quota the old one was told to wait for.
     */
    public SourceHealthState adopt(Instant rateLimitedUntil) {
        return withNextPollAt(latest(nextPollAt, sourceAllows(rateLimitedUntil)));
    }

    /**
     * After an operator changed the connector (a newer {@code updated_at}): the new configuration
     * is polled at once rather than after the old schedule or backoff, but still not before the
     * source's own limit; its history (last poll, errors, failures in a row) stays.
     */
    public SourceHealthState reconfigure(Instant version, Instant now, Instant rateLimitedUntil) {
        var limit = sourceAllows(rateLimitedUntil);
        var next = limit != null && limit.isAfter(now) ? limit : null;
        return new SourceHealthState(
                lastPollAt,
                lastSuccessAt,
                lastError,
                lastErrorAt,
                consecutiveFailures,
                rateLimited,
                next,
                rateLimit,
                version);
    }

    /** True if this health was not brought in line with the connector's configuration {@code v}. */
    public boolean configChanged(Instant v) {
        return !Objects.equals(configVersion, v);
    }

    /**
     * True when a stored health can no longer be taken as current: its connector is enabled, the
     * instance that wrote it no longer holds the connector's lease ({@code leaseOwner} is another
     * instance, or null when nobody holds it) and it is older than {@code staleAfter}. A live owner
     * keeps its copy current (it writes after every change), however long ago the last one was.
     */
    public static boolean stale(
            boolean enabled,
            String writtenBy,
            Instant asOf,
            String leaseOwner,
            Instant now,
            Duration staleAfter) {
        if (!enabled || asOf == null) {
            return false;
        }
        if (writtenBy != null && writtenBy.equals(leaseOwner)) {
            return false;
        }
        return asOf.plus(staleAfter).isBefore(now);
    }

    /** The later of two instants, either possibly null. */
    static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }

    private Instant sourceAllows(Instant rateLimitedUntil) {
        var reset = rateLimit.exhausted() ? rateLimit.resetAt() : null;
        return latest(rateLimitedUntil, reset);
    }

    private SourceHealthState withNextPollAt(Instant next) {
        return new SourceHealthState(
                lastPollAt,
                lastSuccessAt,
                lastError,
                lastErrorAt,
                consecutiveFailures,
                rateLimited,
                next,
                rateLimit,
                configVersion);
    }
}
