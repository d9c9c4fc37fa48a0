package org.caresignal.ingest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.caresignal.ingest.domain.DataClass;

/**
 * The retention purge's statements: each blanks or deletes at most {@code limit} rows older than
 * the cut-off, picking them with {@code for update skip locked} so that it never waits on (or holds
 * up) the intake, the relay or the consumers.
 */
@ApplicationScoped
public class RetentionRepository {

    private final EntityManager em;

    public RetentionRepository(EntityManager em) {
        this.em = em;
    }

    /** Blanks the identifiers of mentions accepted before the cut-off; the rows stay. */
    public int blankMentionText(Instant cutoff, Instant now, int limit) {
        return em.createNativeQuery(
                        "update ingested_mention set external_id = null, author_pseudonym = null,"
                                + " author_name = null, url_hash = null, text_purged_at = ?2 where"
                                + " mention_id in (select mention_id from ingested_mention where"
                                + " accepted_at < ?1 and text_purged_at is null limit ?3 for update"
                                + " skip locked)")
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, Timestamp.from(now))
                .setParameter(3, limit)
                .executeUpdate();
    }

    /**
     * Deletes quarantined events of this topic (they hold post text) created before the cut-off.
     */
    public int deleteQuarantinedText(String topic, Instant cutoff, int limit) {
        return em.createNativeQuery(
                        "delete from outbox_event where outbox_id in (select outbox_id from"
                                + " outbox_event where quarantined_at is not null and topic = ?2"
                                + " and created_at < ?1 limit ?3 for update skip locked)")
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, topic)
                .setParameter(3, limit)
                .executeUpdate();
    }

    public int deleteMentions(Instant cutoff, int limit) {
        return em.createNativeQuery(
                        "delete from ingested_mention where mention_id in (select mention_id from"
                                + " ingested_mention where accepted_at < ?1 limit ?2 for update skip"
                                + " locked)")
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, limit)
                .executeUpdate();
    }

    public int deleteMinuteCounts(Instant cutoff, int limit) {
        return em.createNativeQuery(
                        "delete from source_mention_minute where ctid in (select ctid from"
                                + " source_mention_minute where minute < ?1 limit ?2 for update skip"
                                + " locked)")
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, limit)
                .executeUpdate();
    }

    /** Deletes events quarantined before the cut-off. */
    public int deleteQuarantined(Instant cutoff, int limit) {
        return em.createNativeQuery(
                        "delete from outbox_event where outbox_id in (select outbox_id from"
                                + " outbox_event where quarantined_at < ?1 limit ?2 for update skip"
                                + " locked)")
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, limit)
                .executeUpdate();
    }

    /**
     * Deletes audit rows older than the cut-off and than six years by the database's own clock (its
     * trigger refuses younger ones, so a cut-off from a moved clock never fails the batch).
     */
    public int deleteAudit(Instant cutoff, int limit) {
        return em.createNativeQuery(
                        "delete from audit_event where id in (select id from audit_event where"
                                + " occurred_at < ?1 and occurred_at < now() - interval '6 years'"
                                + " order by occurred_at limit ?2 for update skip locked)")
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, limit)
                .executeUpdate();
    }

    /** Deletes erasures requested before the cut-off with their mentions and confirmations. */
    public int deleteErasures(Instant cutoff, int limit) {
        return em.createNativeQuery(
                        "delete from erasure where erasure_id in (select erasure_id from erasure"
                                + " where requested_at < ?1 limit ?2 for update skip locked)")
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, limit)
                .executeUpdate();
    }

    /** When the oldest row of the class that the purge has not yet removed was made, if any. */
    public Optional<Instant> oldest(DataClass dataClass, String mentionTopic) {
        var sql =
                switch (dataClass) {
                    case TEXT ->
                            "select least((select min(accepted_at) from ingested_mention where"
                                    + " text_purged_at is null), (select min(created_at) from"
                                    + " outbox_event where quarantined_at is not null and topic ="
                                    + " ?1))";
                    case MENTIONS -> "select min(accepted_at) from ingested_mention";
                    case AGGREGATES -> "select min(minute) from source_mention_minute";
                    case OUTBOX -> "select min(quarantined_at) from outbox_event";
                    case AUDIT -> "select min(occurred_at) from audit_event";
                    case ERASURES -> "select min(requested_at) from erasure";
                };
        var query = em.createNativeQuery(sql);
        if (dataClass == DataClass.TEXT) {
            query.setParameter(1, mentionTopic);
        }
        return Optional.ofNullable(ErasureRepository.instant(query.getSingleResult()));
    }
}
