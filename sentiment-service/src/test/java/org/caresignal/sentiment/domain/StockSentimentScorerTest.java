package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StockSentimentScorerTest {

    private static StockSentimentScorer scorer;

    @BeforeAll
    static void loadModels() {
        scorer = new StockSentimentScorer(60);
    }

    @AfterAll
    static void releaseModels() {
        // The Quarkus tests of the same JVM load their own copy; let this one be collected.
        scorer = null;
    }

    @Test
    void clearlyNegativePostIsNegative() {
        var sentiment =
                scorer.score(
                        "This hospital is terrible. The staff were rude and the care was awful.");

        assertThat(sentiment.label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(sentiment.score()).isLessThan(-0.25);
        assertThat(sentiment.modelVersion()).isEqualTo("corenlp-4.5.10-stock");
    }

    @Test
    void clearlyPositivePostIsPositive() {
        var sentiment =
                scorer.score(
                        "The nurses were wonderful and kind. I had a great experience, thank you!");

        assertThat(sentiment.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(sentiment.score()).isGreaterThan(0.25);
    }

    @Test
    void scoreStaysWithinBoundsForTextWithoutLettersOrWithOverlongSentences() {
        var overlong = "the waiting room was crowded and ".repeat(20) + "we left";

        for (var text : List.of("!!! ???", "\uD83D\uDE21\uD83D\uDE21", overlong)) {
            var sentiment = scorer.score(text);
            assertThat(sentiment.score()).isBetween(-1.0, 1.0);
            assertThat(sentiment.label()).isNotNull();
        }
    }

    @Test
    void oneScorerServesConcurrentCallers() throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Sentiment>> results =
                    pool.invokeAll(
                            List.of(
                                    () -> scorer.score("The doctors were excellent and caring."),
                                    () -> scorer.score("The food was disgusting and cold.")));
            assertThat(results.get(0).get().label()).isEqualTo(SentimentLabel.POSITIVE);
            assertThat(results.get(1).get().label()).isEqualTo(SentimentLabel.NEGATIVE);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void meanBelowOneAndAHalfIsNegative() {
        var sentiment = StockSentimentScorer.fromSentenceClasses(List.of(1, 2, 1));

        assertThat(sentiment.label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(sentiment.score()).isCloseTo(-1.0 / 3, within(1e-9));
    }

    @Test
    void meanOfExactlyOneAndAHalfIsNeutral() {
        var sentiment = StockSentimentScorer.fromSentenceClasses(List.of(1, 2));

        assertThat(sentiment.label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(sentiment.score()).isEqualTo(-0.25);
    }

    @Test
    void meanOfExactlyTwoAndAHalfIsNeutral() {
        var sentiment = StockSentimentScorer.fromSentenceClasses(List.of(2, 3));

        assertThat(sentiment.label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(sentiment.score()).isEqualTo(0.25);
    }

    @Test
    void meanAboveTwoAndAHalfIsPositive() {
        var sentiment = StockSentimentScorer.fromSentenceClasses(List.of(3, 3, 2));

        assertThat(sentiment.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(sentiment.score()).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void extremesMapToMinusOneAndOne() {
        assertThat(StockSentimentScorer.fromSentenceClasses(List.of(0, 0)).score()).isEqualTo(-1.0);
        assertThat(StockSentimentScorer.fromSentenceClasses(List.of(4)).score()).isEqualTo(1.0);
    }

    @Test
    void noSentencesIsNeutral() {
        var sentiment = StockSentimentScorer.fromSentenceClasses(List.of());

        assertThat(sentiment.label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(sentiment.score()).isZero();
    }
}
