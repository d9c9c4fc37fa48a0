package org.caresignal.sentiment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One row of the append-only audit log ({@code audit_event}): who (the token's subject and
 * username), when, which action on which target, and for reads how many rows they returned.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    /** The longest target the column holds; longer ones are cut and marked. */
    public static final int MAX_TARGET = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(name = "subject", nullable = false, updatable = false)
    public String subject;

    @Column(name = "username", nullable = false, updatable = false)
    public String username;

    /** {@code <object>.<verb>}: mention.read, mention.search, rescore.run, audit.read, ... */
    @Column(name = "action", nullable = false, updatable = false)
    public String action;

    /** An id, or the filter of a read as a query string. */
    @Column(name = "target", updatable = false)
    public String target;

    /** Rows a read returned; null for changes. */
    @Column(name = "row_count", updatable = false)
    public Integer rowCount;

    /** Short, never a secret, never post text. */
    @Column(name = "detail", updatable = false)
    public String detail;
}
