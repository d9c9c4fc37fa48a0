package org.caresignal.sentiment.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.sentiment.domain.MentionCorrection;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A scored mention as the REST API shows it ({@code language} is null for older mentions); {@code
 * text}, {@code url} and {@code externalId} are null once the text was removed, and {@code
 * textRemoved} says why ({@code ERASED} on request, {@code PURGED} at retention age). {@code
 * label}, {@code score} and {@code aspects} are the effective verdict: an analyst's correction when
 * {@code corrected}, else the model's.
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
        String textRemoved,
        @Schema(description = "How many stored mentions repost this one") int reposts,
        @Schema(description = "The model's own label (kept when an analyst corrected it)")
                SentimentLabel modelLabel,
        @Schema(description = "The model's own score") double modelScore,
        @Schema(description = "Whether label is an analyst's correction") boolean corrected,
        @Schema(description = "Username of the analyst who corrected it", nullable = true)
                String correctedBy,
        @Schema(description = "When it was corrected", nullable = true) Instant correctedAt,
        @Schema(
                        description =
                                "0 at first scoring, one more at each change of the effective"
                                        + " verdict (correction, re-score), as in MentionScored")
                int revision) {

    /** An aspect the mention speaks of, with the sentiment of those sentences. */
    public record AspectResponse(String aspect, SentimentLabel label, double score) {}

    public static MentionResponse from(ScoredMention mention) {
        return from(mention, null);
    }

    /** The mention with its correction (null when it has none). */
    public static MentionResponse from(ScoredMention mention, MentionCorrection correction) {
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
                        : mention.textPurgedAt != null ? "PURGED" : null,
                mention.reposts,
                mention.modelLabel,
                mention.modelScore,
                mention.corrected,
                correction == null ? null : correction.correctedBy,
                correction == null ? null : correction.correctedAt,
                mention.revision);
    }
}
