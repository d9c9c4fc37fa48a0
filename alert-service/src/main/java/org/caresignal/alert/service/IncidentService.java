package org.caresignal.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.Actor;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.domain.incident.IllegalTransitionException;
import org.caresignal.alert.domain.incident.Incident;
import org.caresignal.alert.domain.incident.IncidentAudit;
import org.caresignal.alert.domain.incident.IncidentKind;
import org.caresignal.alert.domain.incident.IncidentStatus;
import org.caresignal.alert.domain.routing.EscalationClock;
import org.caresignal.alert.domain.routing.Route;
import org.caresignal.alert.domain.routing.Routing;
import org.caresignal.alert.event.AlertEvent;
import org.caresignal.alert.repository.AlertOutboxRepository;
import org.caresignal.alert.repository.DeliveryRepository;
import org.caresignal.alert.repository.IncidentAuditRepository;
import org.caresignal.alert.repository.IncidentRepository;
import org.caresignal.alert.repository.IncidentSampleRepository;

/**
 * The incident lifecycle: raises, folds, re-opens and resolves incidents for the detector and the
 * critical-post rules, and applies people's acknowledge / resolve / snooze; every change is audited
 * and written to the outbox for {@code alerts.v1} in the same transaction.
 */
@ApplicationScoped
public class IncidentService {

    /** Thrown when an incident id is unknown. */
    public static class NotFoundException extends RuntimeException {
        public NotFoundException(UUID id) {
            super("no incident " + id);
        }
    }

    /** The actor of escalation steps. */
    public static final String ESCALATION = "system:escalation";

    private final IncidentRepository incidents;
    private final IncidentAuditRepository audits;
    private final AlertOutboxRepository outbox;
    private final ObjectMapper mapper;
    private final Event<IncidentChanged> changed;
    private final AlertConfig config;
    private final MeterRegistry registry;
    private final DeliveryRepository deliveries;
    private final AuditLog auditLog;
    private final IncidentSampleRepository samples;
    private final Clock clock = Clock.systemUTC();

    public IncidentService(
            IncidentRepository incidents,
            IncidentAuditRepository audits,
            AlertOutboxRepository outbox,
            ObjectMapper mapper,
            Event<IncidentChanged> changed,
            AlertConfig config,
            MeterRegistry registry,
            DeliveryRepository deliveries,
            AuditLog auditLog,
            IncidentSampleRepository samples) {
        this.samples = samples;
        this.deliveries = deliveries;
        this.auditLog = auditLog;
        this.incidents = incidents;
        this.audits = audits;
        this.outbox = outbox;
        this.mapper = mapper;
        this.changed = changed;
        this.config = config;
        this.registry = registry;
    }

    /**
     * A trigger of {@code kind} for the brand (or facility): folds into the unresolved incident,
     * re-opens one resolved within the cooldown, or opens (pages) a new one. Must run in a
     * transaction.
     */
    public Incident raise(
            String brandId,
            String facilityId,
            IncidentKind kind,
            Severity severity,
            Explanation explanation,
            String actor) {
        return raise(brandId, facilityId, kind, null, severity, explanation, actor);
    }

    /**
     * {@link #raise} for one {@code subject} of the kind (a silent source's connector id): repeats
     * fold per subject.
     */
    public Incident raise(
            String brandId,
            String facilityId,
            IncidentKind kind,
            String subject,
            Severity severity,
            Explanation explanation,
            String actor) {
        var now = clock.instant();
        var json = write(explanation);
        var open = incidents.findUnresolvedForUpdate(brandId, facilityId, kind, subject);
        if (open.isPresent()) {
            var incident = open.get();
            var before = incident.severity;
            boolean rose = incident.fold(severity, json, now);
            record(
                    incident,
                    AlertEvent.UPDATED,
                    actor,
                    "FOLDED",
                    incident.status,
                    rose
                            ? "repeat folded in; severity " + before + " -> " + incident.severity
                            : "repeat folded in: " + explanation.summary());
            return incident;
        }
        var last = incidents.findLastResolved(brandId, facilityId, kind, subject);
        if (last.isPresent() && last.get().inCooldown(now, config.incidents().cooldown())) {
            var incident = last.get();
            incident.reopen(now);
            incident.fold(severity, json, now);
            record(
                    incident,
                    AlertEvent.UPDATED,
                    actor,
                    "REOPENED",
                    IncidentStatus.RESOLVED,
                    "re-opened within the cooldown: " + explanation.summary());
            return incident;
        }
        var incident = Incident.open(brandId, facilityId, kind, severity, json, now);
        incident.subject = subject;
        incidents.persist(incident);
        registry.counter("caresignal.incidents.raised", "kind", kind.name()).increment();
        Log.infof(
                "Incident %s raised for %s%s (%s, %s)",
                incident.id, brandId, facilityId == null ? "" : "/" + facilityId, kind, severity);
        record(incident, AlertEvent.RAISED, actor, "RAISED", null, explanation.summary());
        return incident;
    }

