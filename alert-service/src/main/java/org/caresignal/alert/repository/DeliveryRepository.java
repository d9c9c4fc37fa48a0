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

    /** Waiting for a route's quiet hours to end; the dispatcher releases it to PENDING then. */
    public static final String HELD = "HELD";

    /** Why a delivery is held: until when, by which route, in the route's zone. */
    public record Hold(Instant until, UUID routeId, String zone) {}

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
            Instant deliveredAt,
            Instant heldUntil,
            String heldZone,
            UUID heldRouteId,
            Instant releasedAt) {}

    private static final String COLUMNS =
            "SELECT d.id, d.incident_id, d.channel_id, d.event_id, d.change, d.status,"
                    + " d.attempts, d.last_error, d.next_attempt_at, d.payload, d.created_at,"
                    + " d.delivered_at, d.held_until, d.held_zone, d.held_route_id,"
                    + " d.released_at FROM delivery d";

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
        add(incidentId, channelId, eventId, change, status, note, payload, at, notBefore, null);
    }

    /**
     * {@link #add} of a delivery {@code hold} by quiet hours ({@code HELD} until {@code
     * hold.until()}), or of a free one ({@code hold} null, released at {@code at} unless SKIPPED).
     */
    public void add(
            UUID incidentId,
            UUID channelId,
            UUID eventId,
            String change,
            String status,
            String note,
            String payload,
            Instant at,
            Instant notBefore,
            Hold hold) {
        em.createNativeQuery(
                        "INSERT INTO delivery (id, incident_id, channel_id, event_id, change,"
                                + " status, last_error, next_attempt_at, payload, created_at,"
                                + " held_until, held_zone, held_route_id, released_at)"
                                + " VALUES (:id, :incident, :channel, :event, :change, :status,"
                                + " :note, :next, :payload, :at, CAST(:heldUntil AS timestamptz),"
                                + " CAST(:zone AS text), CAST(:route AS uuid),"
                                + " CAST(:released AS timestamptz))"
                                + " ON CONFLICT ON CONSTRAINT delivery_once DO NOTHING")
                .setParameter("heldUntil", hold == null ? null : Timestamp.from(hold.until()))
                .setParameter("zone", hold == null ? null : hold.zone())
                .setParameter("route", hold == null ? null : hold.routeId())
                .setParameter(
                        "released",
                        hold != null || SKIPPED.equals(status) ? null : Timestamp.from(at))
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
     * Due deliveries, oldest first, each the earliest pending or held one of its incident and
     * channel (so a resolve never overtakes its trigger), at most one per channel and for at most
     * {@code channels} channels, none of {@code busy}: locked, leased until {@code leaseUntil}, and
     * a held one whose window ended is released (PENDING, {@code released_at}). The dispatcher
     * sends to a channel one delivery at a time, in order, while channels proceed in parallel.
     */
    public List<Delivery> claimFirstPerChannel(
            Instant now, Instant leaseUntil, int channels, java.util.Set<UUID> busy) {
        var sql = new StringBuilder(DUE);
        if (!busy.isEmpty()) {
            sql.append(" AND d.channel_id NOT IN (:busy)");
        }
        sql.append(" ORDER BY d.seq LIMIT :scan FOR UPDATE SKIP LOCKED");
        var query =
                em.createNativeQuery(sql.toString())
                        .setParameter("now", Timestamp.from(now))
                        .setParameter("scan", Math.max(200, channels * 20));
        if (!busy.isEmpty()) {
            query.setParameter("busy", List.copyOf(busy));
        }
        var firsts = new java.util.LinkedHashMap<UUID, Delivery>();
        for (var d : rows(query)) {
            if (firsts.size() == channels) {
                break;
            }
            firsts.putIfAbsent(d.channelId(), d);
        }
        var due = List.copyOf(firsts.values());
        lease(due, now, leaseUntil);
        return due;
    }

    /**
     * The channel's earliest due delivery, claimed and leased like {@link #claimFirstPerChannel}.
     */
    public java.util.Optional<Delivery> claimNextOf(
            UUID channelId, Instant now, Instant leaseUntil) {
        var due =
                rows(
                        em.createNativeQuery(
                                        DUE
                                                + " AND d.channel_id = :channel ORDER BY d.seq"
                                                + " LIMIT 1 FOR UPDATE SKIP LOCKED")
                                .setParameter("now", Timestamp.from(now))
                                .setParameter("channel", channelId));
        lease(due, now, leaseUntil);
        return due.stream().findFirst();
    }

    private void lease(List<Delivery> due, Instant now, Instant leaseUntil) {
        for (var d : due) {
            em.createNativeQuery(
                            "UPDATE delivery SET next_attempt_at = :lease, status = 'PENDING',"
                                    + " released_at = COALESCE(released_at, :now) WHERE id = :id")
                    .setParameter("lease", Timestamp.from(leaseUntil))
                    .setParameter("now", Timestamp.from(now))
                    .setParameter("id", d.id())
                    .executeUpdate();
        }
    }

    /** Due (pending, or held past its window) and the earliest open one of its incident+channel. */
    private static final String DUE =
            COLUMNS
                    + " WHERE d.status IN ('PENDING', 'HELD') AND d.next_attempt_at <= :now AND"
                    + " NOT EXISTS (SELECT 1 FROM delivery e WHERE e.incident_id = d.incident_id"
                    + " AND e.channel_id = d.channel_id AND e.status IN ('PENDING', 'HELD') AND"
                    + " e.seq < d.seq)";

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

    /**
     * Releases the incident's held deliveries on the channel now (in order, before anything queued
     * after them); returns how many.
     */
    public int releaseHeld(UUID incidentId, UUID channelId, Instant now, String why) {
        return em.createNativeQuery(
                        "UPDATE delivery SET status = 'PENDING', next_attempt_at = :now,"
                                + " released_at = :now, last_error = :why WHERE incident_id ="
                                + " :incident AND channel_id = :channel AND status = 'HELD'")
                .setParameter("now", Timestamp.from(now))
                .setParameter("why", why)
                .setParameter("incident", incidentId)
                .setParameter("channel", channelId)
                .executeUpdate();
    }

    /** Marks the incident's held deliveries on the channel SKIPPED; returns how many. */
    public int skipHeld(UUID incidentId, UUID channelId, String why) {
        return em.createNativeQuery(
                        "UPDATE delivery SET status = 'SKIPPED', last_error = :why WHERE"
                                + " incident_id = :incident AND channel_id = :channel AND status ="
                                + " 'HELD'")
                .setParameter("why", why)
                .setParameter("incident", incidentId)
                .setParameter("channel", channelId)
                .executeUpdate();
    }

    /**
     * Whether anything of the incident was ever released to the channel (sent, being sent or given
     * up on), as opposed to only held or skipped deliveries.
     */
    public boolean anyReleased(UUID incidentId, UUID channelId) {
        return !em.createNativeQuery(
                        "SELECT 1 FROM delivery WHERE incident_id = :incident AND channel_id ="
                                + " :channel AND status IN ('PENDING', 'DELIVERED', 'FAILED')"
                                + " LIMIT 1")
                .setParameter("incident", incidentId)
                .setParameter("channel", channelId)
                .getResultList()
                .isEmpty();
    }

    /**
     * The incident's trigger ({@code RAISED} / {@code REOPENED} since {@code since}) on the
     * channels: whether one is still held, and when the first was released.
     */
    public TriggerState trigger(UUID incidentId, List<UUID> channelIds, Instant since) {
        if (channelIds.isEmpty()) {
            return new TriggerState(false, null);
        }
        var row =
                (Object[])
                        em.createNativeQuery(
                                        "SELECT COALESCE(bool_or(status = 'HELD'), false),"
                                                + " min(released_at) FROM delivery WHERE"
                                                + " incident_id = :incident AND channel_id IN"
                                                + " (:channels) AND change IN ('RAISED',"
                                                + " 'REOPENED') AND created_at >= :since AND"
                                                + " status <> 'SKIPPED'")
                                .setParameter("incident", incidentId)
                                .setParameter("channels", channelIds)
                                .setParameter("since", Timestamp.from(since))
                                .getSingleResult();
        return new TriggerState((Boolean) row[0], ChannelRepository.instant(row[1]));
    }

    /** See {@link #trigger}. */
    public record TriggerState(boolean held, Instant releasedAt) {}

    /** The deliveries a route holds, locked (a route edit re-evaluates them). */
    public List<Delivery> heldByRoute(UUID routeId) {
        return rows(
                em.createNativeQuery(
                                COLUMNS
                                        + " WHERE d.status = 'HELD' AND d.held_route_id = :route"
                                        + " ORDER BY d.seq FOR UPDATE")
                        .setParameter("route", routeId));
    }

    /** Moves a held delivery's end (a route's quiet hours changed). */
    public void rehold(UUID id, Hold hold, String note) {
        em.createNativeQuery(
                        "UPDATE delivery SET held_until = :until, next_attempt_at = :until,"
                                + " held_zone = :zone, last_error = :note WHERE id = :id AND"
                                + " status = 'HELD'")
                .setParameter("until", Timestamp.from(hold.until()))
                .setParameter("zone", hold.zone())
                .setParameter("note", note)
                .setParameter("id", id)
                .executeUpdate();
    }

    /** Releases one held delivery now (its route no longer holds it). */
    public void release(UUID id, Instant now, String note) {
        em.createNativeQuery(
                        "UPDATE delivery SET status = 'PENDING', next_attempt_at = :now,"
                                + " released_at = :now, last_error = :note WHERE id = :id AND"
                                + " status = 'HELD'")
                .setParameter("now", Timestamp.from(now))
                .setParameter("note", note)
                .setParameter("id", id)
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
                                        ChannelRepository.instant(r[11]),
                                        ChannelRepository.instant(r[12]),
                                        (String) r[13],
                                        (UUID) r[14],
                                        ChannelRepository.instant(r[15])))
                .toList();
    }
}
