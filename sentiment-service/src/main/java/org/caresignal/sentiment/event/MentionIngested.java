package org.caresignal.sentiment.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code MentionIngested} v1 event this service reads from {@code mentions.ingested.v1}: a post
 * matched to a brand; constructing one without its required fields fails, so such a record is
 * dead-lettered. {@code language} (ISO 639-1 or {@code und}) and {@code repostOf} (the mention id
 * of the post this one reposts) are optional: older events lack them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MentionIngested(
        UUID eventId,
        String eventType,
        Integer schemaVersion,
        Instant occurredAt,
        UUID mentionId,
        String brandId,
        String facilityId,
        String source,
        String externalId,
        String url,
        String text,
        Instant publishedAt,
        String language,
        UUID repostOf) {

    public MentionIngested {
        require(mentionId, "mentionId");
        requireText(brandId, "brandId");
        requireText(text, "text");
        require(publishedAt, "publishedAt");
        requireText(source, "source");
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
