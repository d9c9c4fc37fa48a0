package org.caresignal.alert.domain.privacy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long each data class lives, and the cutoff it gives at a moment: rows older than {@code now -
 * retention} go. Audit rows never go before six calendar years, whatever is configured (the
 * database refuses that too).
 */
public final class RetentionPolicy {

    /** The documentation period HIPAA expects for audit records. */
    public static final int AUDIT_MIN_YEARS = 6;

    private final Map<DataClass, Duration> retention;

    public RetentionPolicy(Map<DataClass, Duration> retention) {
        var copy = new EnumMap<DataClass, Duration>(DataClass.class);
        for (var c : DataClass.values()) {
            var d = retention.get(c);
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(
                        "retention of " + c + " must be a positive duration");
            }
            copy.put(c, d);
        }
        this.retention = copy;
    }

    public Duration retention(DataClass dataClass) {
        return retention.get(dataClass);
    }

    /** Rows of {@code dataClass} older than this instant are purged at {@code now}. */
    public Instant cutoff(DataClass dataClass, Instant now) {
        var cutoff = now.minus(retention.get(dataClass));
        if (dataClass == DataClass.AUDIT) {
            var sixYears = now.atOffset(ZoneOffset.UTC).minusYears(AUDIT_MIN_YEARS).toInstant();
            return cutoff.isBefore(sixYears) ? cutoff : sixYears;
        }
        return cutoff;
    }
}
