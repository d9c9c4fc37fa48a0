package org.caresignal.ingest.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Published on {@code sources.silent.v1} (key: brand id) once per reported silence, when the silent
 * connector delivers again: the other half of {@link SourceSilent}.
 *
 * @param silentSince the {@code silentSince} of the silence that ended
 * @param silenceEventId the {@code eventId} of that silence's SourceSilent; null for a silence
 *     reported before this event existed
 * @param firstItemAt when ingest-service took the first new post after the silence
 * @param recoveredAt when the recovery was published (at most a poller tick after firstItemAt)
 * @param silentFor from silentSince to firstItemAt, ISO-8601
 */
public record SourceRecovered(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String connectorId,
        String brandId,
        String source,
        Instant silentSince,
        UUID silenceEventId,
        Instant firstItemAt,
        Instant recoveredAt,
        String silentFor) {

    public static final String TYPE = "SourceRecovered";
    public static final int VERSION = 1;
}
