package org.caresignal.ingest.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The age limits of the data classes at a given moment: what was created before a class's cut-off
 * is purged. Audit rows are kept at least six calendar years, whatever is configured.
 */
public final class RetentionCutoffs {

    /** HIPAA's documentation retention; the database refuses deleting a younger audit row. */
    public static final int AUDIT_MIN_YEARS = 6;

    private RetentionCutoffs() {}

    /** {@code now - retention}. */
    public static Instant cutoff(Instant now, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("a retention must be positive: " + retention);
        }
        return now.minus(retention);
    }

    /** The earlier of {@code now - retention} and six calendar years ago. */
    public static Instant auditCutoff(Instant now, Duration retention) {
        var sixYears = now.atOffset(ZoneOffset.UTC).minusYears(AUDIT_MIN_YEARS).toInstant();
        var configured = cutoff(now, retention);
        return configured.isBefore(sixYears) ? configured : sixYears;
    }
}
