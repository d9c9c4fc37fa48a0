package org.caresignal.sentiment.rest;

import java.time.Instant;
import org.caresignal.sentiment.domain.AuditEvent;

/** One audit event as the audit API shows it. */
public record AuditEventResponse(
        long id,
        Instant occurredAt,
        String subject,
        String username,
        String action,
        String target,
        Integer rowCount,
        String detail) {

    public static AuditEventResponse from(AuditEvent event) {
        return new AuditEventResponse(
                event.id,
                event.occurredAt,
                event.subject,
                event.username,
                event.action,
                event.target,
                event.rowCount,
                event.detail);
    }
}
