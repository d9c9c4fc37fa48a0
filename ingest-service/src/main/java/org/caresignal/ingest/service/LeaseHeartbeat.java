package org.caresignal.ingest.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.repository.SourceConnectorRepository;

/**
 * Drives this instance's {@link ConnectorLeases} on a schedule: renews, claims and gives back
 * leases over the enabled connectors, starts the streams of connectors won and stops those lost; at
 * shutdown it releases every lease so another instance takes over at once.
 */
@ApplicationScoped
public class LeaseHeartbeat {

    private final ConnectorLeases leases;
    private final SourceConnectorRepository connectors;
    private final StreamSupervisor streams;
    private final MeterRegistry registry;

    public LeaseHeartbeat(
            ConnectorLeases leases,
            SourceConnectorRepository connectors,
            StreamSupervisor streams,
            MeterRegistry registry) {
        this.leases = leases;
        this.connectors = connectors;
        this.streams = streams;
        this.registry = registry;
        Gauge.builder("caresignal.source.leases.owned", leases, l -> l.owned().size())
                .description("Connectors this instance owns (polls or streams)")
                .strongReference(true)
                .register(registry);
    }

    @Scheduled(
            every = "${caresignal.leases.heartbeat:10s}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            beat();
        } catch (RuntimeException e) {
            // The database is away: the leases run out and the fenced commits refuse our work.
            Log.warnf("Connector lease heartbeat failed: %s", e.toString());
        }
    }

    /** One heartbeat now over every configured connector; returns what changed. */
    public ConnectorLeases.Change beat() {
        return beat(QuarkusTransaction.requiringNew().call(connectors::listByIdOrder));
    }

    /** One heartbeat over these connectors (the enabled ones are candidates). */
    ConnectorLeases.Change beat(List<SourceConnector> all) {
        var enabled = all.stream().filter(c -> c.enabled).map(c -> c.id).toList();
        var change = leases.heartbeat(enabled);
        var streaming =
                all.stream()
                        .filter(c -> SourceKind.of(c.kind).map(SourceKind::streaming).orElse(false))
                        .map(c -> c.id)
                        .toList();
        for (var id : change.lost()) {
            registry.counter("caresignal.source.leases.changes", "change", "lost").increment();
            if (streaming.contains(id)) {
                // Stops it and drops its working health and metrics: the new owner reports them.
                streams.forget(id);
            }
        }
        for (var id : change.won()) {
            registry.counter("caresignal.source.leases.changes", "change", "won").increment();
            if (streaming.contains(id)) {
                streams.reconcile(id);
            }
        }
        return change;
    }

    // After the streams are stopped (default observer priority), so none commits after release;
    // one that did would be refused anyway.
    void onStop(@Observes @Priority(5000) ShutdownEvent event) {
        try {
            leases.releaseAll();
        } catch (RuntimeException e) {
            Log.warnf(
                    "Could not release the connector leases (they expire on their own): %s",
                    e.toString());
        }
    }
}
