package org.caresignal.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.caresignal.ingest.domain.OutboxEvent;
import org.hibernate.Session;

/** The outbox table: events in the order they were accepted, and those quarantined. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /**
     * The oldest waiting (not quarantined) events, locked for this transaction; rows another relay
     * holds are skipped, so two instances never send the same batch at once.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxEvent> lockOldest(int limit) {
        return getEntityManager()
                .createNativeQuery(
                        "select * from outbox_event where quarantined_at is null order by"
                                + " outbox_id limit ?1 for update skip locked",
                        OutboxEvent.class)
                .setParameter(1, limit)
                .getResultList();
    }

    /**
     * Writes these new events in one statement, their outbox ids in list order (the relay's send
     * order), each with the current trace context unless it has its own: a batch of accepted
     * mentions costs one round trip instead of one per event.
     */
    public void insertAll(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        var eventIds = new UUID[n];
        var topics = new String[n];
        var keys = new String[n];
        var payloads = new String[n];
        var createdAt = new String[n];
        var traceparents = new String[n];
        var current = OutboxEvent.currentTraceparent();
        for (int i = 0; i < n; i++) {
            var e = events.get(i);
            eventIds[i] = e.eventId;
            topics[i] = e.topic;
            keys[i] = e.key;
            payloads[i] = e.payload;
            // ISO-8601 instants, cast by the database: no session time zone comes into it.
            createdAt[i] = e.createdAt.toString();
            traceparents[i] = e.traceparent != null ? e.traceparent : current;
        }
        getEntityManager()
                .unwrap(Session.class)
                .doWork(
                        connection -> {
                            try (var insert =
                                    connection.prepareStatement(
                                            // With ordinality and ordered: the bigserial ids follow
                                            // the list, and the relay sends by id.
                                            "insert into outbox_event (event_id, topic,"
                                                    + " record_key, payload, created_at, attempts,"
                                                    + " traceparent) select e, t, k, p,"
                                                    + " c::timestamptz, 0, tp from"
                                                    + " unnest(?::uuid[], ?::text[], ?::text[],"
                                                    + " ?::text[], ?::text[], ?::text[]) with"
                                                    + " ordinality as r(e, t, k, p, c, tp, n) order"
                                                    + " by n")) {
                                insert.setArray(1, connection.createArrayOf("uuid", eventIds));
                                insert.setArray(2, connection.createArrayOf("text", topics));
                                insert.setArray(3, connection.createArrayOf("text", keys));
                                insert.setArray(4, connection.createArrayOf("text", payloads));
                                insert.setArray(5, connection.createArrayOf("text", createdAt));
                                insert.setArray(6, connection.createArrayOf("text", traceparents));
                                insert.executeUpdate();
                            }
                        });
    }

    /**
     * The outbox at a glance: how many events wait, how many are quarantined, and when the oldest
     * waiting one was written (null when none waits).
     */
    public record Stats(long waiting, long quarantined, Instant oldestWaiting) {}

    /** {@link Stats} in one statement (the relay reads it after every batch). */
    public Stats stats() {
        // The relay's changes to attempts and quarantine must be in the counts.
        getEntityManager().flush();
        var row =
                (Object[])
                        getEntityManager()
                                .createNativeQuery(
                                        "select count(*) filter (where quarantined_at is null),"
                                                + " count(*) filter (where quarantined_at is not"
                                                + " null), min(created_at) filter (where"
                                                + " quarantined_at is null) from outbox_event")
                                .getSingleResult();
        return new Stats(
                ((Number) row[0]).longValue(), ((Number) row[1]).longValue(), toInstant(row[2]));
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    /** How many events are quarantined. */
    public long quarantinedCount() {
        return count("quarantinedAt is not null");
    }

    /** Quarantined events, oldest first. */
    public List<OutboxEvent> quarantined() {
        return list("quarantinedAt is not null order by id");
    }

    /**
     * Deletes the events of this topic not yet sent (waiting or quarantined) whose payload names
     * one of these mention ids, so that an erased mention's text never leaves; returns how many.
     */
    public int deleteUnsentMentions(String topic, Collection<UUID> mentionIds) {
        if (mentionIds.isEmpty()) {
            return 0;
        }
        return getEntityManager()
                .createNativeQuery(
                        // A regular expression, not a JSON cast: a row that is not JSON (the
                        // reason it was quarantined, perhaps) must not fail the erasure.
                        "delete from outbox_event where topic = ?1 and substring(payload from"
                                + " '\"mentionId\":\"([0-9a-f-]+)\"') in (?2)")
                .setParameter(1, topic)
                .setParameter(2, mentionIds.stream().map(UUID::toString).toList())
                .executeUpdate();
    }
}
