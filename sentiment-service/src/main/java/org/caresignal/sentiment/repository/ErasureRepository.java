package org.caresignal.sentiment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Erasure in the database: the erased-mention tombstones, the blanking of erased mentions, and the
 * lock that keeps an erasure and the storing of a mention from crossing. Must run inside a
 * transaction.
 */
@ApplicationScoped
public class ErasureRepository {

    // Why one lock for all erasures: without it, a mention stored by a transaction that checked
    // for its tombstone just before an erasure committed would keep its text (neither transaction
    // sees the other's rows under READ COMMITTED). Storing takes the lock shared (stores never wait
    // for each other), an erasure takes it exclusively for its short transaction. One key rather
    // than one per mention: an erasure names up to 10,000 mentions, more than the lock table holds.
    private static final long LOCK_KEY = 0x63617265_45524153L; // "careERAS"

    private final EntityManager entityManager;

    public ErasureRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Waits until no mention is being stored, then keeps stores out until the commit. */
    public void lockExclusively() {
        entityManager
                .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:key)) l")
                .setParameter("key", LOCK_KEY)
                .getSingleResult();
    }

    /** Waits while an erasure is running; other stores pass. Held until the commit. */
    public void lockShared() {
        entityManager
                .createNativeQuery(
                        "select count(*) from (select pg_advisory_xact_lock_shared(:key)) l")
                .setParameter("key", LOCK_KEY)
                .getSingleResult();
    }

    /** Whether the mention has been erased (its tombstone exists). */
    public boolean isErased(UUID mentionId) {
        return !entityManager
                .createNativeQuery("select 1 from erased_mention where mention_id = :id")
                .setParameter("id", mentionId)
                .getResultList()
                .isEmpty();
    }

    /** Which of {@code mentionIds} have been erased (their tombstones exist), read at once. */
    public Set<UUID> erasedAmong(Collection<UUID> mentionIds) {
        if (mentionIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> erased =
                entityManager
                        .createNativeQuery(
                                "select mention_id from erased_mention where mention_id ="
                                        + " any(cast(string_to_array(:ids, ',') as uuid[]))")
                        .setParameter("ids", join(mentionIds))
                        .getResultList();
        return new HashSet<>(erased);
    }

    /** Records the tombstones of the mentions (those already recorded keep their time). */
    public void addTombstones(Collection<UUID> mentionIds, Instant at) {
        entityManager
                .createNativeQuery(
                        "insert into erased_mention (mention_id, erased_at) select id, :at from"
                                + " unnest(cast(string_to_array(:ids, ',') as uuid[])) id"
                                + " on conflict (mention_id) do nothing")
                .setParameter("ids", join(mentionIds))
                .setParameter("at", at)
                .executeUpdate();
    }

    /**
     * Removes the text, URL, external id and aspects of the held mentions among {@code mentionIds}
     * and marks them erased at {@code at} (a mention erased before keeps its first time).
     *
     * @return how many of them are held here, all now erased
     */
    public int erase(List<UUID> mentionIds, Instant at) {
        var ids = join(mentionIds);
        entityManager
                .createNativeQuery(
                        "delete from mention_aspect where mention_id = any(cast(string_to_array(:ids,"
                                + " ',') as uuid[]))")
                .setParameter("ids", ids)
                .executeUpdate();
        // An analyst's note may quote the post; the corrected label stays (the counts keep it).
        entityManager
                .createNativeQuery(
                        "update mention_correction set note = null, aspects = '' where mention_id ="
                                + " any(cast(string_to_array(:ids, ',') as uuid[]))")
                .setParameter("ids", ids)
                .executeUpdate();
        entityManager
                .createNativeQuery(
                        "update scored_mention set text = null, url = null, external_id = null,"
                                + " erased_at = coalesce(erased_at, :at) where mention_id ="
                                + " any(cast(string_to_array(:ids, ',') as uuid[]))")
                .setParameter("ids", ids)
                .setParameter("at", at)
                .executeUpdate();
        return ((Number)
                        entityManager
                                .createNativeQuery(
                                        "select count(*) from scored_mention where mention_id ="
                                                + " any(cast(string_to_array(:ids, ',') as"
                                                + " uuid[])) and erased_at is not null")
                                .setParameter("ids", ids)
                                .getSingleResult())
                .intValue();
    }

    // A UUID's text holds no comma; one string parameter instead of 10,000 bind variables.
    private static String join(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }
}
