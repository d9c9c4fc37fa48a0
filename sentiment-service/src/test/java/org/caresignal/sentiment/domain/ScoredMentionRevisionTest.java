package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Revisions of a mention's verdict: corrections over the model's, re-scores keeping them. */
class ScoredMentionRevisionTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    @Test
    void aCorrectionOverridesTheModelAndItsRemovalRestoresIt() {
        var m = scored(SentimentLabel.NEGATIVE, -0.6, "emergency-wait:NEGATIVE:-0.7");
        var first = m.scoredEventId;
        assertThat(first).isEqualTo(ScoredMention.scoredEventId(m.mentionId, "m1"));

        assertThat(
                        m.correct(
                                new MentionCorrection.Corrected(
                                        SentimentLabel.POSITIVE,
                                        Map.of(
                                                "emergency-wait", SentimentLabel.POSITIVE,
                                                "billing", SentimentLabel.NEGATIVE)),
                                T1))
                .isTrue();
        assertThat(m.revision).isEqualTo(1);
        assertThat(m.label).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(m.score).isEqualTo(0.5);
        assertThat(m.corrected).isTrue();
        assertThat(m.uncertain).isFalse();
        assertThat(m.modelLabel).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(m.modelScore).isEqualTo(-0.6);
        assertThat(m.aspects)
                .extracting(a -> a.aspect + ":" + a.label + ":" + a.modelLabel)
                .containsExactly("billing:NEGATIVE:null", "emergency-wait:POSITIVE:NEGATIVE");
        assertThat(m.scoredAt).isEqualTo(T1);
        assertThat(m.scoredEventId)
                .isNotEqualTo(first)
                .isEqualTo(ScoredMention.scoredEventId(m.mentionId, "m1", 1));

        // The same again changes nothing.
        var eventId = m.scoredEventId;
        assertThat(
                        m.correct(
                                new MentionCorrection.Corrected(
                                        SentimentLabel.POSITIVE,
                                        Map.of(
                                                "emergency-wait", SentimentLabel.POSITIVE,
                                                "billing", SentimentLabel.NEGATIVE)),
                                T1.plusSeconds(5)))
                .isFalse();
        assertThat(m.revision).isEqualTo(1);
        assertThat(m.scoredEventId).isEqualTo(eventId);

        assertThat(m.correct(null, T1.plusSeconds(10))).isTrue();
        assertThat(m.revision).isEqualTo(2);
        assertThat(m.label).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(m.score).isEqualTo(-0.6);
        assertThat(m.corrected).isFalse();
        assertThat(m.uncertain).isTrue();
        assertThat(m.aspects)
                .extracting(a -> a.aspect + ":" + a.label + ":" + a.score)
                .containsExactly("emergency-wait:NEGATIVE:-0.7");
    }

    @Test
    void aCorrectionThatAgreesWithTheModelKeepsItsScore() {
        var m = scored(SentimentLabel.NEGATIVE, -0.6);
        assertThat(
                        m.correct(
                                new MentionCorrection.Corrected(SentimentLabel.NEGATIVE, Map.of()),
                                T1))
                .isTrue();
        assertThat(m.score).isEqualTo(-0.6);
        assertThat(m.corrected).isTrue();
    }

    @Test
    void aRescoreKeepsTheCorrectionAndCountsARevisionOnlyWhenTheVerdictChanged() {
        var m = scored(SentimentLabel.NEGATIVE, -0.6);
        var correction = new MentionCorrection.Corrected(SentimentLabel.NEUTRAL, Map.of());
        m.correct(correction, T1);
        assertThat(m.revision).isEqualTo(1);

        // A new model that also says NEGATIVE (another score): the effective NEUTRAL 0.0 stays.
        assertThat(m.rescore(text(SentimentLabel.NEGATIVE, -0.4, "m2"), correction, T1)).isFalse();
        assertThat(m.revision).isEqualTo(1);
        assertThat(m.modelVersion).isEqualTo("m2");
        assertThat(m.modelScore).isEqualTo(-0.4);
        assertThat(m.label).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(m.scoredEventId).isEqualTo(ScoredMention.scoredEventId(m.mentionId, "m2", 1));

        // One that agrees with the analyst: the score becomes the model's, a change.
        assertThat(m.rescore(text(SentimentLabel.NEUTRAL, 0.05, "m3"), correction, T1)).isTrue();
        assertThat(m.revision).isEqualTo(2);
        assertThat(m.label).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(m.score).isEqualTo(0.05);
        assertThat(m.corrected).isTrue();

        // Without a correction, a re-score with the same verdict is no revision.
        var plain = scored(SentimentLabel.POSITIVE, 0.4);
        assertThat(plain.rescore(text(SentimentLabel.POSITIVE, 0.4, "m2"), null, T1)).isFalse();
        assertThat(plain.revision).isZero();
        assertThat(plain.scoredEventId)
                .isEqualTo(ScoredMention.scoredEventId(plain.mentionId, "m2"));
    }

    private static ScoredMention scored(SentimentLabel label, double score, String... aspects) {
        var m = new ScoredMention();
        m.mentionId = UUID.randomUUID();
        m.assign(text(label, score, "m1", aspects), T0);
        return m;
    }

    private static ScoredText text(
            SentimentLabel label, double score, String model, String... aspects) {
        List<AspectSentiment> list =
                java.util.Arrays.stream(aspects)
                        .map(a -> a.split(":"))
                        .map(
                                p ->
                                        new AspectSentiment(
                                                p[0],
                                                SentimentLabel.valueOf(p[1]),
                                                Double.parseDouble(p[2])))
                        .toList();
        return new ScoredText(new Sentiment(label, score, true, model), list);
    }
}
