package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.ZoneOffset;
import java.util.List;
import org.caresignal.alert.support.SyntheticSeries;
import org.junit.jupiter.api.Test;

/** The warm-up's buckets are learned from again at once when the detector becomes warm. */
class WarmupSeedingTest {

    private static final DetectorSettings BALANCED =
            DetectorSettings.of(Sensitivity.BALANCED, SyntheticSeries.FIVE_MINUTES);
    private static final ObjectMapper JSON =
            new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void dispersionStartsNearWhereItSettlesInsteadOfAtThePrior() {
        // Bursty traffic (log-normal burst factor): its dispersion is far above the prior of 2.
        var buckets =
                SyntheticSeries.seeded(21)
                        .normal(10, SyntheticSeries.dailyCycle(20, 120), 0.1)
                        .buckets();
        var detector = new SpikeDetector(BALANCED, ZoneOffset.UTC);
        double afterWarmup = 0;
        for (int i = 0; i < buckets.size(); i++) {
            detector.observe(buckets.get(i));
            if (i == BALANCED.warmupBuckets()) {
                afterWarmup = detector.snapshot().dispersion()[1];
            }
        }
        double settled = detector.snapshot().dispersion()[1];

        assertThat(settled).isGreaterThan(4 * Dispersion.PRIOR);
        assertThat(afterWarmup).isBetween(0.6 * settled, 1.6 * settled);
    }

    @Test
    void aDetectorRestoredDuringTheWarmupContinuesAsIfUninterrupted() throws Exception {
        var buckets = series();
        int cut = 200;
        var uninterrupted = new SpikeDetector(BALANCED, ZoneOffset.UTC);
        var first = new SpikeDetector(BALANCED, ZoneOffset.UTC);
        buckets.subList(0, cut).forEach(first::observe);
        buckets.subList(0, cut).forEach(uninterrupted::observe);
        var stored = JSON.writeValueAsString(first.snapshot());
        var restored =
                SpikeDetector.restore(
                        BALANCED, ZoneOffset.UTC, JSON.readValue(stored, DetectorSnapshot.class));

        assertThat(first.snapshot().warmupTimes()).hasSize(cut);
        for (var b : buckets.subList(cut, buckets.size())) {
            var expected = uninterrupted.observe(b);
            var actual = restored.observe(b);
            assertThat(actual.score()).isEqualTo(expected.score());
            assertThat(actual.transition()).isEqualTo(expected.transition());
        }
        assertThat(restored.snapshot().warmupTimes()).isNull();
        assertThat(restored.snapshot().dispersion())
                .containsExactly(uninterrupted.snapshot().dispersion());
    }

    @Test
    void aSnapshotWrittenBeforeTheWarmupWasKeptStillRestores() throws Exception {
        var buckets = series();
        int cut = 200;
        var first = new SpikeDetector(BALANCED, ZoneOffset.UTC);
        buckets.subList(0, cut).forEach(first::observe);
        // As stored in detector_state before: the JSON has no warm-up fields at all.
        var tree = (ObjectNode) JSON.valueToTree(first.snapshot());
        tree.remove(List.of("warmupTimes", "warmupTotal", "warmupNegative", "warmupAssessed"));
        var old = JSON.treeToValue(tree, DetectorSnapshot.class);

        var restored = SpikeDetector.restore(BALANCED, ZoneOffset.UTC, old);
        var pages = 0;
        for (var b : buckets.subList(cut, buckets.size())) {
            pages += restored.observe(b).paged() ? 1 : 0;
        }

        // It warms up bucket by bucket as it did, and still finds the spike at the end.
        assertThat(old.warmupTimes()).isNull();
        assertThat(restored.snapshot().warmupTimes()).isNull();
        assertThat(pages).isGreaterThanOrEqualTo(1);
    }

    private static List<Bucket> series() {
        var series = SyntheticSeries.seeded(22).normal(3, SyntheticSeries.dailyCycle(3, 30), 0.1);
        for (int i = 0; i < 6; i++) {
            series.add(150, 90);
        }
        return series.normal(0.5, SyntheticSeries.dailyCycle(3, 30), 0.1).buckets();
    }
}
