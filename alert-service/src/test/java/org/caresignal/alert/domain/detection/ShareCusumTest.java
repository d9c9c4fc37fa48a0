package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.caresignal.alert.support.SyntheticSeries;
import org.junit.jupiter.api.Test;

/** The share CUSUM finds turns no 30-minute window holds, and ignores volume at the usual share. */
class ShareCusumTest {

    private static final int TURN = 96;

    /**
     * The negative-volume trigger's own windows (up to two hours) see these turns as well; with the
     * windows it had before (the bucket and 30 minutes) only the CUSUM does.
     */
    private static final DetectorSettings SHORT =
            DetectorSettings.of(Sensitivity.BALANCED, SyntheticSeries.FIVE_MINUTES).toBuilder()
                    .negativeWindows(1, 6)
                    .build();

    /** Two posts an hour, 20 % negative, then eight hours at six posts an hour, 80 % negative. */
    private static SyntheticSeries quietTurn(long seed) {
        var series = SyntheticSeries.seeded(seed).normal(10, 2.0 / 12, 0.2);
        for (int i = 0; i < TURN; i++) {
            // One post every other bucket, four of every five negative: never 15 posts, or even
            // 5 negatives, in a 30-minute window.
            series.add(i % 2 == 0 ? 1 : 0, i % 2 == 0 && i % 10 != 0 ? 1 : 0);
        }
        return series.normal(1, 2.0 / 12, 0.2);
    }

    @Test
    void aSlowTurnAtAQuietFacilityPagesOnTheShareCusum() {
        var series = quietTurn(31);
        int turn = series.size() - TURN - 288;

        var withCusum = run(SHORT, series.buckets());
        var without = run(SHORT.toBuilder().shareCusum(false).build(), series.buckets());

        var page =
                withCusum.stream()
                        .filter(e -> e.paged() && !e.bucketStart().isBefore(at(series, turn)))
                        .findFirst()
                        .orElseThrow();
        var share =
                page.signals().stream()
                        .filter(s -> s.trigger() == Trigger.NEGATIVE_SHARE)
                        .findFirst()
                        .orElseThrow();
        assertThat(share.firing()).isTrue();
        // The run is longer than any test window: only the CUSUM sees it.
        assertThat(share.windowBuckets()).isGreaterThan(SHORT.longWindow());
        assertThat(share.negative()).isGreaterThanOrEqualTo(SHORT.minNegative());
        assertThat(page.bucketStart()).isBefore(at(series, turn + TURN));
        assertThat(without.subList(turn, without.size())).noneMatch(Evaluation::paged);
    }

    @Test
    void aRepostBurstAtTheUsualShareDoesNotMoveIt() {
        var series = SyntheticSeries.seeded(32).normal(10, 4, 0.2);
        for (int i = 0; i < 24; i++) {
            series.add(24, i % 5 == 0 ? 5 : 4);
        }
        series.normal(1, 4, 0.2);

        var evaluations = run(SHORT, series.buckets());

        assertThat(evaluations)
                .flatExtracting(Evaluation::signals)
                .filteredOn(s -> s.trigger() == Trigger.NEGATIVE_SHARE)
                .noneMatch(Signal::firing);
    }

    @Test
    void aRestoredDetectorKeepsTheCusumItWasBuilding() {
        var buckets = quietTurn(33).buckets();
        // A few posts into the turn: the CUSUM has started climbing, nothing has fired yet.
        int cut = buckets.size() - 288 - TURN + 12;
        var uninterrupted = new SpikeDetector(SHORT, ZoneOffset.UTC);
        var first = new SpikeDetector(SHORT, ZoneOffset.UTC);
        buckets.subList(0, cut).forEach(first::observe);
        buckets.subList(0, cut).forEach(uninterrupted::observe);
        var snapshot = first.snapshot();

        assertThat(snapshot.shareCusum()[0]).isPositive();
        var restored = SpikeDetector.restore(SHORT, ZoneOffset.UTC, snapshot);
        for (var b : buckets.subList(cut, buckets.size())) {
            var expected = uninterrupted.observe(b);
            var actual = restored.observe(b);
            assertThat(actual.score()).isEqualTo(expected.score());
            assertThat(actual.transition()).isEqualTo(expected.transition());
        }
    }

    private static java.time.Instant at(SyntheticSeries series, int index) {
        return SyntheticSeries.START.plus(SyntheticSeries.FIVE_MINUTES.multipliedBy(index));
    }

    private static List<Evaluation> run(DetectorSettings settings, List<Bucket> buckets) {
        var detector = new SpikeDetector(settings, ZoneOffset.UTC);
        var out = new ArrayList<Evaluation>();
        buckets.forEach(b -> out.add(detector.observe(b)));
        return out;
    }
}
