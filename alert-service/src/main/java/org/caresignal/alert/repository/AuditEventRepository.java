package org.caresignal.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.query.NativeQuery;

/** The append-only audit log ({@code audit_event}): inserts and filtered, paged reads. */
@ApplicationScoped
public class AuditEventRepository {

    /** One stored audit row. */
    public record AuditEvent(
            long id,
            Instant occurredAt,
            String subject,
            String username,
            String action,
            String target,
            Integer rowCount,
            String detail) {}

    /** What to read: every set field narrows; {@code user} matches the username or subject. */
    public record Filter(String user, String action, Instant from, Instant to) {}

    private final EntityManager em;

    public AuditEventRepository(EntityManager em) {
        this.em = em;
    }

    public void insert(
            Instant occurredAt,
            String subject,
            String username,
            String action,
            String target,
            Integer rowCount,
            String detail) {
        // Typed bindings: a null target, row count or detail must not be sent as an untyped null.
        em.createNativeQuery(
                        "INSERT INTO audit_event (occurred_at, subject, username, action, target,"
                                + " row_count, detail) VALUES (:at, :subject, :username, :action,"
                                + " :target, :rowCount, :detail)")
                .unwrap(NativeQuery.class)
                .setParameter("at", Timestamp.from(occurredAt))
                .setParameter("subject", subject)
                .setParameter("username", username)
                .setParameter("action", action)
                .setParameter("target", target, String.class)
                .setParameter("rowCount", rowCount, Integer.class)
                .setParameter("detail", detail, String.class)
                .executeUpdate();
    }

    /** The matching rows, newest first, {@code size} of them from row {@code offset}. */
    @SuppressWarnings("unchecked")
    public List<AuditEvent> search(Filter filter, long offset, int size) {
        var params = new HashMap<String, Object>();
        var query =
                em.createNativeQuery(
                        "SELECT id, occurred_at, subject, username, action, target, row_count,"
                                + " detail FROM audit_event"
                                + where(filter, params)
                                + " ORDER BY occurred_at DESC, id DESC OFFSET :offset LIMIT :size");
        params.forEach(query::setParameter);
        query.setParameter("offset", offset).setParameter("size", size);
        var rows = new ArrayList<AuditEvent>();
        for (Object[] r : (List<Object[]>) query.getResultList()) {
            rows.add(
                    new AuditEvent(
                            ((Number) r[0]).longValue(),
                            instant(r[1]),
                            (String) r[2],
                            (String) r[3],
                            (String) r[4],
                            (String) r[5],
                            r[6] == null ? null : ((Number) r[6]).intValue(),
                            (String) r[7]));
        }
        return rows;
    }

    public long count(Filter filter) {
        var params = new HashMap<String, Object>();
        var query =
                em.createNativeQuery("SELECT count(*) FROM audit_event" + where(filter, params));
        params.forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }

    private static String where(Filter filter, Map<String, Object> params) {
        var clauses = new ArrayList<String>();
        if (filter.user() != null) {
            clauses.add("(username = :user OR subject = :user)");
            params.put("user", filter.user());
        }
        if (filter.action() != null) {
            clauses.add("action = :action");
            params.put("action", filter.action());
        }
        if (filter.from() != null) {
            clauses.add("occurred_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            clauses.add("occurred_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
