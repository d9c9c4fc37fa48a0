package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.caresignal.alert.support.SyntheticSeries;
import org.junit.jupiter.api.Test;

class SpikeDetectorTest {

    private static final DetectorSettings BALANCED =
            DetectorSettings.of(Sensitivity.BALANCED, SyntheticSeries.FIVE_MINUTES);

    private static List<Evaluation> run(DetectorSettings settings, SyntheticSeries series) {
        var detector = new SpikeDetector(settings, ZoneOffset.UTC);
        var out = new ArrayList<Evaluation>();
        for (var b : series.buckets()) {
            out.add(detector.observe(b));
        }
        return out;
    }

    private static List<Integer> indexes(List<Evaluation> evaluations, Transition transition) {
        return IntStream.range(0, evaluations.size())
                .filter(i -> evaluations.get(i).transition() == transition)
                .boxed()
                .toList();
    }

    @Test
    void aGenuineNegativeSpikePagesWithinTwoBuckets() {
        var series = SyntheticSeries.seeded(1).normal(14, 6, 0.15);
        int spikeStart = series.size();
        for (int i = 0; i < 12; i++) {
            series.add(40, 28);
        }
        series.normal(1, 6, 0.15);

        var evaluations = run(BALANCED, series);

        var pages = indexes(evaluations, Transition.PAGE);
        assertThat(pages).containsExactly(pages.get(0)).isNotEmpty();
        assertThat(pages.get(0)).isBetween(spikeStart, spikeStart + 1);
        var page = evaluations.get(pages.get(0));
        assertThat(page.signals())
                .filteredOn(Signal::firing)
                .extracting(Signal::trigger)
                .contains(Trigger.NEGATIVE_VOLUME);
        assertThat(page.severity()).isEqualTo(Severity.HIGH);
        assertThat(page.score()).isGreaterThan(0.6).isLessThanOrEqualTo(1.0);
    }

    @Test
    void aSingleNegativePostAtASmallHospitalDoesNotPage() {
        // Two posts an hour: about 0.17 per five-minute bucket, mostly empty buckets.
        var series = SyntheticSeries.seeded(2).normal(14, 2.0 / 12, 0.1);
        for (int day = 0; day < 5; day++) {
            series.add(1, 1).normal(1, 2.0 / 12, 0.1);
        }

        for (var sensitivity : Sensitivity.values()) {
            var evaluations =
                    run(DetectorSettings.of(sensitivity, SyntheticSeries.FIVE_MINUTES), series);
            assertThat(indexes(evaluations, Transition.PAGE)).as("%s", sensitivity).isEmpty();
        }
    }

    @Test
    void aRealIncidentAtASmallHospitalStillPages() {
        var series = SyntheticSeries.seeded(3).normal(14, 2.0 / 12, 0.1);
        int spikeStart = series.size();
        for (int i = 0; i < 6; i++) {
            series.add(4, 3);
        }
        series.normal(1, 2.0 / 12, 0.1);

        var pages = indexes(run(BALANCED, series), Transition.PAGE);

        assertThat(pages).hasSize(1);
        assertThat(pages.get(0)).isBetween(spikeStart, spikeStart + 2);
    }

    @Test
    void theDailyCyclePeakDoesNotPage() {
        // Forty times more posts at 15:00 than at 03:00, every day for four weeks.
        var series =
                SyntheticSeries.seeded(4).normal(28, SyntheticSeries.dailyCycle(0.5, 20), 0.15);

        var evaluations = run(BALANCED, series);

        var pages = indexes(evaluations, Transition.PAGE);
        assertThat(pages)
                .as("%s", pages.stream().map(i -> evaluations.get(i).signals()).toList())
                .isEmpty();
        assertThat(evaluations.get(evaluations.size() - 1).warm()).isTrue();
    }

    @Test
    void aSustainedIncidentOpensOneEpisodeAndResolvesOnce() {
        var series = SyntheticSeries.seeded(5).normal(14, 10, 0.15);
        int start = series.size();
        // Six hours of crisis that ebbs and flows, with single calm buckets inside.
        for (int i = 0; i < 72; i++) {
            if (i % 9 == 8) {
                series.add(10, 2);
            } else {
                series.add(35 + (i % 5) * 6, 20 + (i % 3) * 5);
            }
        }
        int end = series.size();
        series.normal(2, 10, 0.15);

        var evaluations = run(BALANCED, series);

        assertThat(indexes(evaluations, Transition.PAGE)).hasSize(1);
        assertThat(indexes(evaluations, Transition.REOPEN)).isEmpty();
        var resolves = indexes(evaluations, Transition.RESOLVE);
        assertThat(resolves).hasSize(1);
        assertThat(resolves.get(0)).isBetween(end, end + BALANCED.offBuckets() + 6);
        assertThat(evaluations.get(resolves.get(0)).episodeStart())
                .isEqualTo(series.buckets().get(start).start());
    }

    @Test
    void aCrisisDoesNotInflateTheBaselineSoTheNextOneStillPages() {
        var series = SyntheticSeries.seeded(6).normal(14, 8, 0.15);
        for (int i = 0; i < 288; i++) { // a whole day of crisis
            series.add(40, 25);
        }
        series.normal(3, 8, 0.15);
        int second = series.size();
        for (int i = 0; i < 6; i++) {
            series.add(40, 25);
        }
        series.normal(1, 8, 0.15);

        var pages = indexes(run(BALANCED, series), Transition.PAGE);

        assertThat(pages).hasSize(2);
        assertThat(pages.get(1)).isBetween(second, second + 1);
    }

