package org.caresignal.alert.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.domain.incident.IncidentKind;
import org.caresignal.alert.event.SourceRecovered;
import org.caresignal.alert.event.SourceSilent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a {@code SourceSilent} event into an operational incident ({@code SOURCE_SILENT}) of the
 * brand, once per event id; repeats for the same connector fold into its unresolved one, and a
 * {@code SourceRecovered} of the connector resolves it. It is routed like every incident, so a
 * route matching kind {@code SOURCE_SILENT} sends it (and its resolve) to the operations channel.
 */
@ApplicationScoped
public class SourceSilenceService {

    /** The actor of operational incidents. */
    public static final String ACTOR = "system:source-health";

    private static final int MAX_ERROR = 200;

    private final IncidentService incidents;
    private final EntityManager em;
    private final Severity severity;

    public SourceSilenceService(
            IncidentService incidents,
            EntityManager em,
            @ConfigProperty(name = "caresignal.source-silent.severity") Severity severity) {
        this.incidents = incidents;
        this.em = em;
        this.severity = severity;
    }

    /** Raises (or folds) the operational incident; false when the event was already processed. */
    @Transactional
    public boolean onSilent(SourceSilent event) {
        if (!firstTime(event.eventId(), SourceSilent.TYPE)) {
            Log.debugf("SourceSilent %s already processed", event.eventId());
            return false;
        }
        incidents.raise(
                event.brandId(),
                null,
                IncidentKind.SOURCE_SILENT,
                event.connectorId(),
                severity,
                explain(event),
                ACTOR);
        return true;
    }

    /** What a {@code SourceRecovered} did. */
    public enum Recovery {
        /** The connector's open or acknowledged SOURCE_SILENT incident was resolved. */
        RESOLVED,
        /** No unresolved incident of the connector (resolved by a person, or never raised). */
        NO_INCIDENT,
        /** The event was processed before (a redelivery). */
        DUPLICATE
    }

    /**
     * Resolves the connector's unresolved {@code SOURCE_SILENT} incident as {@link #ACTOR}
     * (audited, {@code AlertResolved} published, resolve notifications routed like every change),
     * once per event id; without such an incident it changes nothing.
     */
    @Transactional
    public Recovery onRecovered(SourceRecovered event) {
        if (!firstTime(event.eventId(), SourceRecovered.TYPE)) {
            Log.debugf("SourceRecovered %s already processed", event.eventId());
            return Recovery.DUPLICATE;
        }
        var resolved =
                incidents.resolveSubject(
                        event.brandId(),
                        null,
                        IncidentKind.SOURCE_SILENT,
                        event.connectorId(),
                        ACTOR,
                        "source "
                                + event.source()
                                + " (connector "
                                + event.connectorId()
                                + ") delivers again since "
                                + event.backAt()
                                + ", after a silence since "
                                + event.silentSince()
                                + (event.silentFor() == null
                                        ? ""
                                        : " (" + event.silentFor() + ")"));
        return resolved.isPresent() ? Recovery.RESOLVED : Recovery.NO_INCIDENT;
    }

    private boolean firstTime(java.util.UUID eventId, String type) {
        return em.createNativeQuery(
                                "INSERT INTO processed_event (event_id, event_type, processed_at)"
                                        + " VALUES (:id, :type, :at) ON CONFLICT DO NOTHING")
                        .setParameter("id", eventId)
                        .setParameter("type", type)
                        .setParameter("at", Timestamp.from(Instant.now()))
                        .executeUpdate()
                == 1;
    }

    static Explanation explain(SourceSilent e) {
        var error = e.lastError();
        if (error != null && error.length() > MAX_ERROR) {
            error = error.substring(0, MAX_ERROR) + "…";
        }
        var summary =
                "Source "
                        + e.source()
                        + " (connector "
                        + e.connectorId()
                        + ") has delivered no new post since "
                        + e.silentSince()
                        + (e.silentAfter() == null ? "" : " (silent after " + e.silentAfter() + ")")
                        + (e.lastItemAt() == null
                                ? "; no item ever"
                                : "; last item " + e.lastItemAt())
                        + (error == null ? "." : "; last error: " + error + ".")
                        + " Alerts of this brand may be missing while it is silent.";
        return new Explanation(
                List.of("SOURCE_SILENT:" + e.connectorId()),
                new Explanation.Window(e.silentSince(), e.occurredAt()),
                new Explanation.Counts(0, 0),
                new Explanation.Baseline("source-items", 0, 0),
                new Explanation.Threshold(0, 0, 0, 0),
                null,
                null,
                List.of(),
                summary,
                List.of());
    }
}
