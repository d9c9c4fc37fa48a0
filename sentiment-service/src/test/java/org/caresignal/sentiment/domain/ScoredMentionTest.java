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

        mention.assign(new Sentiment(SentimentLabel.POSITIVE, 0.75, "corenlp-4.5.10-stock"), at);

        assertThat(mention.label).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(mention.score).isEqualTo(0.75);
        assertThat(mention.modelVersion).isEqualTo("corenlp-4.5.10-stock");
        assertThat(mention.scoredAt).isEqualTo(at);
        assertThat(mention.scoredEventId)
                .isEqualTo(ScoredMention.scoredEventId(MENTION, "corenlp-4.5.10-stock"));
    }
}
