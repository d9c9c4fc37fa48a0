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
import org.caresignal.alert.event.SourceSilent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a {@code SourceSilent} event into an operational incident ({@code SOURCE_SILENT}) of the
 * brand, once per event id; repeats for the same connector fold into its unresolved one. It is
 * routed like every incident, so a route matching kind {@code SOURCE_SILENT} sends it to the
 * operations channel.
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
        int fresh =
                em.createNativeQuery(
                                "INSERT INTO processed_event (event_id, event_type, processed_at)"
                                        + " VALUES (:id, :type, :at) ON CONFLICT DO NOTHING")
                        .setParameter("id", event.eventId())
                        .setParameter("type", SourceSilent.TYPE)
                        .setParameter("at", Timestamp.from(Instant.now()))
                        .executeUpdate();
        if (fresh == 0) {
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
