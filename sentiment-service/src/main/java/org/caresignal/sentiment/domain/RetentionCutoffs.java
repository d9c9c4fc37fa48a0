package org.caresignal.sentiment.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The instant before which a data class's rows are purged, given the time now and its retention;
 * audit rows never before six calendar years (what the audit table itself enforces).
 */
public final class RetentionCutoffs {

    /** HIPAA expects six years of documentation; the database refuses younger deletions too. */
    public static final int AUDIT_MINIMUM_YEARS = 6;

    private RetentionCutoffs() {}

    /** Rows older than the returned instant are past {@code retention} at {@code now}. */
    public static Instant cutoff(Instant now, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("a retention must be positive: " + retention);
        }
        return now.minus(retention);
    }

    /** Like {@link #cutoff}, but never later than six calendar years before {@code now}. */
    public static Instant auditCutoff(Instant now, Duration retention) {
        var sixYears = now.atOffset(ZoneOffset.UTC).minusYears(AUDIT_MINIMUM_YEARS).toInstant();
        var configured = cutoff(now, retention);
        return configured.isBefore(sixYears) ? configured : sixYears;
    }

    /**
     * Seconds from {@code oldest} to {@code now}; 0 without an oldest row (or one in the future).
     */
    public static long ageSeconds(Instant now, Instant oldest) {
        if (oldest == null || oldest.isAfter(now)) {
            return 0;
        }
        return Duration.between(oldest, now).toSeconds();
    }
}
