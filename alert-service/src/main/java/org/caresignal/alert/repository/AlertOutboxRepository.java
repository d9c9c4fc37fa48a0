package org.caresignal.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Events waiting to be relayed to Kafka, written in the transaction that made them: alert events
 * for {@code alerts.v1} (keyed by brand, with their incident) and erasure confirmations for {@code
 * erasures.confirmed.v1} (keyed by erasure id).
 */
@ApplicationScoped
public class AlertOutboxRepository {

    public static final String ALERTS_TOPIC = "alerts.v1";
    public static final String ERASURES_CONFIRMED_TOPIC = "erasures.confirmed.v1";

    /** One pending event: outbox id, topic, key and JSON value. */
    public record Pending(long id, String topic, String key, String payload) {}

    private final EntityManager em;

    public AlertOutboxRepository(EntityManager em) {
        this.em = em;
    }

    /** An alert event of {@code incidentId} for {@code alerts.v1}, keyed by brand. */
    public void add(UUID eventId, String brandId, UUID incidentId, String payload) {
        add(ALERTS_TOPIC, eventId, brandId, incidentId, payload);
    }

    /** An event for {@code topic} under {@code key}; {@code incidentId} may be null. */
    public void add(String topic, UUID eventId, String key, UUID incidentId, String payload) {
        em.createNativeQuery(
                        "INSERT INTO alert_outbox (event_id, record_key, topic, incident_id,"
                                + " payload) VALUES (:eventId, :key, :topic, CAST(:incident AS"
                                + " uuid), :payload)")
                .setParameter("eventId", eventId)
                .setParameter("key", key)
                .setParameter("topic", topic)
                .setParameter("incident", incidentId)
                .setParameter("payload", payload)
                .executeUpdate();
    }

    /** The oldest pending events, locked; rows another instance holds are skipped. */
    public List<Pending> lockPending(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT id, topic, record_key, payload FROM alert_outbox"
                                        + " WHERE published_at IS NULL ORDER BY id"
                                        + " LIMIT :limit FOR UPDATE SKIP LOCKED")
                        .setParameter("limit", limit)
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Pending(
                                        ((Number) r[0]).longValue(),
                                        (String) r[1],
                                        (String) r[2],
                                        (String) r[3]))
                .toList();
    }

    /** Events not yet published and when the oldest of them was written (null when none). */
    public record Backlog(long waiting, Instant oldest) {}

    public Backlog backlog() {
        var row =
                (Object[])
                        em.createNativeQuery(
                                        "SELECT count(*), min(created_at) FROM alert_outbox"
                                                + " WHERE published_at IS NULL")
                                .getSingleResult();
        return new Backlog(((Number) row[0]).longValue(), toInstant(row[1]));
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    public void markPublished(long id) {
        em.createNativeQuery("UPDATE alert_outbox SET published_at = now() WHERE id = :id")
                .setParameter("id", id)
                .executeUpdate();
    }

    /** An outbox row's id and payload. */
    public record Stored(long id, String payload) {}

    /** The alert events of these incidents, locked (an erasure cleans their samples). */
    @SuppressWarnings("unchecked")
    public List<Stored> ofIncidentsForUpdate(List<UUID> incidentIds) {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT id, payload FROM alert_outbox WHERE incident_id IN"
                                        + " (:ids) ORDER BY id FOR UPDATE")
                        .setParameter("ids", incidentIds)
                        .getResultList();
        return rows.stream()
                .map(r -> new Stored(((Number) r[0]).longValue(), (String) r[1]))
                .toList();
    }

    public void replacePayload(long id, String payload) {
        em.createNativeQuery("UPDATE alert_outbox SET payload = :payload WHERE id = :id")
                .setParameter("payload", payload)
                .setParameter("id", id)
                .executeUpdate();
    }
}
