package org.caresignal.ingest.rest;

import java.time.Instant;
import java.util.UUID;
import org.caresignal.ingest.domain.OutboxEvent;

/**
 * A quarantined outbox event as an admin sees it: where it was going and why it stopped, never its
 * payload (which holds post text).
 */
public record QuarantinedEventResponse(
        long outboxId,
        UUID eventId,
        String topic,
        String key,
        Instant createdAt,
        int attempts,
        Instant quarantinedAt,
        String reason) {

    static QuarantinedEventResponse from(OutboxEvent e) {
        return new QuarantinedEventResponse(
                e.id,
                e.eventId,
                e.topic,
                e.key,
                e.createdAt,
                e.attempts,
                e.quarantinedAt,
                e.lastError);
    }
}
