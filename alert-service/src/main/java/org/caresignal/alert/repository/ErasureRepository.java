package org.caresignal.alert.repository;

import static org.caresignal.alert.repository.IncidentSampleRepository.chunks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rows an erasure on request touches: tombstones, the counted mentions' links and excerpts and
 * aspects, the incidents' explanations and deliveries that cited the mentions, and the record of
 * erasures applied. Must run in the erasure's transaction.
 */
@ApplicationScoped
public class ErasureRepository {

    private final EntityManager em;

    public ErasureRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Holds off counting until this transaction ends, after waiting for the counting transactions
     * in flight: see {@link CountedMentionRepository#erased}.
     */
    public void lockAgainstCounting() {
        em.createNativeQuery("LOCK TABLE erased_mention IN SHARE ROW EXCLUSIVE MODE")
                .executeUpdate();
    }

    /** An erasure applied before: what it erased and the deliveries it reported (JSON). */
    public record Applied(int erased, String deliveries) {}

    public Optional<Applied> applied(UUID erasureId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT erased, CAST(deliveries AS text) FROM erasure_applied"
                                        + " WHERE erasure_id = :id")
                        .setParameter("id", erasureId)
                        .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new Applied(((Number) r[0]).intValue(), (String) r[1]));
    }

    public void recordApplied(UUID erasureId, Instant at, int erased, String deliveries) {
        em.createNativeQuery(
                        "INSERT INTO erasure_applied (erasure_id, applied_at, erased, deliveries)"
                                + " VALUES (:id, :at, :erased, CAST(:deliveries AS jsonb))"
                                + " ON CONFLICT (erasure_id) DO NOTHING")
                .setParameter("id", erasureId)
                .setParameter("at", Timestamp.from(at))
                .setParameter("erased", erased)
                .setParameter("deliveries", deliveries)
                .executeUpdate();
    }

    public void tombstone(Collection<UUID> mentionIds, Instant at) {
        // One statement per thousand ids (an erasure may name 10,000): the ids travel as one
        // comma-separated text of UUIDs, which they are (parsed into UUID by the event reader).
        for (var chunk : chunks(mentionIds)) {
            var ids = String.join(",", chunk.stream().map(UUID::toString).toList());
            em.createNativeQuery(
                            "INSERT INTO erased_mention (mention_id, erased_at) SELECT CAST(x AS"
                                    + " uuid), :at FROM unnest(string_to_array(:ids, ',')) x ON"
                                    + " CONFLICT (mention_id) DO NOTHING")
                    .setParameter("ids", ids)
                    .setParameter("at", Timestamp.from(at))
                    .executeUpdate();
        }
    }

    /**
     * Blanks the link and excerpt of the counted mentions and deletes their aspect rows (bucket
     * counts stay); returns how many of the mentions were counted here.
     */
    public int blankCountedMentions(Collection<UUID> mentionIds) {
        int held = 0;
        for (var chunk : chunks(mentionIds)) {
            held +=
                    em.createNativeQuery(
                                    "UPDATE counted_mention SET url = NULL, excerpt = NULL WHERE"
                                            + " mention_id IN (:ids)")
                            .setParameter("ids", chunk)
                            .executeUpdate();
            em.createNativeQuery("DELETE FROM counted_mention_aspect WHERE mention_id IN (:ids)")
                    .setParameter("ids", chunk)
                    .executeUpdate();
        }
        return held;
    }

    /** An incident's stored explanation. */
    public record StoredExplanation(UUID incidentId, String explanation) {}

    @SuppressWarnings("unchecked")
    public List<StoredExplanation> explanationsForUpdate(List<UUID> incidentIds) {
        var out = new ArrayList<StoredExplanation>();
        for (var chunk : chunks(incidentIds)) {
            List<Object[]> rows =
                    em.createNativeQuery(
                                    "SELECT id, explanation FROM incident WHERE id IN (:ids)"
                                            + " ORDER BY id FOR UPDATE")
                            .setParameter("ids", chunk)
                            .getResultList();
            rows.forEach(r -> out.add(new StoredExplanation((UUID) r[0], (String) r[1])));
        }
        return out;
    }

    public void replaceExplanation(UUID incidentId, String explanation) {
        em.createNativeQuery("UPDATE incident SET explanation = :e WHERE id = :id")
                .setParameter("e", explanation)
                .setParameter("id", incidentId)
                .executeUpdate();
    }

    /** A delivery's payload with what the erasure report needs. */
    public record StoredDelivery(
            UUID id,
            UUID incidentId,
            UUID channelId,
            String channelName,
            Instant deliveredAt,
            String payload) {}

    @SuppressWarnings("unchecked")
    public List<StoredDelivery> deliveriesForUpdate(List<UUID> incidentIds) {
        var out = new ArrayList<StoredDelivery>();
        for (var chunk : chunks(incidentIds)) {
            List<Object[]> rows =
                    em.createNativeQuery(
                                    "SELECT d.id, d.incident_id, d.channel_id, c.name,"
                                            + " d.delivered_at, d.payload FROM delivery d LEFT"
                                            + " JOIN notification_channel c ON c.id ="
                                            + " d.channel_id WHERE d.incident_id IN (:ids)"
                                            + " ORDER BY d.seq FOR UPDATE OF d")
                            .setParameter("ids", chunk)
                            .getResultList();
            rows.forEach(
                    r ->
                            out.add(
                                    new StoredDelivery(
                                            (UUID) r[0],
                                            (UUID) r[1],
                                            (UUID) r[2],
                                            (String) r[3],
                                            ChannelRepository.instant(r[4]),
                                            (String) r[5])));
        }
        return out;
    }

    public void replaceDeliveryPayload(UUID deliveryId, String payload) {
        em.createNativeQuery("UPDATE delivery SET payload = :p WHERE id = :id")
                .setParameter("p", payload)
                .setParameter("id", deliveryId)
                .executeUpdate();
    }
}
