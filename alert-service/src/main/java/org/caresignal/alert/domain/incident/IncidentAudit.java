package org.caresignal.alert.domain.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One audited change of an incident: who did what, when, and the status before and after. */
@Entity
@Table(name = "incident_audit")
public class IncidentAudit {

    /** The person or component that made the change when it was not a person. */
    public static final String DETECTOR = "system:detector";

    public static final String CRITICAL_RULES = "system:critical-post-rules";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false)
    public Long id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(name = "at", nullable = false)
    public Instant at;

    @Column(name = "actor", nullable = false, length = 255)
    public String actor;

    @Column(name = "action", nullable = false, length = 32)
    public String action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", length = 16)
    public IncidentStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false, length = 16)
    public IncidentStatus toStatus;

    @Column(name = "detail", nullable = false, length = 1024)
    public String detail;

    public static IncidentAudit of(
            UUID incidentId,
            Instant at,
            String actor,
            String action,
            IncidentStatus from,
            IncidentStatus to,
            String detail) {
        var audit = new IncidentAudit();
        audit.incidentId = incidentId;
        audit.at = at;
        audit.actor = actor;
        audit.action = action;
        audit.fromStatus = from;
        audit.toStatus = to;
        audit.detail = detail.length() > 1024 ? detail.substring(0, 1024) : detail;
        return audit;
    }
}
