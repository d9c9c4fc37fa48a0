package org.caresignal.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.caresignal.ingest.domain.AuditEvent;

/** The audit log: rows are added and read, never changed (the database refuses it anyway). */
@ApplicationScoped
public class AuditEventRepository implements PanacheRepository<AuditEvent> {

    /** One page of the rows matching the filter (any part may be null), newest first. */
    public List<AuditEvent> search(
            String user, String action, Instant from, Instant to, int page, int size) {
        var where = where(user, action, from, to);
        return find(where.query() + " order by occurredAt desc, id desc", where.parameters())
                .page(Page.of(page, size))
                .list();
    }

    /** How many rows match the filter in all. */
    public long countMatching(String user, String action, Instant from, Instant to) {
        var where = where(user, action, from, to);
        return where.query().isEmpty() ? count() : count(where.query(), where.parameters());
    }

    private record Where(String query, Parameters parameters) {}

    private static Where where(String user, String action, Instant from, Instant to) {
        var clauses = new ArrayList<String>();
        var parameters = new Parameters();
        if (user != null) {
            clauses.add("(username = :user or subject = :user)");
            parameters.and("user", user);
        }
        if (action != null) {
            clauses.add("action = :action");
            parameters.and("action", action);
        }
        if (from != null) {
            clauses.add("occurredAt >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            clauses.add("occurredAt < :to");
            parameters.and("to", to);
        }
        return new Where(String.join(" and ", clauses), parameters);
    }
}
