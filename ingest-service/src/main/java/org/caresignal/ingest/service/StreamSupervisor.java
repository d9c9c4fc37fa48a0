package org.caresignal.ingest.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.caresignal.ingest.config.StreamConfig;
import org.caresignal.ingest.domain.Backoff;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceHealthState;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.source.SourceFailure;
import org.caresignal.ingest.source.StreamSource;

/**
 * Runs each enabled stream connector (Jetstream, file replay) in its own thread, as configured:
 * starts it, restarts it from its committed cursor after a failure with exponential backoff and
 * jitter, restarts it when its configuration changes, and stops it when it is disabled or deleted.
 */
@ApplicationScoped
public class StreamSupervisor {

    private final SourceConnectorRepository connectors;
    private final SourcePostIntake intake;
    private final MeterRegistry registry;
    private final StreamConfig config;
    private final Backoff backoff;
    private final Map<SourceKind, StreamSource> sources = new EnumMap<>(SourceKind.class);
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final ConnectorLeases leases;
    private final SourceHealthStore store;

    /** One connector's thread and the configuration it was started with. */
    private record Running(String fingerprint, Thread thread, Runner runner) {}

    /**
     * What is kept of a connector across its restarts while this process owns it (made from the
     * stored health when it was won).
     */
    private record State(
            SourceHealth health, StreamHealth stream, List<Meter> meters, long ownership) {}

    public StreamSupervisor(
            SourceConnectorRepository connectors,
            SourcePostIntake intake,
            MeterRegistry registry,
            StreamConfig config,
            Instance<StreamSource> sources,
            ConnectorLeases leases,
            SourceHealthStore store) {
        this.leases = leases;
        this.store = store;
        this.connectors = connectors;
        this.intake = intake;
        this.registry = registry;
        this.config = config;
        sources.forEach(s -> this.sources.put(s.kind(), s));
        this.backoff = new Backoff(config.minBackoff(), config.maxBackoff(), new SecureRandom());
    }

    /** The stream source of a kind, if it is one. */
    public Optional<StreamSource> source(SourceKind kind) {
        return Optional.ofNullable(sources.get(kind));
    }

    @Scheduled(
            every = "${caresignal.streams.reconcile-interval:5s}",
            delayed = "1s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        reconcileAll();
    }

    /** Starts, restarts or stops every stream connector to match the configuration. */
    public synchronized void reconcileAll() {
        List<SourceConnector> all;
        try {
            all = QuarkusTransaction.requiringNew().call(connectors::listByIdOrder);
        } catch (RuntimeException e) {
            Log.warnf("Could not read the stream connectors: %s", e.toString());
            return;
        }
        var wanted = new HashSet<String>();
        for (var c : all) {
            var kind = SourceKind.of(c.kind).orElse(null);
            if (kind == null || !sources.containsKey(kind)) {
                continue;
            }
            // Only the instance holding the connector's lease runs its stream.
            if (c.enabled && leases.owns(c.id)) {
                wanted.add(c.id);
                ensure(c, kind);
            }
        }
        for (var id : List.copyOf(running.keySet())) {
            if (!wanted.contains(id)) {
                stop(id);
            }
        }
        for (var id : List.copyOf(states.keySet())) {
            if (!leases.owns(id)) {
                // Its new owner reports it (health and metrics); a sum over instances counts it
                // once.
                forget(id);
            }
        }
    }

    @Scheduled(
            every = "${caresignal.health.flush-interval:1s}",
            delayed = "1s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFlush() {
        flushHealth();
    }

    /**
     * Writes the health of the streams this instance owns where it changed since the last write and
     * the last write is at least {@code caresignal.health.save-interval} old (events and malformed
     * records between batches, the lag).
     */
    public void flushHealth() {
        states.forEach(
                (id, st) -> {
                    if (leases.ownership(id) == st.ownership()) {
                        store.save(id, leases.instanceId(), st.health(), st.stream(), false);
                    }
                });
    }

