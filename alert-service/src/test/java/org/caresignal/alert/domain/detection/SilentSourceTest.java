package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.caresignal.alert.support.SyntheticSeries;
import org.junit.jupiter.api.Test;

/** A source that goes silent is not calm: its return does not page and its level is kept. */
class SilentSourceTest {

    private static final DetectorSettings BALANCED =
            DetectorSettings.of(Sensitivity.BALANCED, SyntheticSeries.FIVE_MINUTES);

    /** Ten days of traffic, three days without a single bucket, then two days of traffic again. */
    private static List<Bucket> withGap() {
        var before = SyntheticSeries.seeded(41).normal(10, 12, 0.15).buckets();
        var after = SyntheticSeries.seeded(42).normal(15, 12, 0.15).buckets();
        var gap = Duration.ofDays(3);
        var out = new ArrayList<>(before);
        // The same hours of the day, shifted past the gap (13 days after the start).
        for (var b : after.subList(before.size() + 3 * 288, after.size())) {
            out.add(new Bucket(b.start(), b.total(), b.negative()));
        }
        assertThat(
                        Duration.between(
                                before.get(before.size() - 1).start(),
                                out.get(before.size()).start()))
                .isGreaterThan(gap);
        return out;
    }

    @Test
    void theReturnOfASilentSourceDoesNotPageAndFindsItsLevel() {
        var buckets = withGap();
        int back = 10 * 288;

        var kept = new SpikeDetector(BALANCED, ZoneOffset.UTC);
        var forgot =
                new SpikeDetector(BALANCED.toBuilder().silenceAlpha(0).build(), ZoneOffset.UTC);
        var pages = new ArrayList<Integer>();
        double levelBefore = 0;
        for (int i = 0; i < buckets.size(); i++) {
            if (i == back) {
                levelBefore = kept.snapshot().totalBaseline().level();
            }
            if (kept.observe(buckets.get(i)).paged()) {
                pages.add(i);
            }
            forgot.observe(buckets.get(i));
            if (i == back) {
                // Right after the gap: the silence taught the baseline only its first hours.
                assertThat(kept.snapshot().totalBaseline().level())
                        .isGreaterThan(0.7 * levelBefore);
                assertThat(forgot.snapshot().totalBaseline().level()).isLessThan(0.2 * levelBefore);
            }
        }

        assertThat(pages).isEmpty();
    }
}
