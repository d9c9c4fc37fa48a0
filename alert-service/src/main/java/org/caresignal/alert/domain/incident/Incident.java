package org.caresignal.alert.domain.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.alert.domain.detection.Severity;

/**
 * One incident of a brand (or facility) and kind, with the lifecycle rules: OPEN → ACKNOWLEDGED →
 * RESOLVED, re-open within the cooldown, snooze; the explanation is stored as JSON.
 */
@Entity
@Table(name = "incident")
public class Incident {

    @Id
    @Column(name = "id", nullable = false)
    public UUID id;

    @Column(name = "brand_id", nullable = false, length = 64)
    public String brandId;

    @Column(name = "facility_id", length = 64)
    public String facilityId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 32)
    public IncidentKind kind;

    /** What the incident is about within brand, facility and kind (a SOURCE_SILENT connector). */
    @Column(name = "subject", length = 128)
    public String subject;

    @Enumerated(EnumType.STRING)
    @Column(name = "severity", nullable = false, length = 16)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    public IncidentStatus status;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by", length = 255)
    public String acknowledgedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolved_by", length = 255)
    public String resolvedBy;

    @Column(name = "snoozed_until")
    public Instant snoozedUntil;

    /** How many repeats and changes have folded into this incident since it opened. */
    @Column(name = "updates", nullable = false)
    public int updates;

    @Column(name = "explanation", nullable = false)
    public String explanation;

    /** Escalation steps already taken while nobody acknowledged (see the route's escalation). */
    @Column(name = "escalation_step", nullable = false)
    public int escalationStep;

    /** When the escalation clock started: the opening, or the latest re-opening. */
    @Column(name = "escalation_since", nullable = false)
    public Instant escalationSince;

    /** A new open incident. */
    public static Incident open(
            String brandId,
            String facilityId,
            IncidentKind kind,
            Severity severity,
            String explanation,
            Instant now) {
        var incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.brandId = brandId;
        incident.facilityId = facilityId;
        incident.kind = kind;
        incident.severity = severity;
        incident.status = IncidentStatus.OPEN;
        incident.openedAt = now;
        incident.updatedAt = now;
        incident.explanation = explanation;
        incident.escalationSince = now;
        return incident;
    }

    /** OPEN → ACKNOWLEDGED. */
    public void acknowledge(String actor, Instant now) {
        if (status != IncidentStatus.OPEN) {
            throw new IllegalTransitionException(
                    "an incident can be acknowledged only when OPEN; it is " + status);
        }
        status = IncidentStatus.ACKNOWLEDGED;
        acknowledgedAt = now;
        acknowledgedBy = actor;
        updatedAt = now;
    }

    /** OPEN or ACKNOWLEDGED → RESOLVED. */
    public void resolve(String actor, Instant now) {
        if (status == IncidentStatus.RESOLVED) {
            throw new IllegalTransitionException("the incident is already RESOLVED");
        }
        status = IncidentStatus.RESOLVED;
        resolvedAt = now;
        resolvedBy = actor;
        snoozedUntil = null;
        updatedAt = now;
    }

    /** Mutes notifications of an unresolved incident until {@code until}. */
    public void snooze(Instant until, Instant now) {
        if (status == IncidentStatus.RESOLVED) {
            throw new IllegalTransitionException("a RESOLVED incident cannot be snoozed");
        }
        if (!until.isAfter(now)) {
            throw new IllegalArgumentException("the snooze must end in the future");
        }
        snoozedUntil = until;
        updatedAt = now;
    }

    /** True while a snooze is running. */
    public boolean snoozed(Instant now) {
        return snoozedUntil != null && snoozedUntil.isAfter(now);
    }

    /** Whether a repeat at {@code now} re-opens this resolved incident rather than paging anew. */
    public boolean inCooldown(Instant now, java.time.Duration cooldown) {
        return status == IncidentStatus.RESOLVED
                && resolvedAt != null
                && !now.isAfter(resolvedAt.plus(cooldown));
    }

    /** RESOLVED → OPEN, for a repeat within the cooldown. */
    public void reopen(Instant now) {
        if (status != IncidentStatus.RESOLVED) {
            throw new IllegalTransitionException("only a RESOLVED incident can re-open");
        }
        status = IncidentStatus.OPEN;
        resolvedAt = null;
        resolvedBy = null;
        acknowledgedAt = null;
        acknowledgedBy = null;
        escalationStep = 0;
        escalationSince = now;
        updates++;
        updatedAt = now;
    }

    /**
     * A repeat of the same brand and kind folds in: the severity only rises, the explanation is the
     * newest; true when the severity rose.
     */
    public boolean fold(Severity newSeverity, String newExplanation, Instant now) {
        boolean rose = newSeverity.compareTo(severity) > 0;
        if (rose) {
            severity = newSeverity;
        }
        explanation = newExplanation;
        updates++;
        updatedAt = now;
        return rose;
    }
}
