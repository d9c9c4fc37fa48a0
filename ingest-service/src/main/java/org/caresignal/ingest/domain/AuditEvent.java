package org.caresignal.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One row of the append-only audit log: who (subject and username), when, which action on which
 * target, and for reads how many rows; the database refuses to change or delete it.
 */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent {

    /** Longest target kept; a longer one (a long filter) is cut. */
    public static final int MAX_TARGET = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "subject", nullable = false)
    public String subject;

    @Column(name = "username", nullable = false)
    public String username;

    @Column(name = "action", nullable = false)
    public String action;

    @Column(name = "target")
    public String target;

    @Column(name = "row_count")
    public Integer rowCount;

    @Column(name = "detail")
    public String detail;

    /** A new row for this actor and action, not yet stored. */
    public static AuditEvent of(
            Actor actor, String action, String target, Integer rowCount, String detail) {
        var e = new AuditEvent();
        e.occurredAt = Instant.now();
        e.subject = cut(actor.subject(), 255);
        e.username = cut(actor.username(), 255);
        e.action = action;
        e.target = cut(target, MAX_TARGET);
        e.rowCount = rowCount;
        e.detail = detail;
        return e;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
