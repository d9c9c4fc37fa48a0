package org.caresignal.alert.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private static EnumMap<DataClass, Duration> defaults() {
        var m = new EnumMap<DataClass, Duration>(DataClass.class);
        m.put(DataClass.TEXT, Duration.ofDays(90));
        m.put(DataClass.MENTIONS, Duration.ofDays(730));
        m.put(DataClass.AGGREGATES, Duration.ofDays(1825));
        m.put(DataClass.INCIDENTS, Duration.ofDays(2190));
        m.put(DataClass.DELIVERIES, Duration.ofDays(365));
        m.put(DataClass.OUTBOX, Duration.ofDays(7));
        m.put(DataClass.AUDIT, Duration.ofDays(2190));
        return m;
    }

    @Test
    void aClassesCutoffIsNowMinusItsRetention() {
        var policy = new RetentionPolicy(defaults());
        assertThat(policy.cutoff(DataClass.TEXT, NOW))
                .isEqualTo(Instant.parse("2026-09-03T12:00:00Z"));
        assertThat(policy.cutoff(DataClass.OUTBOX, NOW))
                .isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
    }

    @Test
    void auditRowsNeverGoBeforeSixCalendarYears() {
        var shorter = defaults();
        shorter.put(DataClass.AUDIT, Duration.ofDays(30));
        assertThat(new RetentionPolicy(shorter).cutoff(DataClass.AUDIT, NOW))
                .isEqualTo(Instant.parse("2020-12-02T12:00:00Z"));
        // 2190 days is a little less than six calendar years (two leap days): six years win.
        assertThat(new RetentionPolicy(defaults()).cutoff(DataClass.AUDIT, NOW))
                .isEqualTo(Instant.parse("2020-12-02T12:00:00Z"));
        var longer = defaults();
        longer.put(DataClass.AUDIT, Duration.ofDays(3650));
        assertThat(new RetentionPolicy(longer).cutoff(DataClass.AUDIT, NOW))
                .isEqualTo(NOW.minus(Duration.ofDays(3650)));
    }

    @Test
    void everyClassNeedsAPositiveRetention() {
        var missing = defaults();
        missing.remove(DataClass.TEXT);
        assertThatThrownBy(() -> new RetentionPolicy(missing)).hasMessageContaining("TEXT");
        var zero = defaults();
        zero.put(DataClass.OUTBOX, Duration.ZERO);
        assertThatThrownBy(() -> new RetentionPolicy(zero)).hasMessageContaining("OUTBOX");
    }
}
