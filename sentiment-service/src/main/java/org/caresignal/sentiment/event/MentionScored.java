package org.caresignal.sentiment.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.sentiment.domain.MentionAspect;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;

/**
 * The {@code MentionScored} v1 event this service writes to {@code mentions.scored.v1}, keyed by
 * brand id; field for field the golden example {@code docs/events/MentionScored.v1.json} ({@code
 * uncertain}, {@code aspects} and {@code language} are optional additions that older consumers
 * ignore; a post in a language the model does not read is {@code NEUTRAL} and uncertain). {@code
 * revision} goes up each time the effective verdict of a stored mention changes (a correction, a
 * re-score); {@code corrected} says the label is an analyst's.
 */
public record MentionScored(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        UUID mentionId,
        String brandId,
        String facilityId,
        String source,
        String url,
        String text,
        Instant publishedAt,
        SentimentLabel label,
        double score,
        String modelVersion,
        boolean uncertain,
        List<AspectScore> aspects,
        String language,
        int revision,
        boolean corrected) {

    /** An aspect of the taxonomy the post mentions, with the sentiment of its sentences. */
    public record AspectScore(String aspect, SentimentLabel label, double score) {
        static AspectScore from(MentionAspect aspect) {
            return new AspectScore(aspect.aspect, aspect.label, aspect.score);
        }
    }

    public static final String TYPE = "MentionScored";
    public static final int VERSION = 1;

    /**
     * The event for a stored mention; built only from the row so that a re-publication is identical
     * to the first one.
     */
    public static MentionScored from(ScoredMention mention) {
        return new MentionScored(
                mention.scoredEventId,
                TYPE,
                VERSION,
                mention.scoredAt,
                mention.mentionId,
                mention.brandId,
                mention.facilityId,
                mention.source,
                mention.url,
                mention.text,
                mention.publishedAt,
                mention.label,
                mention.score,
                mention.modelVersion,
                mention.uncertain,
                mention.aspects.stream().map(AspectScore::from).toList(),
                mention.language,
                mention.revision,
                mention.corrected);
    }
}
