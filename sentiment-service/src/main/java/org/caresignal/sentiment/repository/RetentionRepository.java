package org.caresignal.sentiment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.caresignal.sentiment.domain.DataClass;

/**
 * The retention purge's statements: each takes at most {@code limit} rows past a cutoff, oldest
 * first, skipping rows another transaction holds (a consumer storing or erasing), so that the purge
 * neither waits for nor blocks the consumers. Must run inside a (short) transaction.
 */
@ApplicationScoped
public class RetentionRepository {

    private final EntityManager entityManager;

    public RetentionRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Blanks text, URL and external id of mentions published before {@code cutoff}. */
    public int blankText(Instant cutoff, Instant now, int limit) {
        return entityManager
                .createNativeQuery(
                        "update scored_mention set text = null, url = null, external_id = null,"
                                + " text_purged_at = :now where mention_id in (select mention_id"
                                + " from scored_mention where text is not null and published_at <"
                                + " :cutoff order by published_at limit :limit for update skip"
                                + " locked)")
                .setParameter("cutoff", cutoff)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /** Deletes mentions published before {@code cutoff}, their aspects with them (cascade). */
    public int deleteMentions(Instant cutoff, int limit) {
        return entityManager
                .createNativeQuery(
                        "delete from scored_mention where mention_id in (select mention_id from"
                                + " scored_mention where published_at < :cutoff order by"
                                + " published_at limit :limit for update skip locked)")
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /**
     * Deletes erased-mention tombstones recorded before {@code cutoff}: by then no topic or dead
     * letter (30 days at most) can bring the mention back.
     */
    public int deleteTombstones(Instant cutoff, int limit) {
        return entityManager
                .createNativeQuery(
                        "delete from erased_mention where mention_id in (select mention_id from"
                                + " erased_mention where erased_at < :cutoff limit :limit for"
                                + " update skip locked)")
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /**
     * Deletes audit rows that occurred before {@code cutoff} and more than six years before the
     * database's own time (the table's trigger refuses anything younger).
     */
    public int deleteAuditEvents(Instant cutoff, int limit) {
        return entityManager
                .createNativeQuery(
                        "delete from audit_event where id in (select id from audit_event where"
                                + " occurred_at < :cutoff and occurred_at < now() - interval '6"
                                + " years' order by occurred_at limit :limit for update skip"
                                + " locked)")
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /** The time of the oldest row of the class still held, or null when there is none. */
    public Instant oldest(DataClass dataClass) {
        var sql =
                switch (dataClass) {
                    case TEXT ->
                            "select min(published_at) from scored_mention where text is not null";
                    case MENTIONS -> "select min(published_at) from scored_mention";
                    case AUDIT -> "select min(occurred_at) from audit_event";
                };
        // In epoch milliseconds, untyped: given a basic result class (Instant.class), a native
        // query gets a plan Hibernate never finds again, and each call would add one to its cache.
        var millis =
                (Number)
                        entityManager
                                .createNativeQuery(
                                        "select cast(extract(epoch from oldest) * 1000 as bigint)"
                                                + " from ("
                                                + sql
                                                + ") o(oldest)")
                                .getSingleResult();
        return millis == null ? null : Instant.ofEpochMilli(millis.longValue());
    }
}
