package org.caresignal.alert.rest;

import java.time.Instant;
import java.util.List;
import org.caresignal.alert.domain.incident.IncidentAudit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One incident with its audit trail, oldest change first. */
@Schema(name = "IncidentDetail")
public record IncidentDetailResponse(IncidentResponse incident, List<AuditEntry> audit) {

    /** One audited change: who, when, what. */
    @Schema(name = "IncidentAuditEntry")
    public record AuditEntry(
            Instant at,
            @Schema(example = "alex@riverside.example") String actor,
            @Schema(example = "ACKNOWLEDGED") String action,
            String fromStatus,
            String toStatus,
            String detail) {

        public static AuditEntry from(IncidentAudit a) {
            return new AuditEntry(
                    a.at,
                    a.actor,
                    a.action,
                    a.fromStatus == null ? null : a.fromStatus.name(),
                    a.toStatus.name(),
                    a.detail);
        }
    }
}
