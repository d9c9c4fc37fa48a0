package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AspectTaggerTest {

    private static final String LEXICON =
            """
            # comment
            emergency-wait\ter|wait*|emergency room
            billing-cost\tbill*|out of pocket
            parking\tparking
            """;

    private final AspectTagger tagger =
            AspectTagger.read(new ByteArrayInputStream(LEXICON.getBytes(StandardCharsets.UTF_8)));

    @Test
    void matchesWholeTokensPrefixesAndPhrases() {
        assertThat(tagger.tag(List.of("the", "er", "was", "packed")))
                .containsExactly("emergency-wait");
        assertThat(tagger.tag(List.of("we", "waited", "forever")))
                .containsExactly("emergency-wait");
        assertThat(tagger.tag(List.of("paid", "out", "of", "pocket")))
                .containsExactly("billing-cost");
    }

    @Test
    void reportsEveryAspectOfASentenceInLexiconOrder() {
        assertThat(tagger.tag(List.of("parking", "cost", "more", "than", "the", "billing")))
                .containsExactly("billing-cost", "parking");
    }

    @Test
    void doesNotMatchInsideOtherWordsOrPartialPhrases() {
        assertThat(tagger.tag(List.of("her", "emergency", "contact", "out", "of", "town")))
                .isEmpty();
    }

    @Test
    void theShippedLexiconCoversTheWholeTaxonomy() {
        var shipped = AspectTagger.read(SentimentScorer.resource(SentimentScorer.ASPECTS));

        assertThat(shipped.aspects())
                .containsExactly(
                        "emergency-wait",
                        "billing-cost",
                        "communication",
                        "nursing-care",
                        "physicians",
                        "scheduling-access",
                        "discharge-follow-up",
                        "parking",
                        "food",
                        "cleanliness",
                        "safety",
                        "privacy",
                        "patient-portal");
    }
}
