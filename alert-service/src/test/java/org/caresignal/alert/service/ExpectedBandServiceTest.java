package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.caresignal.alert.domain.detection.Bucket;
import org.caresignal.alert.domain.detection.DetectorSettings;
import org.caresignal.alert.domain.detection.Sensitivity;
import org.junit.jupiter.api.Test;

class ExpectedBandServiceTest {

    private static final Duration FIVE = Duration.ofMinutes(5);

    @Test
    void aSteadySeriesIsExpectedAtItsLevelAndOnlyTheRangeIsKept() {
        var settings = DetectorSettings.of(Sensitivity.BALANCED, FIVE);
        var first = Instant.parse("2026-01-01T00:00:00Z");
        var keepFrom = first.plus(Duration.ofDays(3));
        var last = keepFrom.plus(Duration.ofHours(1)).minus(FIVE);
        var stored = new ArrayList<Bucket>();
        for (var t = first; !t.isAfter(last); t = t.plus(FIVE)) {
            stored.add(new Bucket(t, 4, 1));
        }

        var expected = ExpectedBandService.replay(settings, stored, first, last, keepFrom);

        assertThat(expected).hasSize(12).containsKey(keepFrom).doesNotContainKey(first);
        expected.values().forEach(v -> assertThat(v).isCloseTo(4.0, within(0.5)));
    }

    @Test
    void theBandIsAboutTwoStandardDeviationsOfAPoissonCountAndNeverBelowZero() {
        assertThat(ExpectedBandService.band(16)).containsExactly(8.0, 24.0);
        assertThat(ExpectedBandService.band(1)).containsExactly(0.0, 3.0);
        assertThat(ExpectedBandService.band(0)).containsExactly(0.0, 0.0);
    }
}
