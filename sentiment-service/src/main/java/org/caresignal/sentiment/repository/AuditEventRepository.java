package org.caresignal.sentiment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.sentiment.domain.AuditEvent;

/** Appends to and reads the audit log; it never updates or deletes (the table refuses both). */
@ApplicationScoped
public class AuditEventRepository implements PanacheRepository<AuditEvent> {

    /**
     * Filters of an audit query; null means "any". {@code user} matches the username or the
     * subject.
     */
    public record Filter(String user, String action, Instant from, Instant to) {}

    /** One page of matching events, newest first. */
    public List<AuditEvent> search(Filter filter, int page, int size) {
        var params = new HashMap<String, Object>();
        var where = where(filter, params);
        return find(
                        "from AuditEvent e where "
                                + where
                                + " order by e.occurredAt desc, e.id desc",
                        params)
                .page(Page.of(page, size))
                .list();
    }

    public long countMatching(Filter filter) {
        var params = new HashMap<String, Object>();
        return count("from AuditEvent e where " + where(filter, params), params);
    }

    private static String where(Filter f, Map<String, Object> params) {
        var where = new StringBuilder("1 = 1");
        if (f.user() != null) {
            where.append(" and (e.username = :user or e.subject = :user)");
            params.put("user", f.user());
        }
        if (f.action() != null) {
            where.append(" and e.action = :action");
            params.put("action", f.action());
        }
        if (f.from() != null) {
            where.append(" and e.occurredAt >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            where.append(" and e.occurredAt < :to");
            params.put("to", f.to());
        }
        return where.toString();
    }
}
