package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
