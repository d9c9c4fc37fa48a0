package org.caresignal.ingest.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Published on {@code sources.silent.v1} (key: brand id) once per reported silence, when it ends:
 * the silent connector delivers again, or an operator disabled or deleted it. The other half of
 * {@link SourceSilent}.
 *
 * @param silentSince the {@code silentSince} of the silence that ended
 * @param silenceEventId the {@code eventId} of that silence's SourceSilent; null for a silence
 *     reported before this event existed
 * @param firstItemAt when ingest-service took the first new post after the silence; null when the
 *     silence ended without one (a rate-limited silence ended by a successful poll, or an
 *     operator's disable or delete)
 * @param recoveredAt when the recovery was published (at most a poller tick after the silence
 *     ended; for a disable or delete, when it was done)
 * @param silentFor from silentSince to firstItemAt, else to the end of the silence, ISO-8601
 * @param resolution optional (added in v1): {@code DELIVERING}, {@code DISABLED} or {@code DELETED}
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
        String silentFor,
        String resolution) {

    public static final String TYPE = "SourceRecovered";
    public static final int VERSION = 1;
}
