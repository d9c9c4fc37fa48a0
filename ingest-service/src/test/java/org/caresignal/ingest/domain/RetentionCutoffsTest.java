package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionCutoffsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void theCutoffIsNowMinusTheRetention() {
        assertThat(RetentionCutoffs.cutoff(NOW, Duration.ofDays(90)))
                .isEqualTo(Instant.parse("2026-09-03T12:00:00Z"));
        assertThatThrownBy(() -> RetentionCutoffs.cutoff(NOW, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void auditRowsAreKeptAtLeastSixCalendarYearsWhateverIsConfigured() {
        var sixYears = Instant.parse("2020-12-02T12:00:00Z");
        // 2190 days is a day or two short of six calendar years (leap days): six years win.
        assertThat(RetentionCutoffs.auditCutoff(NOW, Duration.ofDays(2190))).isEqualTo(sixYears);
        assertThat(RetentionCutoffs.auditCutoff(NOW, Duration.ofDays(30))).isEqualTo(sixYears);
        assertThat(RetentionCutoffs.auditCutoff(NOW, Duration.ofDays(3650)))
                .isEqualTo(NOW.minus(Duration.ofDays(3650)));
    }
}
