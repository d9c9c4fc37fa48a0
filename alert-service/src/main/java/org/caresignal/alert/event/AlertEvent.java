package org.caresignal.alert.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.domain.incident.Explanation;

/**
 * The {@code AlertRaised}, {@code AlertUpdated} and {@code AlertResolved} v1 events written to
 * {@code alerts.v1} (key: brand id): the envelope, the incident's state, and why it fired.
 *
 * @param facilityId null for a brand-wide incident
 * @param pValue null for a critical post
 * @param effectSize null for a critical post
 * @param snoozedUntil null unless a snooze is running
 * @param aspects optional (added in v1 without a version bump): the aspects driving the incident;
 *     empty when unknown
 */
public record AlertEvent(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        UUID incidentId,
        String brandId,
        String facilityId,
        String kind,
        String severity,
        String status,
        String change,
        String actor,
        List<String> triggers,
        Explanation.Window window,
        Explanation.Counts counts,
        Explanation.Baseline baseline,
        Explanation.Threshold threshold,
        Double pValue,
        Double effectSize,
        List<Explanation.Sample> samples,
        String summary,
        String dashboardUrl,
        Instant openedAt,
        Instant snoozedUntil,
        int updates,
        List<Explanation.Aspect> aspects) {

    public AlertEvent {
        aspects = aspects == null ? List.of() : List.copyOf(aspects);
    }

    /** This event with other samples (what a channel or a reader may see of them). */
    public AlertEvent withSamples(List<Explanation.Sample> replaced) {
        return new AlertEvent(
                eventId,
                eventType,
                schemaVersion,
                occurredAt,
                incidentId,
                brandId,
                facilityId,
                kind,
                severity,
                status,
                change,
                actor,
                triggers,
                window,
                counts,
                baseline,
                threshold,
                pValue,
                effectSize,
                replaced,
                summary,
                dashboardUrl,
                openedAt,
                snoozedUntil,
                updates,
                aspects);
    }

    public static final String RAISED = "AlertRaised";
    public static final String UPDATED = "AlertUpdated";
    public static final String RESOLVED = "AlertResolved";
    public static final int SCHEMA_VERSION = 1;
}
