package org.caresignal.ingest.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A public post matched to a brand, as published on {@code mentions.ingested.v1} (golden example:
 * docs/events/MentionIngested.v1.json); a post matching several brands is one event per brand, each
 * with its own {@code mentionId}. {@code language} (ISO 639-1 or {@code und}) and {@code repostOf}
 * (the original post's own id, i.e. its first brand's mention id, or null) were added later and are
 * optional for consumers.
 */
public record MentionIngested(
        UUID eventId,
        String eventType,
        int schemaVersion,
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

    public static final String TYPE = "MentionIngested";
    public static final int VERSION = 1;
}
