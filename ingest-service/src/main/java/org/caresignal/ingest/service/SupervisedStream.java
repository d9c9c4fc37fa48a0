package org.caresignal.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.source.RoutedPost;
import org.caresignal.ingest.source.StreamContext;

/**
 * The service side of a running stream connector ({@link StreamContext}): commits its batches
 * through the intake under its lease, and keeps its health and metrics.
 */
public final class SupervisedStream implements StreamContext {

    private final String connectorId;
    private final String source;
    private final SourcePostIntake intake;
    private final SourceConnectorRepository connectors;
    private final SourceHealth health;
    private final StreamHealth stream;
    private final MeterRegistry registry;
    private final ConnectorLeases leases;
    private final SourceHealthStore store;
    private final Consumer<Boolean> save;
    private final int attempt;
    private volatile boolean running = true;

    SupervisedStream(
            String connectorId,
            String source,
            SourcePostIntake intake,
            SourceConnectorRepository connectors,
            SourceHealth health,
            StreamHealth stream,
            MeterRegistry registry,
            ConnectorLeases leases,
            SourceHealthStore store,
            Consumer<Boolean> save,
            int attempt) {
        this.leases = leases;
        this.store = store;
        this.save = save;
        this.connectorId = connectorId;
        this.source = source;
        this.intake = intake;
        this.connectors = connectors;
        this.health = health;
        this.stream = stream;
        this.registry = registry;
        this.attempt = attempt;
    }

    /** False once the supervisor asked the stream to stop. */
    @Override
    public boolean running() {
        return running && !Thread.currentThread().isInterrupted();
    }

    void stop() {
        running = false;
    }

    /** How many times this connector's stream was started before in this process (0 first). */
    @Override
    public int attempt() {
        return attempt;
    }

    /** The cursor as last committed, read from the database. */
    @Override
    public String storedCursor() {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                connectors
                                        .findByIdOptional(connectorId)
                                        .map(c -> c.cursor)
                                        .orElse(null));
    }

    /**
     * Commits the posts and the cursor after them in one transaction.
     *
     * @param position a human-readable position for the health (e.g. the line), or null
     */
    @Override
    public void commit(List<RoutedPost> posts, String cursor, String position, boolean caughtUp) {
        // Fenced: once this instance has lost the lease, the new owner's cursor stands.
        var result =
                leases.fenced(
                        connectorId,
                        () -> {
                            var r = intake.commitRouted(connectorId, posts, cursor);
                            store.countMentions(connectorId, r.accepted());
                            return r;
                        });
        var now = Instant.now();
        health.accepted(now, result.accepted());
        health.succeeded(now, null);
        if (position != null) {
            stream.position(position, caughtUp);
        }
        // Throttled: a busy stream writes its health at most every caresignal.health.save-interval.
        save.accept(false);
    }

    /** The stream is open (or the file opened) at {@code endpoint} (no credential, no query). */
    @Override
    public void connected(String endpoint) {
        // Failures in a row are reset by the first commit, not here: a host that accepts and
        // drops every connection must still back off.
        stream.connected(endpoint, Instant.now());
        save.accept(false);
        registry.counter(
                        "caresignal.source.stream.connects",
                        "connector",
                        connectorId,
                        "source",
                        source)
                .increment();
    }

    /** The stream closed or failed. */
    @Override
    public void disconnected() {
        stream.disconnected();
    }

    /** One event read, of the given time at the source (null if it has none). */
    @Override
    public void event(Instant eventTime, String outcome) {
        stream.event(Instant.now(), eventTime);
        registry.counter(
                        "caresignal.source.stream.events",
                        "connector",
                        connectorId,
                        "source",
                        source,
                        "outcome",
                        outcome)
                .increment();
    }

    /** A record that could not be read, skipped; {@code where} names it (never its content). */
    @Override
    public void malformed(String where) {
        stream.malformed(where);
        registry.counter(
                        "caresignal.source.stream.events",
                        "connector",
                        connectorId,
                        "source",
                        source,
                        "outcome",
                        "malformed")
                .increment();
    }

    /** Waits, waking early if stopped; false when stopped. */
    @Override
    public boolean pause(Duration d) {
        var until = System.nanoTime() + d.toNanos();
        try {
            while (running()) {
                var left = until - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                Thread.sleep(Math.min(Math.max(1, left / 1_000_000), 200));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
