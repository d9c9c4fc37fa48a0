package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.caresignal.sentiment.domain.ReviewAggregator.Unit;
import org.caresignal.sentiment.domain.ReviewTopics.Topic;
import org.junit.jupiter.api.Test;

class ReviewAggregatorTest {

    private static final double[] CLEARLY_NEGATIVE = {0.85, 0.10, 0.05};
    private static final double[] CLEARLY_POSITIVE = {0.05, 0.15, 0.80};
    private static final double[] FLAT = {0.2, 0.6, 0.2};

    private final ReviewAggregator aggregator = new ReviewAggregator();

    private static int label(double[] p) {
        int best = 0;
        for (int c = 1; c < 3; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    @Test
    void theIllnessDoesNotOutweighWhatIsSaidAboutTheProvider() {
        // "the pain was unbearable, the nurses were angels": a long symptom, a short compliment.
        var units =
                List.of(
                        new Unit(Topic.ILLNESS, 12, CLEARLY_NEGATIVE),
                        new Unit(Topic.ILLNESS, 9, CLEARLY_NEGATIVE),
                        new Unit(Topic.PROVIDER, 5, CLEARLY_POSITIVE));

        var verdict = aggregator.aggregate(units);

        assertThat(aggregator.applies(units)).isTrue();
        assertThat(verdict.mixed()).isFalse();
        assertThat(label(verdict.probabilities())).isEqualTo(2);
    }

    @Test
    void theSameWordsAboutTheProviderStillCount() {
        var units =
                List.of(
                        new Unit(Topic.ILLNESS, 8, CLEARLY_POSITIVE),
                        new Unit(Topic.PROVIDER, 12, CLEARLY_NEGATIVE));

        assertThat(label(aggregator.aggregate(units).probabilities())).isZero();
    }

    @Test
    void reliefKeepsItsWeightAsAnOutcomeOfCare() {
        // "my headaches are gone" (illness, positive) beside a flat remark about the provider.
        var units =
                List.of(
                        new Unit(Topic.PROVIDER, 10, FLAT),
                        new Unit(Topic.ILLNESS, 10, CLEARLY_POSITIVE),
                        new Unit(Topic.ILLNESS, 10, CLEARLY_NEGATIVE));

        assertThat(label(aggregator.aggregate(units).probabilities())).isEqualTo(2);
    }

    @Test
    void equalPraiseAndComplaintAboutTheProviderIsMixed() {
        var units =
                List.of(
                        new Unit(Topic.PROVIDER, 8, CLEARLY_POSITIVE),
                        new Unit(Topic.PROVIDER, 9, CLEARLY_NEGATIVE));

        var verdict = aggregator.aggregate(units);

        assertThat(aggregator.applies(units)).isTrue();
        assertThat(verdict.mixed()).isTrue();
    }

    @Test
    void complaintsThatClearlyOutweighPraiseAreNoMix() {
        var units =
                List.of(
                        new Unit(Topic.PROVIDER, 6, CLEARLY_POSITIVE),
                        new Unit(Topic.PROVIDER, 14, CLEARLY_NEGATIVE),
                        new Unit(Topic.PROVIDER, 12, CLEARLY_NEGATIVE));

        var verdict = aggregator.aggregate(units);

        assertThat(verdict.mixed()).isFalse();
        assertThat(label(verdict.probabilities())).isZero();
    }

    @Test
    void postsWithNothingToWeighAreLeftToTheWholeTextVerdict() {
        assertThat(aggregator.applies(List.of(new Unit(Topic.PROVIDER, 8, CLEARLY_POSITIVE))))
                .as("one unit")
                .isFalse();
        assertThat(
                        aggregator.applies(
                                List.of(
                                        new Unit(Topic.OTHER, 8, CLEARLY_POSITIVE),
                                        new Unit(Topic.ILLNESS, 8, CLEARLY_NEGATIVE))))
                .as("nothing about the provider")
                .isFalse();
        assertThat(
                        aggregator.applies(
                                List.of(
                                        new Unit(Topic.PROVIDER, 8, CLEARLY_POSITIVE),
                                        new Unit(Topic.PROVIDER, 8, CLEARLY_POSITIVE))))
                .as("provider units that agree")
                .isFalse();
    }

    @Test
    void theResultIsAProbabilityDistribution() {
        var verdict =
                aggregator.aggregate(
                        List.of(
                                new Unit(Topic.ILLNESS, 3, CLEARLY_NEGATIVE),
                                new Unit(Topic.OTHER, 300, FLAT),
                                new Unit(Topic.PROVIDER, 1, CLEARLY_POSITIVE)));

        double[] p = verdict.probabilities();
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        for (double x : p) {
            assertThat(x).isBetween(0.0, 1.0);
        }
    }
}