    /** The detector saw the episode worsen: folds into the unresolved incident, if any. */
    public void escalate(
            String brandId, String facilityId, Severity severity, Explanation explanation) {
        var open = incidents.findUnresolvedForUpdate(brandId, facilityId, IncidentKind.SPIKE);
        if (open.isEmpty()) {
            return; // a person resolved it while the episode went on; nothing to update
        }
        var incident = open.get();
        var before = incident.severity;
        boolean rose = incident.fold(severity, write(explanation), clock.instant());
        // Only a higher severity is news for the people paged; a trigger joining the episode at the
        // same severity updates the explanation quietly (channels are not notified of FOLDED).
        record(
                incident,
                AlertEvent.UPDATED,
                IncidentAudit.DETECTOR,
                rose ? "ESCALATED" : "FOLDED",
                incident.status,
                rose
                        ? "severity "
                                + before
                                + " -> "
                                + incident.severity
                                + ": "
                                + explanation.summary()
                        : "the episode goes on ("
                                + String.join(", ", explanation.triggers())
                                + "): "
                                + explanation.summary());
    }

    /** The detector's episode has clearly passed: resolves the unresolved spike incident. */
    public void autoResolve(String brandId, String facilityId, String why) {
        var open = incidents.findUnresolvedForUpdate(brandId, facilityId, IncidentKind.SPIKE);
        if (open.isEmpty()) {
            return;
        }
        var incident = open.get();
        var from = incident.status;
        incident.resolve(IncidentAudit.DETECTOR, clock.instant());
        record(incident, AlertEvent.RESOLVED, IncidentAudit.DETECTOR, "RESOLVED", from, why);
    }

    /**
     * Resolves the unresolved incident of the kind for one subject (a silent source's connector id
     * that delivers again), as {@code actor}; empty when there is none. Must run in a transaction.
     */
    public java.util.Optional<Incident> resolveSubject(
            String brandId,
            String facilityId,
            IncidentKind kind,
            String subject,
            String actor,
            String why) {
        var open = incidents.findUnresolvedForUpdate(brandId, facilityId, kind, subject);
        if (open.isEmpty()) {
            return open;
        }
        var incident = open.get();
        var from = incident.status;
        incident.resolve(actor, clock.instant());
        record(incident, AlertEvent.RESOLVED, actor, "RESOLVED", from, why);
        return open;
    }

    /** A person acknowledges an OPEN incident: audited in the timeline and the audit log. */
    @Transactional
    public Incident acknowledge(UUID id, Actor actor, String note) {
        var incident = locked(id);
        var from = incident.status;
        incident.acknowledge(actor.username(), clock.instant());
        record(
                incident,
                AlertEvent.UPDATED,
                actor.username(),
                "ACKNOWLEDGED",
                from,
                noteOr(note, "acknowledged"));
        auditLog.change(
                actor, "incident.acknowledge", id.toString(), from + " -> " + incident.status);
        return incident;
    }

    /** A person resolves an unresolved incident by hand. */
    @Transactional
    public Incident resolve(UUID id, Actor actor, String note) {
        var incident = locked(id);
        var from = incident.status;
        incident.resolve(actor.username(), clock.instant());
        record(
                incident,
                AlertEvent.RESOLVED,
                actor.username(),
                "RESOLVED",
                from,
                noteOr(note, "resolved by hand"));
        auditLog.change(actor, "incident.resolve", id.toString(), from + " -> " + incident.status);
        return incident;
    }

    /** A person mutes an unresolved incident's notifications for {@code duration}. */
    @Transactional
    public Incident snooze(UUID id, Actor actor, Duration duration, String note) {
        if (duration.isNegative()
                || duration.isZero()
                || duration.compareTo(config.incidents().maxSnooze()) > 0) {
            throw new IllegalArgumentException(
                    "minutes must be between 1 and " + config.incidents().maxSnooze().toMinutes());
        }
        var incident = locked(id);
        var now = clock.instant();
        if (incident.status == IncidentStatus.RESOLVED) {
            throw new IllegalTransitionException("a RESOLVED incident cannot be snoozed");
        }
        incident.snooze(now.plus(duration), now);
        record(
                incident,
                AlertEvent.UPDATED,
                actor.username(),
                "SNOOZED",
                incident.status,
                noteOr(note, "snoozed until " + incident.snoozedUntil));
        auditLog.change(
                actor, "incident.snooze", id.toString(), "snoozed until " + incident.snoozedUntil);
        return incident;
    }

    @Transactional
    public Incident get(UUID id) {
        var incident = incidents.findById(id);
        if (incident == null) {
            throw new NotFoundException(id);
        }
        return incident;
    }

    @Transactional
    public List<IncidentAudit> trail(UUID id) {
        return audits.trail(id);
    }

