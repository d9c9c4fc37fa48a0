package org.caresignal.ingest.rest;

import java.time.Duration;
import java.time.Instant;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceHealthState;
import org.caresignal.ingest.service.SourceHealthStore;

/**
 * A source connector with its health, as {@code GET /api/sources} shows it; says whether a
 * credential is set, never what it is.
 */
public record SourceResponse(
        String id,
        String kind,
        String brandId,
        String url,
        String query,
        boolean credentialSet,
        String pollInterval,
        String silentAfter,
        boolean enabled,
        String owner,
        Health health) {

    /**
     * How the connector is doing, as its owner stored it: {@code asOf} when (null before its first
     * write), {@code stale} true when the instance that wrote it no longer holds the connector and
     * it is older than {@code caresignal.health.stale-after}.
     */
    public record Health(
            SourceHealthState.Status status,
            Instant lastPollAt,
            Instant lastSuccessAt,
            String lastError,
            Instant lastErrorAt,
            int consecutiveFailures,
            Instant nextPollAt,
            RateLimitState rateLimit,
            long mentionsLastHour,
            Instant lastItemAt,
            boolean silent,
            StreamState stream,
            Instant asOf,
            boolean stale) {}

    /**
     * A stream connector's (Jetstream, file replay) connection: where, since when, its last event
     * and lag behind the source, events, malformed records (the last one named), reconnects and
     * position; null for polled connectors.
     */
    public record StreamState(
            boolean connected,
            String endpoint,
            Instant connectedSince,
            Instant lastEventAt,
            Instant lastEventTime,
            Double lagSeconds,
            long events,
            long malformed,
            String lastMalformed,
            long reconnects,
            String position,
            boolean caughtUp) {}

    /** The source's last reported rate-limit headers (null fields when it did not say). */
    public record RateLimitState(Long limit, Long remaining, Instant resetAt) {}

    /**
     * @param owner the instance holding the connector's unexpired lease (the one that polls or
     *     streams it and writes its health), or null
     */
    static SourceResponse from(SourceConnector c, SourceHealthStore.View view, String owner) {
        var h = view.health();
        var s = view.stream();
        var silent =
                c.silentReportedAt != null
                        && !c.silentReportedAt.isBefore(
                                c.lastItemAt != null ? c.lastItemAt : c.createdAt);
        return new SourceResponse(
                c.id,
                c.kind,
                c.brandId,
                c.baseUrl,
                c.query,
                c.storedCredential != null,
                Duration.ofSeconds(c.pollIntervalSeconds).toString(),
                Duration.ofSeconds(c.silentAfterSeconds).toString(),
                c.enabled,
                owner,
                new Health(
                        h.status(),
                        h.lastPollAt(),
                        h.lastSuccessAt(),
                        h.lastError(),
                        h.lastErrorAt(),
                        h.consecutiveFailures(),
                        h.nextPollAt(),
                        new RateLimitState(
                                h.rateLimit().limit(),
                                h.rateLimit().remaining(),
                                h.rateLimit().resetAt()),
                        h.mentionsLastHour(),
                        c.lastItemAt,
                        silent,
                        s == null
                                ? null
                                : new StreamState(
                                        s.connected(),
                                        s.endpoint(),
                                        s.connectedSince(),
                                        s.lastEventAt(),
                                        s.lastEventTime(),
                                        s.lagSeconds(),
                                        s.events(),
                                        s.malformed(),
                                        s.lastMalformed(),
                                        s.reconnects(),
                                        s.position(),
                                        s.caughtUp()),
                        view.asOf(),
                        view.stale()));
    }
}
