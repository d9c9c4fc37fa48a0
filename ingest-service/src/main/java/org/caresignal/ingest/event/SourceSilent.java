package org.caresignal.ingest.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Published on {@code sources.silent.v1} (key: brand id) when a connector has delivered no new post
 * for longer than its {@code silentAfter}: the source may be broken, blocked or out of credit.
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
        String lastError) {

    public static final String TYPE = "SourceSilent";
    public static final int VERSION = 1;
}
