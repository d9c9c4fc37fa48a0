package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DetectorSettingsTest {

    private static final Duration FIVE = Duration.ofMinutes(5);

    @Test
    void presetsConvertDurationsToBuckets() {
        var balanced = DetectorSettings.of(Sensitivity.BALANCED, FIVE);
        var high = DetectorSettings.of(Sensitivity.HIGH, Duration.ofMinutes(10));

        assertThat(balanced.alphaFire()).isEqualTo(1e-6);
        assertThat(balanced.offBuckets()).isEqualTo(6);
        assertThat(balanced.cooldownBuckets()).isEqualTo(288);
        assertThat(balanced.warmupBuckets()).isEqualTo(288);
        assertThat(high.offBuckets()).isEqualTo(2);
        assertThat(high.cooldownBuckets()).isEqualTo(72);
        assertThat(high.warmupBuckets()).isEqualTo(144);
    }

    @Test
    void builderChangesOnlyTheNamedKnobs() {
        var preset = DetectorSettings.of(Sensitivity.LOW, FIVE);
        var changed = preset.toBuilder().minTotal(40).onBuckets(3).build();

        assertThat(changed.minTotal()).isEqualTo(40);
        assertThat(changed.onBuckets()).isEqualTo(3);
        assertThat(changed).isNotEqualTo(preset);
        assertThat(changed.toBuilder().minTotal(preset.minTotal()).onBuckets(2).build())
                .isEqualTo(preset)
                .hasSameHashCodeAs(preset);
        assertThat(DetectorSettings.builder(Sensitivity.LOW, FIVE).build()).isEqualTo(preset);
    }

    @Test
    void buildRefusesInconsistentKnobs() {
        var b = DetectorSettings.builder(Sensitivity.BALANCED, FIVE);

        assertThatThrownBy(() -> b.alphaFire(0.01).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alphaFire < alphaClear");
        assertThatThrownBy(
                        () -> DetectorSettings.builder(Sensitivity.HIGH, FIVE).onBuckets(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNegativeTriggersHaveTheirOwnWindowsAndThreshold() {
        var balanced = DetectorSettings.of(Sensitivity.BALANCED, FIVE);
        var hourly = DetectorSettings.of(Sensitivity.BALANCED, Duration.ofHours(1));

        assertThat(balanced.negativeWindows()).containsExactly(1, 6, 12, 24);
        assertThat(hourly.negativeWindows()).containsExactly(1, 1, 1, 2);
        assertThat(balanced.alphaFire(Trigger.TOTAL_VOLUME)).isEqualTo(1e-6);
        assertThat(balanced.alphaFire(Trigger.NEGATIVE_VOLUME)).isEqualTo(1e-4, within(1e-12));
        assertThat(balanced.alphaFire(Trigger.NEGATIVE_SHARE))
                .isEqualTo(balanced.negativeAlphaFire());
        // Never at the clear threshold, whatever the factor: the hysteresis needs a gap.
        assertThat(balanced.toBuilder().negativeAlphaFactor(1e6).build().negativeAlphaFire())
                .isEqualTo(balanced.alphaClear() / 2);
        assertThatThrownBy(() -> balanced.toBuilder().negativeWindows(6, 12).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("include the bucket itself");
        assertThatThrownBy(() -> balanced.toBuilder().earlyPriorShare(1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
