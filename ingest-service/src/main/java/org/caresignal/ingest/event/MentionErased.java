package org.caresignal.ingest.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Mentions an admin erased, as published on {@code mentions.erased.v1} keyed by the erasure id
 * (golden example: docs/events/MentionErased.v1.json): their ids and brands only, never a URL,
 * external id, handle or text; at most 10,000 per erasure.
 */
public record MentionErased(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        UUID erasureId,
        String reason,
        List<ErasedMention> mentions) {

    public static final String TYPE = "MentionErased";
    public static final int VERSION = 1;
    public static final String REASON_REQUEST = "REQUEST";

    /** One erased mention. */
    public record ErasedMention(UUID mentionId, String brandId) {}
}
