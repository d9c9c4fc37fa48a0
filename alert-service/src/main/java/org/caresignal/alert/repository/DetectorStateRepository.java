package org.caresignal.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The persisted detector of each series (brand, or brand and facility): its JSON snapshot, last
 * evaluated bucket and newest event time. Rows are locked while a series is evaluated.
 */
@ApplicationScoped
public class DetectorStateRepository {

    /**
     * A series' stored state; {@code facilityId} is null for the brand-wide series; {@code
     * lastCountedAt} is when (wall clock) a mention was last counted into it.
     */
    public record State(
            String brandId,
            String facilityId,
            Instant maxEventAt,
            Instant lastBucket,
            String snapshot,
            Instant lastCountedAt) {}

    private final EntityManager em;

    public DetectorStateRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Creates the series' row when missing, raises its newest event time to {@code eventAt} and
     * notes that a mention was counted now (when {@code eventAt} is given: null is the idle tick),
     * and returns it locked until the transaction ends.
     */
    public State lock(String brandId, String facilityId, Instant eventAt) {
        // One statement: the upsert locks the row it inserts or updates until the commit, as a
        // SELECT ... FOR UPDATE after it would, and returns it.
        Object[] row =
                (Object[])
                        em.createNativeQuery(
                                        """
                                        INSERT INTO detector_state
                                            (brand_id, facility_id, max_event_at, last_counted_at)
                                        VALUES (:brandId, :facilityId, :eventAt,
                                            CASE WHEN :counted THEN now() END)
                                        ON CONFLICT (brand_id, facility_id) DO UPDATE SET
                                            max_event_at = greatest(
                                                detector_state.max_event_at,
                                                EXCLUDED.max_event_at),
                                            last_counted_at = coalesce(
                                                EXCLUDED.last_counted_at,
                                                detector_state.last_counted_at)
                                        RETURNING
                                            max_event_at, last_bucket, snapshot, last_counted_at
                                        """)
                                .setParameter("brandId", brandId)
                                .setParameter("facilityId", key(facilityId))
                                .setParameter("eventAt", eventAt == null ? Instant.EPOCH : eventAt)
                                .setParameter("counted", eventAt != null)
                                .getSingleResult();
        return new State(
                brandId,
                facilityId,
                instant(row[0]),
                instant(row[1]),
                (String) row[2],
                instant(row[3]));
    }

    /** Reads a series' state without locking, or null when it has none. */
    public State read(String brandId, String facilityId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT max_event_at, last_bucket, snapshot, last_counted_at"
                                        + " FROM detector_state"
                                        + " WHERE brand_id = :brandId AND facility_id = :facilityId")
                        .setParameter("brandId", brandId)
                        .setParameter("facilityId", key(facilityId))
                        .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        var row = rows.get(0);
        return new State(
                brandId,
                facilityId,
                instant(row[0]),
                instant(row[1]),
                (String) row[2],
                instant(row[3]));
    }

    public void save(String brandId, String facilityId, Instant lastBucket, String snapshot) {
        em.createNativeQuery(
                        """
                        UPDATE detector_state
                        SET last_bucket = :lastBucket, snapshot = :snapshot, updated_at = now()
                        WHERE brand_id = :brandId AND facility_id = :facilityId
                        """)
                .setParameter("brandId", brandId)
                .setParameter("facilityId", key(facilityId))
                .setParameter("lastBucket", lastBucket)
                .setParameter("snapshot", snapshot)
                .executeUpdate();
    }

    /** Every series with a detector: (brand, facility or null). */
    public List<String[]> allSeries() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery("SELECT brand_id, facility_id FROM detector_state")
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new String[] {
                                    (String) r[0], ((String) r[1]).isEmpty() ? null : (String) r[1]
                                })
                .toList();
    }

    private static String key(String facilityId) {
        return facilityId == null ? "" : facilityId;
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
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
