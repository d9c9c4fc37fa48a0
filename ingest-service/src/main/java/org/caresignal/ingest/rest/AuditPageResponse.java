package org.caresignal.ingest.rest;

import java.time.Instant;
import java.util.List;
import org.caresignal.ingest.domain.AuditEvent;
import org.caresignal.ingest.service.AuditLog;

/** One page of the audit log, newest first, with the number of rows matching in all. */
public record AuditPageResponse(List<Item> items, int page, int size, long total) {

    /** One audit row. */
    public record Item(
            long id,
            Instant occurredAt,
            String subject,
            String username,
            String action,
            String target,
            Integer rowCount,
            String detail) {

        static Item from(AuditEvent e) {
            return new Item(
                    e.id,
                    e.occurredAt,
                    e.subject,
                    e.username,
                    e.action,
                    e.target,
                    e.rowCount,
                    e.detail);
        }
    }

    static AuditPageResponse of(AuditLog.Result result, AuditLog.Query query) {
        return new AuditPageResponse(
                result.items().stream().map(Item::from).toList(),
                query.page(),
                query.size(),
                result.total());
    }
}
