package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.caresignal.sentiment.domain.SentenceAnalyzer.AnalyzedSentence;
import org.junit.jupiter.api.Test;

class SentimentFeaturesTest {

    private static final double[] NEUTRAL = {0, 0, 1, 0, 0};

    private final SentimentFeatures features =
            new SentimentFeatures(
                    Map.of("great", 3, "rude", -2, "cspositivephrase", 3, "csnegativephrase", -3),
                    1 << 16);

    private static List<AnalyzedSentence> sentence(String text) {
        return List.of(new AnalyzedSentence(List.of(text.split(" ")), NEUTRAL));
    }

    private double dense(SentimentFeatures.Vector v, String name) {
        int index = SentimentFeatures.DENSE_NAMES.indexOf(name);
        int k = Arrays.binarySearch(v.indices(), index);
        return k < 0 ? 0 : v.values()[k];
    }

    @Test
    void lexiconWordsCountWithTheirPolarityAndNegationFlipsThem() {
        var plain = features.of(sentence("the staff were great"), 0);
        var negated = features.of(sentence("the staff were not great"), 0);

        assertThat(dense(plain, "lex:positive")).isCloseTo(Math.log1p(3), within(1e-6));
        assertThat(dense(plain, "lex:negative")).isZero();
        assertThat(dense(negated, "lex:positive")).isZero();
        assertThat(dense(negated, "lex:negative")).isCloseTo(Math.log1p(1.5), within(1e-6));
    }

    @Test
    void theBrandPhraseWordsAreStrongLexiconWords() {
        var lexicon = SentimentScorer.lexicon();
        assertThat(lexicon)
                .containsEntry("cspositivephrase", 3)
                .containsEntry("csnegativephrase", -3);

        var positive = features.of(sentence("we saw cspositivephrase today"), 0);
        var negative = features.of(sentence("we saw csnegativephrase today"), 0);

        assertThat(dense(positive, "lex:positive")).isCloseTo(Math.log1p(3), within(1e-6));
        assertThat(dense(negative, "lex:negative")).isCloseTo(Math.log1p(3), within(1e-6));
        assertThat(dense(positive, "lex:none")).isZero();
    }

    @Test
    void coreNlpProbabilitiesArePassedOnAsTheTokenWeightedMean() {
        var sentences =
                List.of(
                        new AnalyzedSentence(List.of("bad", "."), new double[] {1, 0, 0, 0, 0}),
                        new AnalyzedSentence(
                                List.of("good", "good", "good", "."),
                                new double[] {0, 0, 0, 0, 1}));
        var v = features.of(sentences, 5);

        assertThat(dense(v, "cn:p0")).isCloseTo(2 / 6.0, within(1e-6));
        assertThat(dense(v, "cn:p4")).isCloseTo(4 / 6.0, within(1e-6));
        assertThat(dense(v, "cn:negmax")).isCloseTo(1, within(1e-6));
        assertThat(dense(v, "emphasis")).as("capped at 3").isCloseTo(1, within(1e-6));
    }

    @Test
    void hashedNgramsAreSortedInRangeAndOfUnitLength() {
        var v = features.of(sentence("the nurses were so kind !"), 1);

        assertThat(v.indices()).isSorted().doesNotHaveDuplicates();
        assertThat(v.indices()[v.size() - 1]).isLessThan(features.dimension());
        double squares = 0;
        for (int k = 0; k < v.size(); k++) {
            if (v.indices()[k] >= SentimentFeatures.DENSE) {
                squares += v.values()[k] * v.values()[k];
            }
        }
        assertThat(squares).isCloseTo(1, within(1e-5));
        assertThat(dense(v, "exclamation")).isEqualTo(1);
        assertThat(features.of(sentence("the nurses were so kind !"), 1))
                .usingRecursiveComparison()
                .isEqualTo(v);
    }

    @Test
    void aWordInsideANegationsScopeIsADifferentFeature() {
        var plain = features.of(sentence("helpful"), 0);
        var negated = features.of(sentence("never helpful"), 0);
        var negator = features.of(sentence("never"), 0);

        // Every hashed feature of "never helpful" that is neither a feature of "never" alone nor
        // a bigram/char-gram: the unigram "helpful" must not be among the plain ones.
        var plainHashed =
                Arrays.stream(plain.indices())
                        .filter(i -> i >= SentimentFeatures.DENSE)
                        .boxed()
                        .toList();
        var negatedHashed =
                Arrays.stream(negated.indices())
                        .filter(i -> i >= SentimentFeatures.DENSE)
                        .boxed()
                        .toList();
        int helpfulUnigram =
                SentimentFeatures.DENSE
                        + Math.floorMod(
                                SentimentFeatures.mix(0x1b873593, "helpful".hashCode()),
                                features.buckets());
        assertThat(plainHashed).contains(helpfulUnigram);
        assertThat(negatedHashed).doesNotContain(helpfulUnigram);
        assertThat(negator.size()).isPositive();
    }

    @Test
    void noSentencesGiveANeutralCoreNlpVerdict() {
        var v = features.of(List.of(), 0);

        assertThat(dense(v, "cn:p2")).isEqualTo(1);
        assertThat(dense(v, "lex:none")).isEqualTo(1);
        assertThat(Arrays.stream(v.indices()).allMatch(i -> i < SentimentFeatures.DENSE)).isTrue();
    }
}
