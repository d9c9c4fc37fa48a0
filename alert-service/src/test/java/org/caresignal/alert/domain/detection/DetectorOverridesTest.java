package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DetectorOverridesTest {

    private static final Duration FIVE = Duration.ofMinutes(5);

    @Test
    void aPresetAloneIsThePreset() {
        assertThat(DetectorOverrides.preset(Sensitivity.HIGH).settings(FIVE))
                .isEqualTo(DetectorSettings.of(Sensitivity.HIGH, FIVE));
    }

    @Test
    void overridesReplaceOnlyTheirThresholdsAndKeepTheLearningMemories() {
        var s = new DetectorOverrides(Sensitivity.LOW, 1e-5, 12L, 40L, 3.0, 3, 4).settings(FIVE);
        var low = DetectorSettings.of(Sensitivity.LOW, FIVE);
        assertThat(s.alphaFire()).isEqualTo(1e-5);
        assertThat(s.minNegative()).isEqualTo(12);
        assertThat(s.minTotal()).isEqualTo(40);
        assertThat(s.minShareTotal()).isEqualTo(40);
        assertThat(s.minEffect()).isEqualTo(3.0);
        assertThat(s.onBuckets()).isEqualTo(3);
        assertThat(s.offBuckets()).isEqualTo(4);
        assertThat(s.alphaClear()).isEqualTo(low.alphaClear());
        assertThat(s.longWindow()).isEqualTo(low.longWindow());
        assertThat(s.levelMemory()).isEqualTo(low.levelMemory());
        assertThat(s.seasonMemory()).isEqualTo(low.seasonMemory());
        assertThat(s.warmupBuckets()).isEqualTo(low.warmupBuckets());
    }

    @Test
    void impossibleValuesAreRefusedNamingTheField() {
        assertThatThrownBy(
                        () ->
                                new DetectorOverrides(
                                        Sensitivity.BALANCED, null, 0L, null, null, null, null))
                .hasMessageStartingWith("minNegative");
        assertThatThrownBy(
                        () ->
                                new DetectorOverrides(
                                        Sensitivity.BALANCED, null, null, null, 0.5, null, null))
                .hasMessageStartingWith("minEffect");
        // alphaFire must stay below the preset's clear threshold (hysteresis).
        assertThatThrownBy(
                        () ->
                                new DetectorOverrides(
                                                Sensitivity.BALANCED,
                                                0.01,
                                                null,
                                                null,
                                                null,
                                                null,
                                                null)
                                        .settings(FIVE))
                .hasMessageStartingWith("alphaFire");
    }

    @Test
    void aStricterConfigurationStopsAPageTheDefaultSends() {
        // The same spike as SpikeDetectorTest's: balanced pages, minNegative 500 does not.
        var balanced =
                new SpikeDetector(
                        DetectorSettings.of(Sensitivity.BALANCED, FIVE), java.time.ZoneOffset.UTC);
        var strict =
                new SpikeDetector(
                        new DetectorOverrides(
                                        Sensitivity.BALANCED, null, 500L, 500L, null, null, null)
                                .settings(FIVE),
                        java.time.ZoneOffset.UTC);
        var t = java.time.Instant.parse("2026-01-05T00:00:00Z");
        int pagesBalanced = 0;
        int pagesStrict = 0;
        for (int i = 0; i < 2 * 288 + 4; i++) {
            boolean spike = i >= 2 * 288;
            var bucket = new Bucket(t.plus(FIVE.multipliedBy(i)), spike ? 40 : 4, spike ? 30 : 1);
            if (balanced.observe(bucket).transition() == Transition.PAGE) {
                pagesBalanced++;
            }
            if (strict.observe(bucket).transition() == Transition.PAGE) {
                pagesStrict++;
            }
        }
        assertThat(pagesBalanced).isEqualTo(1);
        assertThat(pagesStrict).isZero();
    }
}
