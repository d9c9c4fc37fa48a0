package org.caresignal.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caresignal.ingest.domain.Erasure;

/**
 * Erasures, the mentions each one named, the erased-identity hashes intake refuses, and the
 * services' confirmations.
 */
@ApplicationScoped
public class ErasureRepository implements PanacheRepositoryBase<Erasure, UUID> {

    /** A service's stored confirmation. */
    public record Confirmation(
            String service, Instant confirmedAt, int erased, String deliveries) {}

    /** One page of erasures, newest first. */
    public List<Erasure> newestFirst(int page, int size) {
        return findAll(Sort.descending("requestedAt").and("id")).page(Page.of(page, size)).list();
    }

    /**
     * Which of these hashes were erased: one query for a whole batch of posts instead of one per
     * post.
     */
    @SuppressWarnings("unchecked")
    public Set<String> erasedAmong(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Set.of();
        }
        List<String> found =
                getEntityManager()
                        .createNativeQuery("select hash from erased_identity where hash in (?1)")
                        .setParameter(1, hashes)
                        .getResultList();
        return new HashSet<>(found);
    }

    /** Records an erased identity; one erased before keeps its first erasure. */
    public void addIdentity(String hash, String kind, UUID erasureId, Instant at) {
        getEntityManager()
                .createNativeQuery(
                        "insert into erased_identity (hash, kind, erasure_id, erased_at) values"
                                + " (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, hash)
                .setParameter(2, kind)
                .setParameter(3, erasureId)
                .setParameter(4, Timestamp.from(at))
                .executeUpdate();
    }

    /** Records that the erasure named this mention. */
    public void addMention(UUID erasureId, UUID mentionId, String brandId) {
        getEntityManager()
                .createNativeQuery(
                        "insert into erasure_mention (erasure_id, mention_id, brand_id) values"
                                + " (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, erasureId)
                .setParameter(2, mentionId)
                .setParameter(3, brandId)
                .executeUpdate();
    }

    /**
     * Stores a service's confirmation, or writes it again over an earlier copy (a redelivered or
     * repeated confirmation); false when the erasure is unknown here (purged, or another system's).
     */
    public boolean upsertConfirmation(
            UUID erasureId, String service, Instant confirmedAt, int erased, String deliveries) {
        return getEntityManager()
                        .createNativeQuery(
                                "insert into erasure_confirmation (erasure_id, service,"
                                        + " confirmed_at, erased, deliveries) select ?1, ?2, ?3,"
                                        + " ?4, cast(?5 as jsonb) where exists (select 1 from"
                                        + " erasure where erasure_id = ?1) on conflict (erasure_id,"
                                        + " service) do update set confirmed_at ="
                                        + " excluded.confirmed_at, erased = excluded.erased,"
                                        + " deliveries = excluded.deliveries")
                        .setParameter(1, erasureId)
                        .setParameter(2, service)
                        .setParameter(3, Timestamp.from(confirmedAt))
                        .setParameter(4, erased)
                        .setParameter(5, deliveries)
                        .executeUpdate()
                == 1;
    }

    /** The confirmations of an erasure, by service. */
    @SuppressWarnings("unchecked")
    public List<Confirmation> confirmations(UUID erasureId) {
        List<Object[]> rows =
                getEntityManager()
                        .createNativeQuery(
                                "select service, confirmed_at, erased, cast(deliveries as text)"
                                        + " from erasure_confirmation where erasure_id = ?1 order"
                                        + " by service")
                        .setParameter(1, erasureId)
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Confirmation(
                                        (String) r[0],
                                        instant(r[1]),
                                        ((Number) r[2]).intValue(),
                                        (String) r[3]))
                .toList();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }
}
