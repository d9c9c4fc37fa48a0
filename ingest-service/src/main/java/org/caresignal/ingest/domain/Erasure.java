package org.caresignal.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An erasure an admin requested: its kind, who asked and when, and how many mentions it named;
 * never the URL, handle or phrase it was asked by.
 */
@Entity
@Table(name = "erasure")
public class Erasure {

    @Id
    @Column(name = "erasure_id")
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    public ErasureKind kind;

    /** The token's subject of the admin who asked. */
    @Column(name = "requested_by_sub", nullable = false)
    public String requestedBySubject;

    /** The admin's username. */
    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "mention_count", nullable = false)
    public int mentionCount;
}
