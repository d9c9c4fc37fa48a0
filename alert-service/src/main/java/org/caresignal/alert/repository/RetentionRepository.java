package org.caresignal.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One batch of the retention purge per method: rows older than a cutoff, at most {@code limit},
 * picked with {@code FOR UPDATE SKIP LOCKED} so that the purge never waits on (or holds up) a
 * consumer, a dispatcher or the relay that holds a row. Each call runs in its own short transaction
 * (the caller's).
 */
@ApplicationScoped
public class RetentionRepository {

    private final EntityManager em;

    public RetentionRepository(EntityManager em) {
        this.em = em;
    }

    /** TEXT: blanks the link and excerpt of counted mentions counted before {@code cutoff}. */
    public int blankCountedMentionText(Instant cutoff, Instant now, int limit) {
        return em.createNativeQuery(
                        "UPDATE counted_mention SET url = NULL, excerpt = NULL, text_purged_at ="
                                + " :now WHERE mention_id IN (SELECT mention_id FROM"
                                + " counted_mention WHERE text_purged_at IS NULL AND counted_at <"
                                + " :cutoff ORDER BY counted_at LIMIT :limit FOR UPDATE SKIP"
                                + " LOCKED)")
                .setParameter("now", Timestamp.from(now))
                .setParameter("cutoff", Timestamp.from(cutoff))
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /** A stored JSON document (explanation or payload) by its row's key. */
    public record Document(Object key, String json) {}

    /**
     * The stored JSON documents that carry incident samples, which the TEXT purge blanks. Table and
     * column names are fixed here, never taken from input.
     */
    public enum SampleDocuments {
        /**
         * Incidents last changed before the cutoff whose explanation was not purged since (a change
         * after a purge can bring new samples).
         */
        EXPLANATIONS(
                "incident",
                "explanation",
                "updated_at",
                "(text_purged_at IS NULL OR text_purged_at < updated_at)"),
        DELIVERY_PAYLOADS("delivery", "payload", "created_at", "text_purged_at IS NULL"),
        OUTBOX_PAYLOADS("alert_outbox", "payload", "created_at", "text_purged_at IS NULL");

        private final String select;
        private final String update;

        SampleDocuments(String table, String column, String age, String notPurged) {
            this.select =
                    "SELECT id, %s FROM %s WHERE %s AND %s < :cutoff ORDER BY %s LIMIT :limit FOR UPDATE SKIP LOCKED"
                            .formatted(column, table, notPurged, age, age);
            this.update =
                    "UPDATE %s SET %s = :json, text_purged_at = :now WHERE id = :id"
                            .formatted(table, column);
        }
    }

    /**
     * TEXT: a batch of {@code kind}'s documents older than {@code cutoff} not purged yet, locked.
     */
    @SuppressWarnings("unchecked")
    public List<Document> documents(SampleDocuments kind, Instant cutoff, int limit) {
        List<Object[]> rows =
                em.createNativeQuery(kind.select)
                        .setParameter("cutoff", Timestamp.from(cutoff))
                        .setParameter("limit", limit)
                        .getResultList();
        return rows.stream().map(r -> new Document(r[0], (String) r[1])).toList();
    }

    /** Stores a document's purged JSON and marks it purged at {@code now}. */
    public void replaceDocument(SampleDocuments kind, Object key, String json, Instant now) {
        em.createNativeQuery(kind.update)
                .setParameter("json", json)
                .setParameter("now", Timestamp.from(now))
                .setParameter("id", key)
                .executeUpdate();
    }

    /** MENTIONS: deletes counted mentions (and their aspects) counted before {@code cutoff}. */
    @SuppressWarnings("unchecked")
    public int deleteCountedMentions(Instant cutoff, int limit) {
        List<UUID> ids =
                em.createNativeQuery(
                                "SELECT mention_id FROM counted_mention WHERE counted_at <"
                                        + " :cutoff ORDER BY counted_at LIMIT :limit FOR UPDATE"
                                        + " SKIP LOCKED")
                        .setParameter("cutoff", Timestamp.from(cutoff))
                        .setParameter("limit", limit)
                        .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        int aspects =
                em.createNativeQuery(
                                "DELETE FROM counted_mention_aspect WHERE mention_id IN (:ids)")
                        .setParameter("ids", ids)
                        .executeUpdate();
        return aspects
                + em.createNativeQuery("DELETE FROM counted_mention WHERE mention_id IN (:ids)")
                        .setParameter("ids", ids)
                        .executeUpdate();
    }

    /** AGGREGATES: deletes bucket counts of {@code table} that start before {@code cutoff}. */
    public int deleteBuckets(String table, Instant cutoff, int limit) {
        if (!table.equals("brand_bucket_count") && !table.equals("facility_bucket_count")) {
            throw new IllegalArgumentException("not a bucket table: " + table);
        }
        return em.createNativeQuery(
                        "DELETE FROM "
                                + table
                                + " WHERE ctid IN (SELECT ctid FROM "
                                + table
                                + " WHERE bucket_start < :cutoff LIMIT :limit FOR UPDATE SKIP"
                                + " LOCKED)")
                .setParameter("cutoff", Timestamp.from(cutoff))
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /**
     * INCIDENTS: deletes resolved incidents last changed before {@code cutoff} with their
     * deliveries, audit trail and samples; unresolved ones stay whatever their age.
     */
    @SuppressWarnings("unchecked")
    public int deleteIncidents(Instant cutoff, int limit) {
        List<UUID> ids =
                em.createNativeQuery(
                                "SELECT id FROM incident WHERE status = 'RESOLVED' AND updated_at"
                                        + " < :cutoff ORDER BY updated_at LIMIT :limit FOR UPDATE"
                                        + " SKIP LOCKED")
                        .setParameter("cutoff", Timestamp.from(cutoff))
                        .setParameter("limit", limit)
                        .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        int rows = 0;
        for (var sql :
                List.of(
                        "DELETE FROM delivery WHERE incident_id IN (:ids)",
                        "DELETE FROM incident_audit WHERE incident_id IN (:ids)",
                        "DELETE FROM incident_sample WHERE incident_id IN (:ids)",
                        "DELETE FROM incident WHERE id IN (:ids)")) {
            rows += em.createNativeQuery(sql).setParameter("ids", ids).executeUpdate();
        }
        return rows;
    }

    /** DELIVERIES: deletes finished deliveries created before {@code cutoff}. */
    public int deleteDeliveries(Instant cutoff, int limit) {
        return em.createNativeQuery(
                        "DELETE FROM delivery WHERE seq IN (SELECT seq FROM delivery WHERE"
                                + " created_at < :cutoff AND status NOT IN ('PENDING', 'HELD')"
                                + " ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)")
                .setParameter("cutoff", Timestamp.from(cutoff))
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /** DELIVERIES: deletes records of erasures applied before {@code cutoff}. */
    public int deleteErasuresApplied(Instant cutoff, int limit) {
        return em.createNativeQuery(
                        "DELETE FROM erasure_applied WHERE erasure_id IN (SELECT erasure_id FROM"
                                + " erasure_applied WHERE applied_at < :cutoff LIMIT :limit FOR"
                                + " UPDATE SKIP LOCKED)")
                .setParameter("cutoff", Timestamp.from(cutoff))
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /** OUTBOX: deletes outbox rows published before {@code cutoff}. */
    public int deletePublishedOutbox(Instant cutoff, int limit) {
        return em.createNativeQuery(
                        "DELETE FROM alert_outbox WHERE id IN (SELECT id FROM alert_outbox WHERE"
                                + " published_at < :cutoff ORDER BY id LIMIT :limit FOR UPDATE"
                                + " SKIP LOCKED)")
                .setParameter("cutoff", Timestamp.from(cutoff))
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /** OUTBOX: deletes processed-event ids recorded before {@code cutoff}. */
    public int deleteProcessedEvents(Instant cutoff, int limit) {
        return em.createNativeQuery(
                        "DELETE FROM processed_event WHERE event_id IN (SELECT event_id FROM"
                                + " processed_event WHERE processed_at < :cutoff LIMIT :limit FOR"
                                + " UPDATE SKIP LOCKED)")
                .setParameter("cutoff", Timestamp.from(cutoff))
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /**
     * AUDIT: deletes audit rows older than {@code cutoff} and than six years by the database's own
     * clock (its trigger refuses anything younger).
     */
    public int deleteAuditEvents(Instant cutoff, int limit) {
        return em.createNativeQuery(
                        "DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event WHERE"
                                + " occurred_at < :cutoff AND occurred_at < now() - interval '6"
                                + " years' ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED)")
                .setParameter("cutoff", Timestamp.from(cutoff))
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /** The oldest remaining row's timestamp per class, or null when none. */
    public Instant oldest(String sql) {
        var value = em.createNativeQuery(sql).getSingleResult();
        return ChannelRepository.instant(value);
    }
}
