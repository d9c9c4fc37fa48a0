package org.caresignal.alert.rest;

import java.time.Instant;
import java.util.UUID;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.domain.incident.Incident;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An incident as the API shows it: state, who acknowledged or resolved it, and why it fired. */
@Schema(name = "Incident")
public record IncidentResponse(
        UUID id,
        @Schema(example = "riverside-health") String brandId,
        @Schema(description = "null for a brand-wide incident", example = "riverside-north")
                String facilityId,
        @Schema(enumeration = {"SPIKE", "CRITICAL_POST", "SOURCE_SILENT"}) String kind,
        @Schema(description = "the connector id of a SOURCE_SILENT incident; null otherwise")
                String subject,
        @Schema(enumeration = {"LOW", "MEDIUM", "HIGH", "CRITICAL"}) String severity,
        @Schema(enumeration = {"OPEN", "ACKNOWLEDGED", "RESOLVED"}) String status,
        Instant openedAt,
        Instant updatedAt,
        String acknowledgedBy,
        Instant acknowledgedAt,
        String resolvedBy,
        Instant resolvedAt,
        Instant snoozedUntil,
        @Schema(description = "repeats and changes folded in since it opened") int updates,
        Explanation explanation,
        String dashboardUrl) {

    public static IncidentResponse from(
            Incident incident, Explanation explanation, String dashboardUrl) {
        return new IncidentResponse(
                incident.id,
                incident.brandId,
                incident.facilityId,
                incident.kind.name(),
                incident.subject,
                incident.severity.name(),
                incident.status.name(),
                incident.openedAt,
                incident.updatedAt,
                incident.acknowledgedBy,
                incident.acknowledgedAt,
                incident.resolvedBy,
                incident.resolvedAt,
                incident.snoozedUntil,
                incident.updates,
                explanation,
                dashboardUrl);
    }
}
