package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SentimentScorerTest {

    private static SentimentScorer scorer;

    @BeforeAll
    static void loadModels() {
        scorer = SentimentScorer.load(new SentimentScorer.Limits(1000, 50, 100));
    }

    @AfterAll
    static void releaseModels() {
        scorer = null;
    }

    private static Sentiment sentiment(String text) {
        return scorer.score(text).sentiment();
    }

    @Test
    void onlyEnglishOrUndetectedPostsAreReadByTheModel() {
        var complaint = "This hospital is terrible. The staff were rude and the care was awful.";

        assertThat(scorer.score(complaint, "en").sentiment().label())
                .isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(scorer.score(complaint, "und").sentiment().label())
                .isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(scorer.score(complaint, null).sentiment().label())
                .isEqualTo(SentimentLabel.NEGATIVE);
        var spanish = scorer.score("Un hospital terrible, el personal fue grosero.", "es");
        assertThat(spanish.sentiment().label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(spanish.sentiment().uncertain()).isTrue();
        assertThat(spanish.sentiment().modelVersion()).isEqualTo(scorer.modelVersion());
        assertThat(spanish.aspects()).isEmpty();
    }

    @Test
    void aPostWithAReferenceToNoCharacterIsScored() {
        var scored = scorer.score("The nurses were wonderful &#beef; &#x110000; thank you!", "en");

        assertThat(scored.sentiment().label()).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void clearPostsGetTheirLabelAndTheModelVersion() {
        var negative =
                sentiment("This hospital is terrible. The staff were rude and the care was awful.");
        var positive =
                sentiment(
                        "The nurses were wonderful and kind. I had a great experience, thank you!");

        assertThat(negative.label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(negative.score()).isLessThan(-0.3);
        assertThat(positive.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(positive.score()).isGreaterThan(0.3);
        assertThat(positive.modelVersion())
                .isEqualTo(scorer.modelVersion())
                .startsWith("corenlp-4.5.10-sr");
    }

    @Test
    void socialMediaPostsAreReadThroughTheirEmojiAndHashtags() {
        assertThat(
                        sentiment(
                                        "@user 4 hours in the waiting room \uD83D\uDE21\uD83D\uDE21 #WorstERever")
                                .label())
                .isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(sentiment("@user thank u sooo much to the night nurses!!! \u2764\uFE0F").label())
                .isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void negationFlipsTheWordsItScopes() {
        // The learned model (corenlp-4.5.10-sr-linear-2) still reads litotes such as "not at all
        // bad" as negative (docs/sentiment-model.md, known weaknesses); what it must do is move
        // a negated word's verdict towards the other side.
        assertThat(sentiment("The food was not bad.").label())
                .isNotEqualTo(SentimentLabel.NEGATIVE);
        assertThat(sentiment("The food was not bad.").score())
                .isGreaterThan(sentiment("The food was bad.").score() + 0.3);
        assertThat(sentiment("The doctor was not helpful at all.").label())
                .isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void clinicalWordsAreNotReadAsOpinions() {
        assertThat(sentiment("My test came back negative!").label())
                .isEqualTo(SentimentLabel.POSITIVE);
        assertThat(sentiment("My mother tested positive for flu yesterday.").label())
                .isNotEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void eachAspectGetsTheSentimentOfItsOwnSentences() {
        var scored =
                scorer.score(
                        "The nurses were wonderful and caring. The parking was a horrible nightmare.");

        assertThat(scored.aspects())
                .extracting(AspectSentiment::aspect)
                .containsExactly("nursing-care", "parking");
        assertThat(scored.aspects().get(0).label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(scored.aspects().get(1).label()).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void pathologicalInputStaysBoundedAndScored() {
        var overlong = "the waiting room was crowded and ".repeat(200) + "we left";
        var spam = "lol ".repeat(500);

        for (var text : List.of("!!! ???", "\uD83D\uDE21\uD83D\uDE21", overlong, spam, " ")) {
            var sentiment = sentiment(text);
            assertThat(sentiment.score()).isBetween(-1.0, 1.0);
            assertThat(sentiment.label()).isNotNull();
        }
        var capped = scorer.cap(overlong);
        assertThat(capped).hasSizeBetween(500, 1000);
        assertThat(overlong).startsWith(capped);
        assertThat(overlong.charAt(capped.length())).as("cut at a word boundary").isEqualTo(' ');
    }

    @Test
    void repeatedTextsAreServedFromTheCacheAndConcurrentCallersAreSafe() throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ScoredText>> results =
                    pool.invokeAll(
                            List.of(
                                    () -> scorer.score("The doctors were excellent and caring."),
                                    () -> scorer.score("The food was disgusting and cold."),
                                    () -> scorer.score("The doctors were excellent and caring.")));
            assertThat(results.get(0).get().sentiment().label()).isEqualTo(SentimentLabel.POSITIVE);
            assertThat(results.get(1).get().sentiment().label()).isEqualTo(SentimentLabel.NEGATIVE);
            assertThat(results.get(2).get()).isEqualTo(results.get(0).get());
            long hits = scorer.cacheHits();
            assertThat(scorer.score("The doctors were excellent and caring."))
                    .isSameAs(results.get(2).get());
            assertThat(scorer.cacheHits()).isEqualTo(hits + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theUncertainBandIsTheModelsThresholdOnTheCalibratedTopProbability() {
        var clear = SentimentScorer.fromProbabilities(new double[] {0.1, 0.1, 0.8}, "v", 0.55);
        var close = SentimentScorer.fromProbabilities(new double[] {0.05, 0.46, 0.49}, "v", 0.55);
        var flat = SentimentScorer.fromProbabilities(new double[] {0.3, 0.32, 0.38}, "v", 0.55);

        assertThat(clear.uncertain()).isFalse();
        assertThat(clear.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(clear.score()).isEqualTo(0.7, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(close.uncertain()).isTrue();
        assertThat(flat.uncertain()).isTrue();
        assertThat(flat.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(
                        SentimentScorer.fromProbabilities(
                                        new double[] {0.05, 0.46, 0.49}, "v", 0.45)
                                .uncertain())
                .isFalse();
        // The scorer uses the band stored with its model.
        double band = SentimentScorer.model().uncertainBelow();
        double below = band - 0.01;
        var justBelow = new double[] {(1 - below) / 2, (1 - below) / 2, below};
        var atBand = new double[] {(1 - band) / 2, (1 - band) / 2, band};
        assertThat(scorer.fromProbabilities(justBelow, "v").uncertain()).isTrue();
        assertThat(scorer.fromProbabilities(atBand, "v").uncertain()).isFalse();
    }

    @Test
    void aBrandPhraseRuleMovesANeutralPost() {
        var neutral = "The clinic moved to the building on Main Street last year.";
        assertThat(sentiment(neutral).label()).isEqualTo(SentimentLabel.NEUTRAL);

        assertThat(
                        sentiment(
                                        "The clinic moved to the building on Main Street last year. cspositivephrase")
                                .label())
                .isEqualTo(SentimentLabel.POSITIVE);
        assertThat(
                        sentiment(
                                        "The clinic moved to the building on Main Street last year. csnegativephrase")
                                .label())
                .isEqualTo(SentimentLabel.NEGATIVE);
    }
}
