package org.caresignal.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;
import org.caresignal.ingest.domain.Actor;
import org.caresignal.ingest.domain.AuditEvent;
import org.caresignal.ingest.repository.AuditEventRepository;

/**
 * Writes the audit log in the transaction of the change it records (so a change without its row, or
 * a row without its change, cannot be committed) and answers filtered, paged reads of it, each of
 * which is audited too.
 */
@ApplicationScoped
public class AuditLog {

    /** What the caller asked for: any filter may be null; {@code to} is exclusive. */
    public record Query(String user, String action, Instant from, Instant to, int page, int size) {}

    /** One page of rows, newest first, and how many match in all. */
    public record Result(List<AuditEvent> items, long total) {}

    private final AuditEventRepository events;

    public AuditLog(AuditEventRepository events) {
        this.events = events;
    }

    /** Records a change; must run inside the change's transaction. */
    @Transactional(TxType.MANDATORY)
    public void change(Actor actor, String action, String target, String detail) {
        events.persist(AuditEvent.of(actor, action, target, null, detail));
    }

    /**
     * One page of the log, recorded as {@code audit.read} with the filter and the number of rows
     * returned before it is handed out.
     *
     * @param filter the query as the caller sent it, kept as the row's target
     */
    @Transactional
    public Result read(Actor actor, Query query, String filter) {
        var items =
                events.search(
                        query.user(),
                        query.action(),
                        query.from(),
                        query.to(),
                        query.page(),
                        query.size());
        var total = events.countMatching(query.user(), query.action(), query.from(), query.to());
        events.persist(AuditEvent.of(actor, "audit.read", filter, items.size(), null));
        events.flush();
        return new Result(items, total);
    }
}