    @Transactional
    public List<Incident> search(
            String brandId, IncidentStatus status, Severity severity, int limit) {
        return incidents.search(brandId, status, severity, limit);
    }

    public Explanation explanationOf(Incident incident) {
        try {
            return mapper.readValue(incident.explanation, Explanation.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored explanation of " + incident.id + " unreadable", e);
        }
    }

    public String dashboardLink(UUID id) {
        return config.incidents().dashboardUrl().replaceFirst("/+$", "") + "/incidents/" + id;
    }

    private Incident locked(UUID id) {
        var incident = incidents.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (incident == null) {
            throw new NotFoundException(id);
        }
        return incident;
    }

    /**
     * Takes the escalation steps of an {@code OPEN}, unsnoozed incident that are due at {@code now}
     * under the escalation policy of its routes ({@link EscalationClock}: counted from the release
     * of the escalating route's trigger or the end of a snooze, quiet hours not counting): each
     * step once (the taken count is persisted under the row lock), audited as {@code
     * system:escalation} and notified to the step's channels only. Returns how many steps were
     * taken.
     */
    @Transactional
    public int escalateUnacknowledged(UUID id, List<Route> routes, Instant now) {
        var incident = incidents.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (incident == null || incident.status != IncidentStatus.OPEN || incident.snoozed(now)) {
            return 0; // acknowledged, resolved or snoozed meanwhile: escalation stops
        }
        var route =
                Routing.escalatingRoute(
                        Routing.match(
                                routes,
                                incident.brandId,
                                incident.facilityId,
                                incident.kind,
                                incident.severity));
        if (route.isEmpty()) {
            return 0;
        }
        var steps = route.get().escalation();
        if (incident.escalationStep >= steps.size()) {
            return 0;
        }
        var sent =
                deliveries.trigger(incident.id, route.get().channelIds(), incident.escalationSince);
        var trigger = new EscalationClock.TriggerRelease(sent.held(), sent.releasedAt());
        int taken = 0;
        while (incident.escalationStep < steps.size()) {
            var step = steps.get(incident.escalationStep);
            if (!EscalationClock.due(
                    incident.escalationSince,
                    incident.snoozedUntil,
                    trigger,
                    step.after(),
                    route.get().quietHours(),
                    incident.severity,
                    now)) {
                break;
            }
            incident.escalationStep++;
            incident.updates++;
            // Due-ness is judged at the tick's time; the change itself happens now.
            incident.updatedAt = clock.instant();
            record(
                    incident,
                    AlertEvent.UPDATED,
                    ESCALATION,
                    "ESCALATED",
                    incident.status,
                    "not acknowledged within "
                            + step.after()
                            + ": escalation step "
                            + incident.escalationStep
                            + " of "
                            + steps.size()
                            + " notifies "
                            + step.channelIds().size()
                            + " channel(s)",
                    step.channelIds());
            taken++;
        }
        return taken;
    }

    private void record(
            Incident incident,
            String eventType,
            String actor,
            String action,
            IncidentStatus from,
            String detail) {
        record(incident, eventType, actor, action, from, detail, null);
    }

    private void record(
            Incident incident,
            String eventType,
            String actor,
            String action,
            IncidentStatus from,
            String detail,
            List<UUID> targets) {
        var now = incident.updatedAt;
        audits.persist(
                IncidentAudit.of(incident.id, now, actor, action, from, incident.status, detail));
        var explanation = explanationOf(incident);
        var event =
                new AlertEvent(
                        UUID.randomUUID(),
                        eventType,
                        AlertEvent.SCHEMA_VERSION,
                        now,
                        incident.id,
                        incident.brandId,
                        incident.facilityId,
                        incident.kind.name(),
                        incident.severity.name(),
                        incident.status.name(),
                        action,
                        actor,
                        explanation.triggers(),
                        explanation.window(),
                        explanation.counts(),
                        explanation.baseline(),
                        explanation.threshold(),
                        explanation.pValue(),
                        explanation.effectSize(),
                        explanation.samples(),
                        explanation.summary(),
                        dashboardLink(incident.id),
                        incident.openedAt,
                        incident.snoozedUntil,
                        incident.updates,
                        explanation.aspects());
        // Excerpts stay out of alerts.v1 (its readers are other systems, not channels an admin
        // allowed them for); links travel as before. Deliveries get what their channel allows.
        outbox.add(
                event.eventId(),
                incident.brandId,
                incident.id,
                write(event.withSamples(withoutExcerpts(event.samples()))));
        samples.record(incident.id, explanation.samples());
        changed.fire(new IncidentChanged(event, targets));
    }

    private static List<Explanation.Sample> withoutExcerpts(List<Explanation.Sample> samples) {
        return samples.stream()
                .map(x -> new Explanation.Sample(x.mentionId(), x.url(), null))
                .toList();
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private static String noteOr(String note, String fallback) {
        return note == null || note.isBlank() ? fallback : note;
    }
}
