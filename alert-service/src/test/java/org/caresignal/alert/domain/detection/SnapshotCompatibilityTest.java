package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A snapshot as {@code detector_state} held it before issue 15's second round (written by the
 * detector of {@code main} at 68f2d30: two windows for every trigger, no held-back buckets) still
 * restores: an open episode stays open and is not paged again, and what was learned carries over.
 */
class SnapshotCompatibilityTest {

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    private static final DetectorSettings BALANCED =
            DetectorSettings.of(Sensitivity.BALANCED, Duration.ofMinutes(5));

    private static DetectorSnapshot stored() throws IOException {
        try (InputStream in =
                SnapshotCompatibilityTest.class.getResourceAsStream(
                        "/detector/snapshot-2026-12-03.json")) {
            return JSON.readValue(in, DetectorSnapshot.class);
        }
    }

    @Test
    void aSnapshotOfTheEarlierShapeRestoresWithItsEpisodeOpen() throws IOException {
        var stored = stored();
        assertThat(stored.dispersionWindows()).isNull();
        assertThat(stored.learning()).isNull();
        assertThat(stored.firing()).isTrue();

        var detector = SpikeDetector.restore(BALANCED, ZoneOffset.UTC, stored);
        var restored = detector.snapshot();

        assertThat(detector.isFiring()).isTrue();
        assertThat(detector.lastBucket()).isEqualTo(stored.lastBucket());
        assertThat(restored.totalBaseline()).isEqualTo(stored.totalBaseline());
        assertThat(restored.negativeBaseline()).isEqualTo(stored.negativeBaseline());
        assertThat(restored.episodeStart()).isEqualTo(stored.episodeStart());
        // The total's two windows as they were; the negatives' 1 and 6 buckets as they were, the
        // longer ones starting from the 6-bucket window's.
        assertThat(restored.dispersionWindows()).containsExactly(1, 6, 1, 6, 12, 24);
        double[] d = stored.dispersion();
        assertThat(restored.dispersion()).containsExactly(d[0], d[1], d[2], d[3], d[3], d[3]);
        // The ring's six buckets are the newest of the longer ring.
        assertThat(restored.ringFilled()).isEqualTo(6);
        assertThat(restored.ringTotal()).startsWith(ordered(stored.ringTotal(), stored.ringPos()));
    }

    @Test
    void theRestoredEpisodeResolvesOnceAndARepeatReopensIt() throws IOException {
        var stored = stored();
        var detector = SpikeDetector.restore(BALANCED, ZoneOffset.UTC, stored);
        var random = new Random(15);
        var t = stored.lastBucket().plus(BALANCED.bucketSize());
        var transitions = new ArrayList<Transition>();
        // Six ordinary hours, then half an hour of crisis (inside the cooldown), then two hours.
        for (int i = 0; i < 72 + 6 + 24; i++) {
            long total = 20 + random.nextInt(9);
            long negative = Math.round(0.15 * total);
            if (i >= 72 && i < 78) {
                total = 90;
                negative = 50;
            }
            transitions.add(detector.observe(new Bucket(t, total, negative)).transition());
            t = t.plus(BALANCED.bucketSize());
        }

        assertThat(transitions).doesNotContain(Transition.PAGE);
        assertThat(transitions.subList(0, 72)).containsOnlyOnce(Transition.RESOLVE);
        assertThat(transitions.subList(72, 78)).contains(Transition.REOPEN);
    }

    private static long[] ordered(long[] ring, int pos) {
        long[] out = new long[ring.length];
        for (int i = 0; i < ring.length; i++) {
            out[i] = ring[Math.floorMod(pos + i, ring.length)];
        }
        return out;
    }
}
