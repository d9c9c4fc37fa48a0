package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.caresignal.alert.support.SyntheticSeries;
import org.junit.jupiter.api.Test;

/**
 * The negative share is measured over the mentions taking part in the negative triggers ({@link
 * Bucket#assessed()}), against a baseline of the same, while the volume keeps every mention: what
 * the uncertain policy {@code EXCLUDE} and unread languages need.
 */
class AssessedShareTest {

    private static final DetectorSettings BALANCED =
            DetectorSettings.of(Sensitivity.BALANCED, SyntheticSeries.FIVE_MINUTES);

    /**
     * {@code buckets} of about {@code mean} mentions, {@code leftOut} of them left out of the
     * negative triggers, and {@code share} of the rest negative.
     */
    private static void traffic(
            List<Bucket> out,
            Random random,
            int buckets,
            double mean,
            double leftOut,
            double share) {
        for (int i = 0; i < buckets; i++) {
            var start =
                    out.isEmpty()
                            ? SyntheticSeries.START
                            : out.get(out.size() - 1).start().plus(SyntheticSeries.FIVE_MINUTES);
            long total = Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
            long assessed = draw(random, total, 1 - leftOut);
            out.add(new Bucket(start, total, draw(random, assessed, share), assessed));
        }
    }

    private static long draw(Random random, long n, double p) {
        long k = 0;
        for (long i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }

    private static List<Evaluation> run(List<Bucket> buckets) {
        var detector = new SpikeDetector(BALANCED, ZoneOffset.UTC);
        var out = new ArrayList<Evaluation>();
        buckets.forEach(b -> out.add(detector.observe(b)));
        return out;
    }

    @Test
    void aSteadyShareOfTheAssessedMentionsDoesNotPageWhenManyAreLeftOut() {
        // 40 % of every bucket left out (uncertain under EXCLUDE); 15 % of the rest negative.
        // Against
        // the total, that would read as a 9 % share; against the assessed mentions it is 15 %.
        var buckets = new ArrayList<Bucket>();
        traffic(buckets, new Random(7), 5 * 288, 60, 0.4, 0.15);

        var evaluations = run(buckets);

        assertThat(evaluations)
                .extracting(Evaluation::transition)
                .doesNotContain(Transition.PAGE, Transition.REOPEN);
        var last = evaluations.get(evaluations.size() - 1);
        var share =
                last.signals().stream()
                        .filter(s -> s.trigger() == Trigger.NEGATIVE_SHARE)
                        .findFirst()
                        .orElseThrow();
        assertThat(share.expected()).as("the baseline share of the assessed").isBetween(0.12, 0.18);
    }

    @Test
    void aShareRiseAmongTheAssessedMentionsPagesOnTheShareNotOnTheVolume() {
        var buckets = new ArrayList<Bucket>();
        var random = new Random(11);
        traffic(buckets, random, 3 * 288, 120, 0.4, 0.15);
        int spike = buckets.size();
        traffic(buckets, random, 6, 120, 0.4, 0.8);

        var evaluations = run(buckets);
        var page =
                evaluations.subList(spike, evaluations.size()).stream()
                        .filter(e -> e.transition() == Transition.PAGE)
                        .findFirst()
                        .orElseThrow();

        var firing = page.signals().stream().filter(Signal::firing).map(Signal::trigger).toList();
        assertThat(firing).contains(Trigger.NEGATIVE_SHARE).doesNotContain(Trigger.TOTAL_VOLUME);
        var share =
                page.signals().stream()
                        .filter(s -> s.trigger() == Trigger.NEGATIVE_SHARE)
                        .findFirst()
                        .orElseThrow();
        // 80 % of the assessed mentions; measured against every mention it would be about 48 %.
        assertThat(share.observed()).isGreaterThan(0.65);
        assertThat(share.negative()).isLessThanOrEqualTo(share.total());
    }

    @Test
    void aSnapshotWrittenBeforeTheAssessedCountRestoresAsIfEveryMentionTookPart() throws Exception {
        var buckets = new ArrayList<Bucket>();
        var random = new Random(3);
        traffic(buckets, random, 2 * 288, 20, 0, 0.15);
        traffic(buckets, random, 4, 20, 0, 0.7);
        traffic(buckets, random, 60, 20, 0, 0.15);
        int cut = 2 * 288 + 2;
        var first = new SpikeDetector(BALANCED, ZoneOffset.UTC);
        buckets.subList(0, cut).forEach(first::observe);
        var s = first.snapshot();
        var old =
                new DetectorSnapshot(
                        s.lastBucket(),
                        s.totalBaseline(),
                        s.negativeBaseline(),
                        s.dispersion(),
                        s.dispersionCount(),
                        s.ringTotal(),
                        s.ringNegative(),
                        s.ringExpectedTotal(),
                        s.ringExpectedNegative(),
                        s.ringPos(),
                        s.ringFilled(),
                        s.firing(),
                        s.onStreak(),
                        s.misses(),
                        s.frozenFor(),
                        s.episodeStart(),
                        s.streakStart(),
                        s.lastResolved(),
                        s.severity(),
                        s.episodeTriggers(),
                        null,
                        null,
                        null,
                        s.warmupTimes(),
                        s.warmupTotal(),
                        s.warmupNegative(),
                        s.warmupAssessed(),
                        s.shareCusum(),
                        s.dispersionWindows(),
                        s.learning());

        // As stored in detector_state before: the JSON has no assessed fields at all.
        var json = new ObjectMapper().registerModule(new JavaTimeModule());
        var tree = (ObjectNode) json.valueToTree(s);
        tree.remove(List.of("assessedBaseline", "ringAssessed", "ringExpectedAssessed"));
        var stored = json.treeToValue(tree, DetectorSnapshot.class);
        assertThat(stored.assessedBaseline()).isNull();
        assertThat(stored.ringAssessed()).isNull();

        var fromNew = SpikeDetector.restore(BALANCED, ZoneOffset.UTC, s);
        var fromOld = SpikeDetector.restore(BALANCED, ZoneOffset.UTC, old);
        var fromStored = SpikeDetector.restore(BALANCED, ZoneOffset.UTC, stored);
        for (var b : buckets.subList(cut, buckets.size())) {
            var a = fromNew.observe(b);
            var o = fromOld.observe(b);
            var j = fromStored.observe(b);
            assertThat(o.transition()).isEqualTo(a.transition());
            assertThat(o.score()).isEqualTo(a.score());
            assertThat(j.score()).isEqualTo(a.score());
        }
        assertThat(fromOld.isFiring()).isEqualTo(fromNew.isFiring());
    }

    @Test
    void aBucketNeedsNegativeWithinAssessedWithinTotal() {
        var at = Instant.parse("2026-01-05T00:00:00Z");
        assertThat(new Bucket(at, 10, 4).assessed()).isEqualTo(10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Bucket(at, 10, 5, 4))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Bucket(at, 10, 4, 11))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
