package org.caresignal.sentiment.rest;

import java.time.Instant;
import java.util.UUID;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;

/** A scored mention as the REST API shows it. */
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
        String modelVersion,
        Instant scoredAt) {

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
                mention.modelVersion,
                mention.scoredAt);
    }
}