    @Test
    void aRepeatWithinTheCooldownReopensInsteadOfPaging() {
        var series = SyntheticSeries.seeded(7).normal(14, 8, 0.15);
        for (int i = 0; i < 6; i++) {
            series.add(40, 25);
        }
        series.normal(0.25, 8, 0.15); // six quiet hours: resolved, still inside the cooldown
        for (int i = 0; i < 6; i++) {
            series.add(40, 25);
        }
        series.normal(0.5, 8, 0.15);

        var evaluations = run(BALANCED, series);

        assertThat(indexes(evaluations, Transition.PAGE)).hasSize(1);
        assertThat(indexes(evaluations, Transition.REOPEN)).hasSize(1);
        assertThat(indexes(evaluations, Transition.RESOLVE)).hasSize(2);
    }

    @Test
    void aRisingNegativeShareAtSteadyVolumePagesOnTheShare() {
        var series = SyntheticSeries.seeded(8).normal(14, 30, 0.1);
        int start = series.size();
        for (int i = 0; i < 12; i++) {
            series.add(30, 21);
        }
        series.normal(1, 30, 0.1);

        var evaluations = run(BALANCED, series);

        var pages = indexes(evaluations, Transition.PAGE);
        assertThat(pages).hasSize(1);
        assertThat(pages.get(0)).isBetween(start, start + 1);
        assertThat(evaluations.get(pages.get(0)).signals())
                .filteredOn(Signal::firing)
                .extracting(Signal::trigger)
                .contains(Trigger.NEGATIVE_SHARE)
                .doesNotContain(Trigger.TOTAL_VOLUME);
    }

    @Test
    void highSensitivityCatchesAModerateSpikeThatLowIgnores() {
        var series = SyntheticSeries.seeded(9).normal(14, 10, 0.15);
        int start = series.size();
        for (int i = 0; i < 3; i++) {
            series.add(20, 8);
        }
        series.normal(1, 10, 0.15);

        var high = run(DetectorSettings.of(Sensitivity.HIGH, SyntheticSeries.FIVE_MINUTES), series);
        var low = run(DetectorSettings.of(Sensitivity.LOW, SyntheticSeries.FIVE_MINUTES), series);

        assertThat(indexes(high, Transition.PAGE)).contains(start + 2);
        assertThat(high.get(start + 2).signals())
                .filteredOn(Signal::firing)
                .extracting(Signal::trigger)
                .contains(Trigger.NEGATIVE_VOLUME);
        assertThat(indexes(low, Transition.PAGE)).isEmpty();
    }

    @Test
    void beforeTheWarmUpOnlyAClearBurstOfNegativesPages() {
        // Half a day of history: the baseline is not warm, the population prior of the share is.
        var volume = SyntheticSeries.seeded(10).normal(0.5, 5, 0.1);
        volume.add(200, 20);
        var negative = SyntheticSeries.seeded(10).normal(0.5, 5, 0.1);
        int burst = negative.size();
        negative.add(30, 25).add(30, 25);

        var volumeOnly = run(BALANCED, volume);
        var negatives = run(BALANCED, negative);

        assertThat(indexes(volumeOnly, Transition.PAGE)).isEmpty();
        assertThat(volumeOnly.get(volumeOnly.size() - 1).warm()).isFalse();
        assertThat(indexes(negatives, Transition.PAGE)).containsExactly(burst);
        assertThat(negatives.get(burst).warm()).isFalse();
        assertThat(negatives.get(burst).strongest().orElseThrow().trigger())
                .isEqualTo(Trigger.NEGATIVE_VOLUME);
    }

    @Test
    void aRestoredDetectorKeepsItsOpenEpisodeAndDoesNotPageAgain() {
        var series = SyntheticSeries.seeded(11).normal(14, 8, 0.15);
        for (int i = 0; i < 24; i++) {
            series.add(40, 25);
        }
        series.normal(1, 8, 0.15);
        var buckets = series.buckets();
        int cut = buckets.size() - 288 - 12; // in the middle of the episode

        var uninterrupted = new SpikeDetector(BALANCED, ZoneOffset.UTC);
        var first = new SpikeDetector(BALANCED, ZoneOffset.UTC);
        var expected = new ArrayList<Evaluation>();
        for (var b : buckets) {
            expected.add(uninterrupted.observe(b));
        }
        for (var b : buckets.subList(0, cut)) {
            first.observe(b);
        }
        assertThat(first.isFiring()).isTrue();

        var restored = SpikeDetector.restore(BALANCED, ZoneOffset.UTC, first.snapshot());
        var after = new ArrayList<Evaluation>();
        for (var b : buckets.subList(cut, buckets.size())) {
            after.add(restored.observe(b));
        }

        assertThat(restored.isFiring()).isFalse();
        assertThat(after).extracting(Evaluation::transition).doesNotContain(Transition.PAGE);
        assertThat(after).extracting(Evaluation::transition).containsOnlyOnce(Transition.RESOLVE);
        assertThat(after)
                .extracting(Evaluation::score)
                .containsExactlyElementsOf(
                        expected.subList(cut, buckets.size()).stream()
                                .map(Evaluation::score)
                                .toList());
    }

    @Test
    void aBucketOlderThanTheLastOneChangesNothing() {
        var detector = new SpikeDetector(BALANCED, ZoneOffset.UTC);
        var buckets = SyntheticSeries.seeded(12).normal(1, 5, 0.1).buckets();
        buckets.forEach(detector::observe);
        var before = detector.snapshot();

        var late = detector.observe(new Bucket(buckets.get(10).start(), 500, 400));

        assertThat(late.transition()).isEqualTo(Transition.NONE);
        assertThat(detector.snapshot().totalBaseline()).isEqualTo(before.totalBaseline());
    }
}