    /** Brings one connector in line with its configuration now (after a REST change). */
    public synchronized void reconcile(String connectorId) {
        var c =
                QuarkusTransaction.requiringNew()
                        .call(() -> connectors.findByIdOptional(connectorId));
        var kind = c.flatMap(x -> SourceKind.of(x.kind)).orElse(null);
        if (c.isEmpty()
                || !c.get().enabled
                || kind == null
                || !sources.containsKey(kind)
                || !leases.acquire(connectorId)) {
            stop(connectorId);
            if (c.isEmpty()) {
                forget(connectorId);
            }
            return;
        }
        ensure(c.get(), kind);
    }

    /** Stops a connector's stream (its committed cursor stays); true if it was running. */
    public synchronized boolean stop(String connectorId) {
        var r = running.remove(connectorId);
        if (r == null) {
            return false;
        }
        r.runner().stop();
        r.thread().interrupt();
        try {
            r.thread().join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Log.infof("Stream %s stopped", connectorId);
        return true;
    }

    /** Stops the stream and drops everything this process knew of it (health, metrics). */
    public synchronized void forget(String connectorId) {
        stop(connectorId);
        var s = states.remove(connectorId);
        if (s != null) {
            s.meters().forEach(registry::remove);
        }
    }

    /** True if the connector's stream thread runs. */
    public boolean isRunning(String connectorId) {
        var r = running.get(connectorId);
        return r != null && r.thread().isAlive();
    }

    /**
     * The connector's health as this owner sees it (as the polled connectors show it); the stored
     * health when its stream has not started here.
     */
    public SourceHealth.Snapshot health(SourceConnector c) {
        var st = states.get(c.id);
        if (st != null && st.ownership() == leases.ownership(c.id)) {
            return st.health().snapshot(Instant.now(), c.enabled);
        }
        return SourceHealth.Snapshot.of(
                store.stored(c.id).orElseGet(() -> SourceHealthState.initial(c.updatedAt)),
                c.enabled,
                0);
    }

    /** The stream part of the connector's health as this owner sees it (empty if not running). */
    public StreamHealth.Snapshot streamHealth(SourceConnector c) {
        var st = states.get(c.id);
        return st != null ? st.stream().snapshot() : new StreamHealth().snapshot();
    }

    void onStop(@Observes ShutdownEvent event) {
        for (var id : List.copyOf(running.keySet())) {
            stop(id);
        }
    }

    private void ensure(SourceConnector c, SourceKind kind) {
        var fingerprint =
                c.kind + "|" + c.baseUrl + "|" + c.query + "|" + c.brandId + "|" + c.updatedAt;
        var r = running.get(c.id);
        if (r != null && r.thread().isAlive() && r.fingerprint().equals(fingerprint)) {
            return;
        }
        if (r != null) {
            stop(c.id);
        }
        var runner = new Runner(c.id, kind, sources.get(kind), state(c));
        var thread = new Thread(runner, "stream-" + c.id);
        thread.setDaemon(true);
        running.put(c.id, new Running(fingerprint, thread, runner));
        thread.start();
        Log.infof("Stream %s (%s) started for brand %s", c.id, c.kind, c.brandId);
    }

    private State state(SourceConnector c) {
        var ownership = leases.ownership(c.id);
        var current = states.get(c.id);
        if (current != null && current.ownership() == ownership) {
            return current;
        }
        if (current != null) {
            states.remove(c.id);
            current.meters().forEach(registry::remove);
        }
        var s = new StreamHealth();
        var h = store.adopt(c, leases.instanceId(), ownership, s);
        var tags = Tags.of("connector", c.id, "source", c.kind);
        var list = new ArrayList<Meter>();
        list.add(
                Gauge.builder(
                                "caresignal.source.mentions.last.hour",
                                h,
                                x -> x.mentionsLastHour(Instant.now()))
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
        list.add(
                Gauge.builder("caresignal.source.up", s, x -> x.isConnected() ? 1 : 0)
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
        list.add(
                Gauge.builder(
                                "caresignal.source.last.success.timestamp.seconds",
                                h,
                                SourceHealth::lastSuccessEpochSeconds)
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
        list.add(
                Gauge.builder("caresignal.source.stream.lag.seconds", s, StreamHealth::lagSeconds)
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
        var st = new State(h, s, list, ownership);
        states.put(c.id, st);
        return st;
    }

    private void save(String connectorId, State st, boolean force) {
        store.save(connectorId, leases.instanceId(), st.health(), st.stream(), force);
    }

    /** The loop of one connector's thread: run the stream, back off after a failure, run again. */
    private final class Runner implements Runnable {
        private final String connectorId;
        private final SourceKind kind;
        private final StreamSource source;
        private final State state;
        private volatile boolean stopped;
        private volatile SupervisedStream current;

        Runner(String connectorId, SourceKind kind, StreamSource source, State state) {
            this.connectorId = connectorId;
            this.kind = kind;
            this.source = source;
            this.state = state;
        }

        void stop() {
            stopped = true;
            var ctx = current;
            if (ctx != null) {
                ctx.stop();
            }
        }

        @Override
        public void run() {
            int attempt = 0;
            while (!stopped) {
                SourceConnector connector;
                try {
                    connector =
                            QuarkusTransaction.requiringNew()
                                    .call(() -> connectors.findByIdOptional(connectorId))
                                    .orElse(null);
                } catch (RuntimeException e) {
                    // The database is away: try again later, as for a failed stream.
                    connector = null;
                    var n = state.health().failed(Instant.now(), "database unavailable", false);
                    var next = backoff.next(Instant.now(), n, null);
                    state.health().pauseUntil(next);
                    try {
                        Thread.sleep(Math.max(1, Duration.between(Instant.now(), next).toMillis()));
                    } catch (InterruptedException ie) {
                        return;
                    }
                    continue;
                }
                if (connector == null || !leases.owns(connectorId)) {
                    return;
                }
                var ctx =
                        new SupervisedStream(
                                connectorId,
                                kind.kindName(),
                                intake,
                                connectors,
                                state.health(),
                                state.stream(),
                                registry,
                                leases,
                                store,
                                force -> save(connectorId, state, force),
                                attempt++);
                current = ctx;
                if (stopped) {
                    return;
                }
                Instant retryAt = null;
                try {
                    source.run(connector, ctx);
                    if (!ctx.running()) {
                        return;
                    }
                    state.health().failed(Instant.now(), "stream ended", false);
                } catch (InterruptedException e) {
                    return;
                } catch (LeaseLostException e) {
                    // Another instance owns the connector now and runs its stream.
                    return;
                } catch (SourceFailure e) {
                    retryAt = e.retryAt();
                    var n = state.health().failed(Instant.now(), e.getMessage(), false);
                    Log.warnf(
                            "Stream %s (%s) failed: %s; failure %d in a row",
                            connectorId, kind.kindName(), e.getMessage(), n);
                } catch (RuntimeException e) {
                    state.health()
                            .failed(
                                    Instant.now(),
                                    "internal error: " + e.getClass().getSimpleName(),
                                    false);
                    Log.errorf(e, "Stream %s (%s) failed", connectorId, kind.kindName());
                } finally {
                    state.stream().disconnected();
                }
                var failures = state.health().snapshot(Instant.now(), true).consecutiveFailures();
                var next = backoff.next(Instant.now(), Math.max(1, failures), retryAt);
                state.health().pauseUntil(next);
                save(connectorId, state, true);
                var wait = Duration.between(Instant.now(), next);
                if (!wait.isNegative() && !ctx.pause(wait)) {
                    return;
                }
            }
        }
    }
}
