package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionCutoffsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void theCutoffIsTheRetentionBeforeNow() {
        assertThat(RetentionCutoffs.cutoff(NOW, Duration.ofDays(90)))
                .isEqualTo(Instant.parse("2026-09-03T12:00:00Z"));
    }

    @Test
    void auditRowsAreNeverCutYoungerThanSixCalendarYears() {
        // 2190 days is short of six years by the leap days in between.
        assertThat(RetentionCutoffs.auditCutoff(NOW, Duration.ofDays(2190)))
                .isEqualTo(Instant.parse("2020-12-02T12:00:00Z"));
        assertThat(RetentionCutoffs.auditCutoff(NOW, Duration.ofDays(30)))
                .isEqualTo(Instant.parse("2020-12-02T12:00:00Z"));
        assertThat(RetentionCutoffs.auditCutoff(NOW, Duration.ofDays(3650)))
                .isEqualTo(NOW.minus(Duration.ofDays(3650)));
    }

    @Test
    void aRetentionMustBePositive() {
        assertThatThrownBy(() -> RetentionCutoffs.cutoff(NOW, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetentionCutoffs.cutoff(NOW, Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAgeOfTheOldestRowIsZeroWithoutOne() {
        assertThat(RetentionCutoffs.ageSeconds(NOW, null)).isZero();
        assertThat(RetentionCutoffs.ageSeconds(NOW, NOW.plusSeconds(5))).isZero();
        assertThat(RetentionCutoffs.ageSeconds(NOW, NOW.minus(Duration.ofDays(1))))
                .isEqualTo(86_400);
    }
}
