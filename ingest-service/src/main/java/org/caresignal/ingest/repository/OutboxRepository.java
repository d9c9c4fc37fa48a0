package org.caresignal.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.caresignal.ingest.domain.OutboxEvent;

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

    /** Events waiting to be sent. */
    public long waiting() {
        return count("quarantinedAt is null");
    }

    /** When the oldest event still waiting to be sent was written, or null when none waits. */
    public Instant oldestWaiting() {
        return getEntityManager()
                .createQuery(
                        "select min(e.createdAt) from OutboxEvent e where e.quarantinedAt is null",
                        Instant.class)
                .getSingleResult();
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
