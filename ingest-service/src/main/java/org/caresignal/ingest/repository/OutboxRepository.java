package org.caresignal.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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

    /** How many events are quarantined. */
    public long quarantinedCount() {
        return count("quarantinedAt is not null");
    }

    /** Quarantined events, oldest first. */
    public List<OutboxEvent> quarantined() {
        return list("quarantinedAt is not null order by id");
    }
}
