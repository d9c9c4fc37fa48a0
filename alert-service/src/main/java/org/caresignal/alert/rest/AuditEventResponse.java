package org.caresignal.alert.rest;

import java.time.Instant;
import org.caresignal.alert.repository.AuditEventRepository.AuditEvent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of the audit log as the API shows it. */
@Schema(name = "AuditEvent")
public record AuditEventResponse(
        @Schema(example = "4711") long id,
        @Schema(example = "2026-11-24T14:31:45.502Z") Instant occurredAt,
        @Schema(description = "The token's sub", example = "5c1f0d2e-8a7b-4b8e-9d51-0f6a8e1c2b3d")
                String subject,
        @Schema(description = "The token's username", example = "demo-responder") String username,
        @Schema(description = "<object>.<verb>", example = "incident.acknowledge") String action,
        @Schema(
                        description = "An id, or the filter of an audited read",
                        example = "c41e9a07-2d5b-4f8e-a3c6-7b10e5d94f21")
                String target,
        @Schema(description = "Rows an audited read returned; null for changes") Integer rowCount,
        @Schema(example = "OPEN -> ACKNOWLEDGED") String detail) {

    static AuditEventResponse from(AuditEvent e) {
        return new AuditEventResponse(
                e.id(),
                e.occurredAt(),
                e.subject(),
                e.username(),
                e.action(),
                e.target(),
                e.rowCount(),
                e.detail());
    }
}
