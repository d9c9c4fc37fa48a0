package org.caresignal.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.OutboxEvent;
import org.caresignal.ingest.domain.RateLimit;
import org.caresignal.ingest.domain.SilencePolicy;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.event.SourceRecovered;
import org.caresignal.ingest.repository.OutboxRepository;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.source.SourceFailure;

/**
 * Keeps the silence state of a connector's row up to date beyond new posts: what the source said of
 * its rate limit after each poll (so that a long limit is reported at once, even across a restart),
 * the end of a rate-limited silence with the first successful poll, and the end of any reported
 * silence when an operator disables or deletes the connector ({@code SourceRecovered} with {@code
 * resolution} {@code DISABLED} or {@code DELETED}, written to the outbox in the operator's
 * transaction).
 */
@ApplicationScoped
public class SourceSilenceTracker {

    private final SourceConnectorRepository connectors;
    private final OutboxRepository outbox;
    private final IngestConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final SilencePolicy policy;

    public SourceSilenceTracker(
            SourceConnectorRepository connectors,
            OutboxRepository outbox,
            IngestConfig config,
            ObjectMapper mapper,
            MeterRegistry registry) {
        this.connectors = connectors;
        this.outbox = outbox;
        this.config = config;
        this.mapper = mapper;
        this.registry = registry;
        this.policy = new SilencePolicy(config.sources().rateLimitAlertAfter());
    }

    /** The rules this service reports silences by. */
    public SilencePolicy policy() {
        return policy;
    }

    /**
     * After a failed poll: a 429, or an answer saying no request is left, stores until when the
     * source refuses requests (Retry-After, else its reset header).
     */
    public void failed(SourceConnector connector, Instant at, SourceFailure failure) {
        var limits = failure.rateLimit() == null ? RateLimit.UNKNOWN : failure.rateLimit();
        if (failure.kind() != SourceFailure.Kind.RATE_LIMITED && !limits.exhausted()) {
            return;
        }
        var until = failure.retryAt() != null ? failure.retryAt() : limits.resetAt();
        if (until == null || !until.isAfter(at)) {
            return;
        }
        store(connector, () -> connectors.saveRateLimit(connector.id, at, until));
    }

    /**
     * After a successful poll whose last answer said {@code limits}: stores whether the source is
     * out of requests, and ends an open rate-limited silence unless it is out of them again for
     * long.
     */
    public void succeeded(SourceConnector connector, Instant at, RateLimit limits) {
        var until =
                limits != null && limits.exhausted() && limits.resetAt().isAfter(at)
                        ? limits.resetAt()
                        : null;
        boolean ends = policy.successEnds(SilencePolicy.Reason.RATE_LIMITED, at, until);
        // The row as the tick read it: nothing to write for a source that was and is not limited
        // and has no rate-limited silence open.
        if (until == null
                && connector.rateLimitedUntil == null
                && connector.rateLimitedAt == null
                && !SilencePolicy.Reason.RATE_LIMITED.name().equals(connector.silenceReason)) {
            return;
        }
        store(
                connector,
                () -> {
                    connectors.saveRateLimit(connector.id, until == null ? null : at, until);
                    if (ends && connectors.markPolledAfterRateLimit(connector.id, at)) {
                        Log.infof(
                                "Source %s (%s) polled successfully after its rate limit",
                                connector.id, connector.kind);
                    }
                });
    }

    /**
     * Ends the reported silence of {@code connector} (locked, managed by the caller's transaction)
     * because an operator disables or deletes it: writes its SourceRecovered to the outbox and
     * clears the silence on the entity, so both commit with the change or neither does. False when
     * no silence is open.
     */
    public boolean endByOperator(
            SourceConnector connector, SilencePolicy.Resolution resolution, Instant now) {
        if (connector.silenceOpenSince == null) {
            return false;
        }
        var since = connector.silenceOpenSince;
        var firstItemAt = connector.recoveredItemAt;
        var event =
                new SourceRecovered(
                        UUID.randomUUID(),
                        SourceRecovered.TYPE,
                        SourceRecovered.VERSION,
                        now,
                        connector.id,
                        connector.brandId,
                        connector.kind,
                        since,
                        connector.silenceEventId,
                        firstItemAt,
                        now,
                        SilencePolicy.silentFor(since, firstItemAt, now).toString(),
                        resolution.name());
        enqueue(event.eventId(), connector.brandId, event, now);
        connector.silenceOpenSince = null;
        connector.silenceEventId = null;
        connector.silenceReason = null;
        connector.recoveredItemAt = null;
        connector.recoveredPollAt = null;
        // Re-enabled later, it is judged afresh from its last post.
        connector.silentReportedAt = null;
        registry.counter(
                        "caresignal.source.silence.withdrawn",
                        "connector",
                        connector.id,
                        "resolution",
                        resolution.name())
                .increment();
        Log.infof(
                "Source %s (%s) for brand %s %s by an operator while reported silent since %s",
                connector.id,
                connector.kind,
                connector.brandId,
                resolution.name().toLowerCase(),
                since);
        return true;
    }

    /** Writes a source-health event to the outbox, in the caller's transaction. */
    void enqueue(UUID eventId, String brandId, Object event, Instant now) {
        var row = new OutboxEvent();
        row.eventId = eventId;
        row.topic = config.sources().silentTopic();
        row.key = brandId;
        row.payload = toJson(event);
        row.createdAt = now;
        outbox.persist(row);
    }

    private static void store(SourceConnector connector, Runnable update) {
        try {
            QuarkusTransaction.requiringNew().run(update);
        } catch (RuntimeException e) {
            // The poll's outcome stands; the next poll stores the source's state again.
            Log.warnf(
                    "Could not store the rate-limit state of source %s: %s",
                    connector.id, e.toString());
        }
    }

    private String toJson(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
