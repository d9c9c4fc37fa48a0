package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScoredMentionTest {

    private static final UUID MENTION = UUID.fromString("5d0c1c8e-8f4b-3a52-9c11-0a7b6e2f4d93");

    @Test
    void eventIdIsANameBasedUuidOfMentionAndModel() {
        var expected =
                UUID.nameUUIDFromBytes(
                        (MENTION + "|corenlp-4.5.10-stock").getBytes(StandardCharsets.UTF_8));

        assertThat(ScoredMention.scoredEventId(MENTION, "corenlp-4.5.10-stock"))
                .isEqualTo(expected)
                .isEqualTo(ScoredMention.scoredEventId(MENTION, "corenlp-4.5.10-stock"));
    }

    @Test
    void anotherModelGivesAnotherEventId() {
        assertThat(ScoredMention.scoredEventId(MENTION, "corenlp-4.5.10-stock"))
                .isNotEqualTo(ScoredMention.scoredEventId(MENTION, "corenlp-4.5.10-tuned"));
    }

    @Test
    void assigningASentimentRecordsItWithItsEventId() {
        var mention = new ScoredMention();
        mention.mentionId = MENTION;
        var at = Instant.parse("2026-11-24T14:05:13.020Z");

        mention.assign(
                new Sentiment(SentimentLabel.POSITIVE, 0.75, false, "corenlp-4.5.10-stock"), at);

        assertThat(mention.label).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(mention.score).isEqualTo(0.75);
        assertThat(mention.modelVersion).isEqualTo("corenlp-4.5.10-stock");
        assertThat(mention.scoredAt).isEqualTo(at);
        assertThat(mention.scoredEventId)
                .isEqualTo(ScoredMention.scoredEventId(MENTION, "corenlp-4.5.10-stock"));
    }

    @Test
    void rescoringReplacesTheVerdictAndItsAspectsAndChangesTheEventId() {
        var mention = new ScoredMention();
        mention.mentionId = MENTION;
        var at = Instant.parse("2026-11-24T14:05:13.020Z");
        mention.assign(
                new ScoredText(
                        new Sentiment(SentimentLabel.NEGATIVE, -0.5, false, "model-a"),
                        java.util.List.of(
                                new AspectSentiment("parking", SentimentLabel.NEGATIVE, -0.6))),
                at);
        var firstEvent = mention.scoredEventId;

        mention.assign(
                new ScoredText(
                        new Sentiment(SentimentLabel.NEUTRAL, 0.1, true, "model-b"),
                        java.util.List.of(
                                new AspectSentiment("food", SentimentLabel.NEUTRAL, 0.0),
                                new AspectSentiment("billing-cost", SentimentLabel.NEUTRAL, 0.1))),
                at.plusSeconds(60));

        assertThat(mention.uncertain).isTrue();
        assertThat(mention.modelVersion).isEqualTo("model-b");
        assertThat(mention.aspects)
                .extracting(a -> a.aspect)
                .containsExactly("billing-cost", "food");
        assertThat(mention.scoredEventId)
                .isNotEqualTo(firstEvent)
                .isEqualTo(ScoredMention.scoredEventId(MENTION, "model-b"));
    }
}
