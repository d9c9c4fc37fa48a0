package org.caresignal.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The delivery log: one row per incident change and channel. */
@ApplicationScoped
public class DeliveryRepository {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";
    public static final String SKIPPED = "SKIPPED";

    /** One delivery; {@code payload} is the alert event's JSON. */
    public record Delivery(
            UUID id,
            UUID incidentId,
            UUID channelId,
            UUID eventId,
            String change,
            String status,
            int attempts,
            String lastError,
            Instant nextAttemptAt,
            String payload,
            Instant createdAt,
            Instant deliveredAt) {}

    private static final String COLUMNS =
            "SELECT d.id, d.incident_id, d.channel_id, d.event_id, d.change, d.status,"
                    + " d.attempts, d.last_error, d.next_attempt_at, d.payload, d.created_at,"
                    + " d.delivered_at FROM delivery d";

    private final EntityManager em;

    public DeliveryRepository(EntityManager em) {
        this.em = em;
    }

    /** Adds a delivery unless this change already has one for the channel. */
    public void add(
            UUID incidentId,
            UUID channelId,
            UUID eventId,
            String change,
            String status,
            String note,
            String payload,
            Instant at) {
        add(incidentId, channelId, eventId, change, status, note, payload, at, at);
    }

    /** {@link #add} with a first attempt not before {@code notBefore} (quiet hours). */
    public void add(
            UUID incidentId,
            UUID channelId,
            UUID eventId,
            String change,
            String status,
            String note,
            String payload,
            Instant at,
            Instant notBefore) {
        em.createNativeQuery(
                        "INSERT INTO delivery (id, incident_id, channel_id, event_id, change,"
                                + " status, last_error, next_attempt_at, payload, created_at)"
                                + " VALUES (:id, :incident, :channel, :event, :change, :status,"
                                + " :note, :next, :payload, :at)"
                                + " ON CONFLICT ON CONSTRAINT delivery_once DO NOTHING")
                .setParameter("id", UUID.randomUUID())
                .setParameter("incident", incidentId)
                .setParameter("channel", channelId)
                .setParameter("event", eventId)
                .setParameter("change", change)
                .setParameter("status", status)
                .setParameter("note", note)
                .setParameter("at", Timestamp.from(at))
                .setParameter("next", Timestamp.from(notBefore))
                .setParameter("payload", payload)
                .executeUpdate();
    }

    /**
     * Due deliveries, oldest first, each the earliest pending one of its incident and channel (so a
     * resolve never overtakes its trigger); locked, and leased until {@code leaseUntil}.
     */
    public List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        var due =
                rows(
                        em.createNativeQuery(
                                        COLUMNS
                                                + " WHERE d.status = 'PENDING' AND"
                                                + " d.next_attempt_at <= :now AND NOT EXISTS"
                                                + " (SELECT 1 FROM delivery e WHERE e.incident_id"
                                                + " = d.incident_id AND e.channel_id ="
                                                + " d.channel_id AND e.status = 'PENDING' AND"
                                                + " e.seq < d.seq) ORDER BY d.seq LIMIT :limit"
                                                + " FOR UPDATE SKIP LOCKED")
                                .setParameter("now", Timestamp.from(now))
                                .setParameter("limit", limit));
        for (var d : due) {
            em.createNativeQuery("UPDATE delivery SET next_attempt_at = :lease WHERE id = :id")
                    .setParameter("lease", Timestamp.from(leaseUntil))
                    .setParameter("id", d.id())
                    .executeUpdate();
        }
        return due;
    }

    public void finish(
            UUID id, String status, int attempts, String lastError, Instant next, Instant at) {
        em.createNativeQuery(
                        "UPDATE delivery SET status = :status, attempts = :attempts, last_error ="
                                + " :error, next_attempt_at = :next, delivered_at = CASE WHEN"
                                + " :status = 'DELIVERED' THEN CAST(:at AS timestamptz) ELSE"
                                + " delivered_at END WHERE id = :id")
                .setParameter("id", id)
                .setParameter("status", status)
                .setParameter("attempts", attempts)
                .setParameter("error", lastError)
                .setParameter("next", Timestamp.from(next))
                .setParameter("at", Timestamp.from(at))
                .executeUpdate();
    }

    public List<Delivery> search(UUID incidentId, UUID channelId, String status, int limit) {
        var sql = new StringBuilder(COLUMNS + " WHERE 1 = 1");
        if (incidentId != null) {
            sql.append(" AND d.incident_id = :incident");
        }
        if (channelId != null) {
            sql.append(" AND d.channel_id = :channel");
        }
        if (status != null) {
            sql.append(" AND d.status = :status");
        }
        sql.append(" ORDER BY d.seq DESC LIMIT :limit");
        var query = em.createNativeQuery(sql.toString()).setParameter("limit", limit);
        if (incidentId != null) {
            query.setParameter("incident", incidentId);
        }
        if (channelId != null) {
            query.setParameter("channel", channelId);
        }
        if (status != null) {
            query.setParameter("status", status);
        }
        return rows(query);
    }

    @SuppressWarnings("unchecked")
    private static List<Delivery> rows(jakarta.persistence.Query query) {
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Delivery(
                                        (UUID) r[0],
                                        (UUID) r[1],
                                        (UUID) r[2],
                                        (UUID) r[3],
                                        (String) r[4],
                                        (String) r[5],
                                        ((Number) r[6]).intValue(),
                                        (String) r[7],
                                        ChannelRepository.instant(r[8]),
                                        (String) r[9],
                                        ChannelRepository.instant(r[10]),
                                        ChannelRepository.instant(r[11])))
                .toList();
    }
}
