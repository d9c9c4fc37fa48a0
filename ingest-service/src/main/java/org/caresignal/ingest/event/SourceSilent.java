package org.caresignal.ingest.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Published on {@code sources.silent.v1} (key: brand id) when a connector has delivered no new post
 * for longer than its {@code silentAfter}, or at once when its source refuses requests for longer
 * than the rate-limit threshold: the source may be broken, blocked or out of credit.
 *
 * @param lastItemAt the connector's last new post; null if it never delivered one
 * @param lastError the last poll's error as this process saw it; null when it had none
 * @param reason optional (added in v1): {@code NO_ITEMS}, {@code FAILING} (the last poll failed) or
 *     {@code RATE_LIMITED} (reported early: the source is out of requests)
 * @param rateLimitedUntil optional (added in v1): until when the source said it accepts no request,
 *     if it is limited now; null otherwise
 */
public record SourceSilent(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String connectorId,
        String brandId,
        String source,
        Instant silentSince,
        Instant lastItemAt,
        String silentAfter,
        String lastError,
        String reason,
        Instant rateLimitedUntil) {

    public static final String TYPE = "SourceSilent";
    public static final int VERSION = 1;
}
