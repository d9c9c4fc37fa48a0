package org.caresignal.alert.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.caresignal.alert.domain.incident.Incident;
import org.caresignal.alert.domain.routing.Route;
import org.caresignal.alert.domain.routing.Routing;
import org.caresignal.alert.repository.IncidentRepository;
import org.caresignal.alert.repository.RouteRepository;

/**
 * Periodically escalates {@code OPEN} incidents nobody acknowledged in time, following the
 * escalation steps of their routes. Each incident is escalated in its own transaction under a row
 * lock, and the steps taken are persisted, so a step happens once across restarts and instances.
 */
@ApplicationScoped
public class EscalationTicker {

    private static final int BATCH = 10_000;

    private final IncidentService incidents;
    private final IncidentRepository repository;
    private final RouteRepository routes;

    public EscalationTicker(
            IncidentService incidents, IncidentRepository repository, RouteRepository routes) {
        this.incidents = incidents;
        this.repository = repository;
        this.routes = routes;
    }

    @Scheduled(
            every = "${caresignal.escalation.tick}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            escalate(Instant.now());
        } catch (RuntimeException e) {
            Log.warnf("Escalating incidents failed, retrying on the next tick: %s", e);
        }
    }

    /** Takes every escalation step due at {@code now}; returns how many were taken. */
    public int escalate(Instant now) {
        var enabled = QuarkusTransaction.requiringNew().call(routes::enabled);
        if (enabled.stream().allMatch(r -> r.escalation().isEmpty())) {
            return 0;
        }
        // Pre-filter without locks on the earliest a step can be due (the opening plus its
        // delay); the service applies the full EscalationClock under the incident's row lock.
        var due =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        repository.openForEscalation(now, BATCH).stream()
                                                .filter(i -> due(i, enabled, now))
                                                .map(i -> i.id)
                                                .toList());
        int taken = 0;
        for (var id : due) {
            taken += incidents.escalateUnacknowledged(id, enabled, now);
        }
        return taken;
    }

    private static boolean due(Incident i, List<Route> routes, Instant now) {
        var steps =
                Routing.escalationOf(
                        Routing.match(routes, i.brandId, i.facilityId, i.kind, i.severity));
        return i.escalationStep < steps.size()
                && !now.isBefore(i.escalationSince.plus(steps.get(i.escalationStep).after()));
    }
}
