package org.caresignal.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/** Alert events waiting to be relayed to {@code alerts.v1}, written with the incident change. */
@ApplicationScoped
public class AlertOutboxRepository {

    /** One pending event: outbox id, key and JSON value. */
    public record Pending(long id, String brandId, String payload) {}

    private final EntityManager em;

    public AlertOutboxRepository(EntityManager em) {
        this.em = em;
    }

    public void add(UUID eventId, String brandId, String payload) {
        em.createNativeQuery(
                        "INSERT INTO alert_outbox (event_id, brand_id, payload)"
                                + " VALUES (:eventId, :brandId, :payload)")
                .setParameter("eventId", eventId)
                .setParameter("brandId", brandId)
                .setParameter("payload", payload)
                .executeUpdate();
    }

    /** The oldest pending events, locked; rows another instance holds are skipped. */
    public List<Pending> lockPending(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT id, brand_id, payload FROM alert_outbox"
                                        + " WHERE published_at IS NULL ORDER BY id"
                                        + " LIMIT :limit FOR UPDATE SKIP LOCKED")
                        .setParameter("limit", limit)
                        .getResultList();
        return rows.stream()
                .map(r -> new Pending(((Number) r[0]).longValue(), (String) r[1], (String) r[2]))
                .toList();
    }

    public void markPublished(long id) {
        em.createNativeQuery("UPDATE alert_outbox SET published_at = now() WHERE id = :id")
                .setParameter("id", id)
                .executeUpdate();
    }
}
