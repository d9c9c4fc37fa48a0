package org.caresignal.sentiment.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;

/**
 * A scored mention as the REST API shows it ({@code language} is null for older mentions); {@code
 * text}, {@code url} and {@code externalId} are null once the text was removed, and {@code
 * textRemoved} says why ({@code ERASED} on request, {@code PURGED} at retention age).
 */
public record MentionResponse(
        UUID mentionId,
        String brandId,
        String facilityId,
        String source,
        String externalId,
        String url,
        String text,
        Instant publishedAt,
        SentimentLabel label,
        double score,
        boolean uncertain,
        List<AspectResponse> aspects,
        String modelVersion,
        Instant scoredAt,
        String language,
        String textRemoved) {

    /** An aspect the mention speaks of, with the sentiment of those sentences. */
    public record AspectResponse(String aspect, SentimentLabel label, double score) {}

    public static MentionResponse from(ScoredMention mention) {
        return new MentionResponse(
                mention.mentionId,
                mention.brandId,
                mention.facilityId,
                mention.source,
                mention.externalId,
                mention.url,
                mention.text,
                mention.publishedAt,
                mention.label,
                mention.score,
                mention.uncertain,
                mention.aspects.stream()
                        .map(a -> new AspectResponse(a.aspect, a.label, a.score))
                        .toList(),
                mention.modelVersion,
                mention.scoredAt,
                mention.language,
                mention.erasedAt != null
                        ? "ERASED"
                        : mention.textPurgedAt != null ? "PURGED" : null);
    }
}
