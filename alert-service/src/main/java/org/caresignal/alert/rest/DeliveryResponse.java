package org.caresignal.alert.rest;

import java.time.Instant;
import java.util.UUID;

/** One row of the delivery log. */
public record DeliveryResponse(
        UUID id,
        UUID incidentId,
        UUID channelId,
        UUID eventId,
        String change,
        String status,
        int attempts,
        String lastError,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant deliveredAt) {}
