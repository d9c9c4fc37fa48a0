package org.caresignal.alert.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.Incident;
import org.caresignal.alert.domain.incident.IncidentKind;
import org.caresignal.alert.domain.incident.IncidentStatus;

/** Incidents: the unresolved one of a brand/facility/kind, the last resolved one, and filters. */
@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /** The unresolved incident of the key, locked for the rest of the transaction. */
    public Optional<Incident> findUnresolvedForUpdate(
            String brandId, String facilityId, IncidentKind kind) {
        return findUnresolvedForUpdate(brandId, facilityId, kind, null);
    }

    /** {@link #findUnresolvedForUpdate} for one subject (null: none). */
    public Optional<Incident> findUnresolvedForUpdate(
            String brandId, String facilityId, IncidentKind kind, String subject) {
        var p = params(brandId, facilityId, kind);
        if (subject != null) {
            p = p.and("subject", subject);
        }
        return find(
                        "brandId = :brand and kind = :kind and status <> :resolved and "
                                + (facilityId == null
                                        ? "facilityId is null"
                                        : "facilityId = :facility")
                                + (subject == null
                                        ? " and subject is null"
                                        : " and subject = :subject"),
                        p)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** The most recently resolved incident of the key. */
    public Optional<Incident> findLastResolved(
            String brandId, String facilityId, IncidentKind kind) {
        return findLastResolved(brandId, facilityId, kind, null);
    }

    /** {@link #findLastResolved} for one subject (null: none). */
    public Optional<Incident> findLastResolved(
            String brandId, String facilityId, IncidentKind kind, String subject) {
        var p =
                Parameters.with("brand", brandId)
                        .and("kind", kind)
                        .and("resolved", IncidentStatus.RESOLVED);
        if (facilityId != null) {
            p = p.and("facility", facilityId);
        }
        if (subject != null) {
            p = p.and("subject", subject);
        }
        return find(
                        "brandId = :brand and kind = :kind and status = :resolved and "
                                + (facilityId == null
                                        ? "facilityId is null"
                                        : "facilityId = :facility")
                                + (subject == null
                                        ? " and subject is null"
                                        : " and subject = :subject")
                                + " order by resolvedAt desc",
                        p)
                .firstResultOptional();
    }

    /** Incidents matching the filters that are set, newest first. */
    public List<Incident> search(
            String brandId, IncidentStatus status, Severity severity, int limit) {
        var where = new ArrayList<String>();
        var p = new Parameters();
        if (brandId != null) {
            where.add("brandId = :brand");
            p = p.and("brand", brandId);
        }
        if (status != null) {
            where.add("status = :status");
            p = p.and("status", status);
        }
        if (severity != null) {
            where.add("severity = :severity");
            p = p.and("severity", severity);
        }
        var query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        return find(query + " order by openedAt desc", p).page(0, limit).list();
    }

    private static Parameters params(String brandId, String facilityId, IncidentKind kind) {
        var p =
                Parameters.with("brand", brandId)
                        .and("kind", kind)
                        .and("resolved", IncidentStatus.RESOLVED);
        return facilityId == null ? p : p.and("facility", facilityId);
    }

    /** Open (unacknowledged), unsnoozed incidents, oldest escalation clock first (read only). */
    public List<Incident> openForEscalation(java.time.Instant now, int limit) {
        return find(
                        "status = :status and (snoozedUntil is null or snoozedUntil <= :now)"
                                + " order by escalationSince",
                        Parameters.with("status", IncidentStatus.OPEN).and("now", now))
                .page(0, limit)
                .list();
    }
}
