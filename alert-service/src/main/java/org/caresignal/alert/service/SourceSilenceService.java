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
 * brand, once per event id, whose explanation says why (a quiet, failing or rate-limited source,
 * and until when it is limited); repeats for the same connector fold into its unresolved one, and a
 * {@code SourceRecovered} of the connector resolves it, the audit saying how it ended (delivering
 * again, or disabled or deleted by an operator). It is routed like every incident, so a route
 * matching kind {@code SOURCE_SILENT} sends it (and its resolve) to the operations channel.
 */
@ApplicationScoped
public class SourceSilenceService {

    /** The actor of operational incidents. */
    public static final String ACTOR = "system:source-health";

    /** The prefix of the trigger that carries the silence's reason. */
    public static final String REASON_TRIGGER = "REASON:";

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
                        resolutionNote(event));
        return resolved.isPresent() ? Recovery.RESOLVED : Recovery.NO_INCIDENT;
    }

    /** The audit detail of a resolve by {@code SourceRecovered}: how the silence ended. */
    static String resolutionNote(SourceRecovered event) {
        var connector = "source " + event.source() + " (connector " + event.connectorId() + ")";
        var silence =
                "the silence since "
                        + event.silentSince()
                        + (event.silentFor() == null ? "" : " (" + event.silentFor() + ")");
        var resolution = event.resolution();
        if (SourceRecovered.DELETED.equals(resolution)) {
            return "connector deleted by an operator: "
                    + connector
                    + " is no longer polled, at "
                    + event.occurredAt()
                    + "; "
                    + silence
                    + " is not followed any more";
        }
        if (SourceRecovered.DISABLED.equals(resolution)) {
            return "connector disabled by an operator: "
                    + connector
                    + " is not polled, at "
                    + event.occurredAt()
                    + "; "
                    + silence
                    + " is not followed any more";
        }
        if (resolution == null || "DELIVERING".equals(resolution)) {
            return connector
                    + (event.firstItemAt() == null
                            ? " answers again (polled successfully) since "
                            : " delivers again since ")
                    + event.backAt()
                    + ", after "
                    + silence;
        }
        return connector + " resolved by the source (" + resolution + "), after " + silence;
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

    /**
     * The incident's explanation: triggers {@code SOURCE_SILENT:<connectorId>} and, when the event
     * says why, {@code REASON:<reason>} (the channels title a rate-limited or failing source by
     * it); the summary opens with what is wrong (rate-limited until when, failing, or quiet).
     */
    static Explanation explain(SourceSilent e) {
        var error = e.lastError();
        if (error != null && error.length() > MAX_ERROR) {
            error = error.substring(0, MAX_ERROR) + "…";
        }
        var connector = "Source " + e.source() + " (connector " + e.connectorId() + ")";
        var limit =
                e.rateLimitedUntil() == null ? "" : "rate-limited until " + e.rateLimitedUntil();
        String opening;
        if (SourceSilent.RATE_LIMITED.equals(e.reason())) {
            opening =
                    connector
                            + " is "
                            + (limit.isEmpty() ? "rate-limited" : limit)
                            + ": the source accepts no request before then, so no new post can"
                            + " arrive; no new post since "
                            + e.silentSince();
        } else if (SourceSilent.FAILING.equals(e.reason())) {
            opening =
                    connector
                            + " is failing: no new post since "
                            + e.silentSince()
                            + (limit.isEmpty() ? "" : "; " + limit);
        } else {
            opening =
                    connector
                            + " has delivered no new post since "
                            + e.silentSince()
                            + (limit.isEmpty() ? "" : "; " + limit);
        }
        var summary =
                opening
                        + (e.silentAfter() == null ? "" : " (silent after " + e.silentAfter() + ")")
                        + (e.lastItemAt() == null
                                ? "; no item ever"
                                : "; last item " + e.lastItemAt())
                        + (error == null ? "." : "; last error: " + error + ".")
                        + " Alerts of this brand may be missing while it is "
                        + (SourceSilent.RATE_LIMITED.equals(e.reason()) ? "limited." : "silent.");
        var triggers = new java.util.ArrayList<String>();
        triggers.add("SOURCE_SILENT:" + e.connectorId());
        if (e.reason() != null) {
            triggers.add(REASON_TRIGGER + e.reason());
        }
        return new Explanation(
                triggers,
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
