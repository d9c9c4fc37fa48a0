package org.caresignal.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a digest reads from this service's own database: the incidents opened and resolved in its
 * range, and the stored excerpts of negative mentions (for internal recipients only).
 */
@ApplicationScoped
public class DigestQueries {

    /** Most incidents a digest lists per kind of change. */
    public static final int INCIDENT_LIMIT = 20;

    /** An incident as a digest lists it. */
    public record IncidentLine(
            UUID id,
            String facilityId,
            String kind,
            String severity,
            String status,
            Instant openedAt,
            Instant resolvedAt) {}

    private final EntityManager em;

    public DigestQueries(EntityManager em) {
        this.em = em;
    }

    /** The brand's incidents opened in {@code [from, to)}, oldest first. */
    public List<IncidentLine> opened(String brandId, Instant from, Instant to) {
        return incidents("opened_at", brandId, from, to);
    }

    /** The brand's incidents resolved in {@code [from, to)}, oldest first. */
    public List<IncidentLine> resolved(String brandId, Instant from, Instant to) {
        return incidents("resolved_at", brandId, from, to);
    }

    /** The count of {@link #opened} or {@link #resolved} beyond the listed ones. */
    public long count(String column, String brandId, Instant from, Instant to) {
        return ((Number)
                        em.createNativeQuery(
                                        "SELECT count(*) FROM incident WHERE brand_id = :b AND "
                                                + column(column)
                                                + " >= :from AND "
                                                + column(column)
                                                + " < :to")
                                .setParameter("b", brandId)
                                .setParameter("from", Timestamp.from(from))
                                .setParameter("to", Timestamp.from(to))
                                .getSingleResult())
                .longValue();
    }

    /**
     * The stored excerpts of these mentions (negative ones only have one); a mention erased or past
     * its text retention has none, so it is left out.
     */
    public Map<UUID, String> excerpts(Collection<UUID> mentionIds) {
        var out = new HashMap<UUID, String>();
        if (mentionIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT mention_id, excerpt FROM counted_mention WHERE mention_id"
                                        + " IN (:ids) AND excerpt IS NOT NULL AND text_purged_at"
                                        + " IS NULL")
                        .setParameter("ids", mentionIds)
                        .getResultList();
        for (var r : rows) {
            out.put((UUID) r[0], (String) r[1]);
        }
        return out;
    }

    private List<IncidentLine> incidents(String column, String brandId, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT id, facility_id, kind, severity, status, opened_at,"
                                        + " resolved_at FROM incident WHERE brand_id = :b AND "
                                        + column(column)
                                        + " >= :from AND "
                                        + column(column)
                                        + " < :to ORDER BY "
                                        + column(column)
                                        + ", id LIMIT "
                                        + INCIDENT_LIMIT)
                        .setParameter("b", brandId)
                        .setParameter("from", Timestamp.from(from))
                        .setParameter("to", Timestamp.from(to))
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new IncidentLine(
                                        (UUID) r[0],
                                        (String) r[1],
                                        (String) r[2],
                                        (String) r[3],
                                        (String) r[4],
                                        instant(r[5]),
                                        instant(r[6])))
                .toList();
    }

    /** Only the two columns a digest asks about: never a caller's string in the SQL. */
    private static String column(String column) {
        return switch (column) {
            case "opened_at", "resolved_at" -> column;
            default -> throw new IllegalArgumentException("not a digest column: " + column);
        };
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
