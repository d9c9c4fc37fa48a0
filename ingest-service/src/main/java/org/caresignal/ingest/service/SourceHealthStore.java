package org.caresignal.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caresignal.ingest.config.HealthConfig;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceHealthState;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.repository.SourceHealthRepository;

/**
 * Connector health as a shared, durable fact: the owner starts from the stored copy when it takes a
 * connector (or restarts), writes it back when it changes (at most every {@code save-interval}
 * while pages or batches come in, at once at the end of a poll or on a failure), and any instance
 * reads it for {@code GET /api/sources}, with its age and whether it is stale.
 */
@ApplicationScoped
public class SourceHealthStore {

    /** The health shown for one connector, whichever instance answers. */
    public record View(
            SourceHealth.Snapshot health,
            StreamHealth.Snapshot stream,
            Instant asOf,
            String writtenBy,
            boolean stale) {}

    private record Loaded(Optional<SourceHealthRepository.Row> row, Map<Instant, Long> minutes) {}

    private record Read(
            Map<String, SourceHealthRepository.Row> rows,
            Map<String, Long> mentions,
            Instant now) {}

    private final SourceHealthRepository repository;
    private final HealthConfig config;
    private final ObjectMapper mapper;

    public SourceHealthStore(
            SourceHealthRepository repository, HealthConfig config, ObjectMapper mapper) {
        this.repository = repository;
        this.config = config;
        this.mapper = mapper;
    }

    /** Least time between two throttled writes of one connector's health. */
    public Duration saveInterval() {
        return config.saveInterval();
    }

    /**
     * The working copy for an instance that owns {@code c} under {@code ownership}: the stored
     * health handed over (see {@link SourceHealthState#adopt}), brought in line with the
     * connector's configuration, and the stored stream state into {@code stream} if given. Stored
     * at once, so that every instance sees the new owner.
     */
    public SourceHealth adopt(
            SourceConnector c, String owner, long ownership, StreamHealth stream) {
        var h = new SourceHealth(ownership);
        var loaded = new Loaded(Optional.empty(), Map.of());
        try {
            loaded =
                    QuarkusTransaction.requiringNew()
                            .call(
                                    () ->
                                            new Loaded(
                                                    repository.find(c.id),
                                                    repository.minutes(c.id)));
        } catch (RuntimeException e) {
            // The database is away: start afresh; commits are refused until it is back anyway.
            Log.warnf("Could not read the stored health of source %s: %s", c.id, e.toString());
        }
        var row = loaded.row();
        var state =
                row.map(SourceHealthRepository.Row::state)
                        .orElseGet(() -> SourceHealthState.initial(c.updatedAt))
                        .adopt(c.rateLimitedUntil);
        h.restore(state, loaded.minutes());
        if (h.configChanged(c.updatedAt)) {
            h.reconfigure(c.updatedAt, Instant.now(), c.rateLimitedUntil);
        }
        if (stream != null) {
            row.map(SourceHealthRepository.Row::streamState)
                    .flatMap(this::readStream)
                    .ifPresent(stream::restore);
        }
        if (row.isPresent() && !owner.equals(row.get().owner())) {
            Log.infof(
                    "Source %s: goes on from the health stored by %s at %s",
                    c.id, row.get().owner(), row.get().asOf());
        }
        save(c.id, owner, h, stream, true);
        return h;
    }

    /**
     * Writes the connector's health if it changed since the last write and, unless {@code force},
     * the last write is at least {@code save-interval} old; only while {@code owner} holds the
     * connector's lease. A failed write is logged and tried again with the next change.
     */
    public void save(
            String connectorId, String owner, SourceHealth h, StreamHealth s, boolean force) {
        // Versions first: a change made while writing is newer than what is marked as saved.
        var version = h.version() + (s == null ? 0 : s.version());
        var now = Instant.now();
        if (!h.unsaved(version, now, config.saveInterval(), force)) {
            return;
        }
        var state = h.state();
        var stream = s == null ? null : writeStream(s.snapshot());
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> repository.save(connectorId, owner, state, stream));
            // Also when refused (the lease is gone): nothing to write until the next change.
            h.saved(version, now);
        } catch (RuntimeException e) {
            Log.warnf("Could not store the health of source %s: %s", connectorId, e.toString());
        }
    }

    /** Counts mentions a page or batch accepted, in the caller's (the page's) transaction. */
    public void countMentions(String connectorId, long n) {
        repository.countMentions(connectorId, n);
    }

    /** The stored health of a connector, if any (for an instance that does not own it). */
    public Optional<SourceHealthState> stored(String connectorId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> repository.find(connectorId).map(SourceHealthRepository.Row::state));
    }

    /** The health of each connector as stored, by id, with {@code owners} from the leases. */
    public Map<String, View> views(List<SourceConnector> connectors, Map<String, String> owners) {
        var read =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        new Read(
                                                repository.all(),
                                                repository.lastHour(),
                                                repository.now()));
        var rows = read.rows();
        var mentions = read.mentions();
        var now = read.now();
        var out = new LinkedHashMap<String, View>();
        for (var c : connectors) {
            out.put(
                    c.id,
                    view(
                            c,
                            rows.get(c.id),
                            mentions.getOrDefault(c.id, 0L),
                            owners.get(c.id),
                            now));
        }
        return out;
    }

    private View view(
            SourceConnector c,
            SourceHealthRepository.Row row,
            long mentions,
            String owner,
            Instant now) {
        var state = row == null ? SourceHealthState.initial(c.updatedAt) : row.state();
        var streaming = SourceKind.of(c.kind).map(SourceKind::streaming).orElse(false);
        StreamHealth.Snapshot stream = null;
        if (streaming) {
            stream =
                    Optional.ofNullable(row)
                            .map(SourceHealthRepository.Row::streamState)
                            .flatMap(this::readStream)
                            .orElseGet(() -> new StreamHealth().snapshot());
        }
        return new View(
                SourceHealth.Snapshot.of(state, c.enabled, mentions),
                stream,
                row == null ? null : row.asOf(),
                row == null ? null : row.owner(),
                row != null
                        && SourceHealthState.stale(
                                c.enabled,
                                row.owner(),
                                row.asOf(),
                                owner,
                                now,
                                config.staleAfter()));
    }

    private String writeStream(StreamHealth.Snapshot s) {
        try {
            return mapper.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<StreamHealth.Snapshot> readStream(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(json, StreamHealth.Snapshot.class));
        } catch (JsonProcessingException e) {
            // Written by another version: the stream's own state starts afresh.
            Log.warnf("Unreadable stored stream state: %s", e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
