package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.caresignal.alert.support.SyntheticSeries;
import org.junit.jupiter.api.Test;

/**
 * The negative-volume trigger judges negatives against the volume of the other posts: negatives
 * that rise with everything else (a repost burst) are not a negative burst, negatives that rise
 * alone are.
 */
class OtherPostsScalingTest {

    private static final DetectorSettings BALANCED =
            DetectorSettings.of(Sensitivity.BALANCED, SyntheticSeries.FIVE_MINUTES);

    /** Ten days at 4 posts a bucket, 15 % negative, then {@code burst} buckets as given. */
    private static List<Bucket> series(long seed, long total, long negative) {
        var s = SyntheticSeries.seeded(seed).normal(10, 4, 0.15);
        for (int i = 0; i < 6; i++) {
            s.add(total, negative);
        }
        return s.normal(0.5, 4, 0.15).buckets();
    }

    private static List<Evaluation> run(DetectorSettings settings, List<Bucket> buckets) {
        var detector = new SpikeDetector(settings, ZoneOffset.UTC);
        var out = new ArrayList<Evaluation>();
        for (var b : buckets) {
            out.add(detector.observe(b));
        }
        return out;
    }

    private static boolean negativeVolumeFires(List<Evaluation> evaluations) {
        return evaluations.stream()
                .flatMap(e -> e.signals().stream())
                .anyMatch(s -> s.trigger() == Trigger.NEGATIVE_VOLUME && s.firing());
    }

    @Test
    void aRepostBurstWithTheUsualShareIsNotANegativeBurst() {
        for (long seed = 1; seed <= 5; seed++) {
            // Six times the volume for half an hour, 15 % of it negative as usual.
            var buckets = series(seed, 24, 4);

            var scaled = run(BALANCED, buckets);
            var unscaled = run(BALANCED.toBuilder().otherPostsPrior(0).build(), buckets);

            assertThat(negativeVolumeFires(unscaled)).as("seed %d, unscaled", seed).isTrue();
            assertThat(negativeVolumeFires(scaled)).as("seed %d, scaled", seed).isFalse();
            // Total volume may still page it, as volume alone (LOW), never as a negative episode.
            assertThat(scaled.stream().filter(Evaluation::paged))
                    .allSatisfy(e -> assertThat(e.severity()).isEqualTo(Severity.LOW));
        }
    }

    @Test
    void negativesRisingAloneStillPageAsANegativeEpisode() {
        for (long seed = 1; seed <= 5; seed++) {
            // The other posts as usual (about 3.4 a bucket), four negatives a bucket instead of
            // 0.6.
            var buckets = series(seed, 7, 4);

            var scaled = run(BALANCED, buckets);

            assertThat(negativeVolumeFires(scaled)).as("seed %d", seed).isTrue();
            assertThat(scaled.stream().filter(Evaluation::paged).toList())
                    .as("seed %d", seed)
                    .hasSize(1)
                    .allSatisfy(e -> assertThat(e.severity()).isNotEqualTo(Severity.LOW));
        }
    }

    @Test
    void theRatioIsShrunkTowardsOneAndOffAtZero() {
        var settings = BALANCED.toBuilder().otherPostsPrior(0).build();
        assertThat(settings.otherPostsPrior()).isZero();
        assertThat(BALANCED.otherPostsPrior()).isEqualTo(DetectorSettings.OTHER_POSTS_PRIOR);
        assertThat(BALANCED.toBuilder().otherPostsPrior(3).build()).isEqualTo(BALANCED);
    }
}
