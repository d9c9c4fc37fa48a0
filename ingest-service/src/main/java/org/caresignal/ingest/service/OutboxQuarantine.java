package org.caresignal.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.caresignal.ingest.domain.Actor;
import org.caresignal.ingest.domain.OutboxEvent;
import org.caresignal.ingest.repository.OutboxRepository;

/**
 * The outbox events the relay gave up on: an admin lists them and, once the cause is fixed,
 * requeues one (audited), which puts it back at its place in the queue with its attempts reset.
 */
@ApplicationScoped
public class OutboxQuarantine {

    private final OutboxRepository outbox;
    private final AuditLog audit;

    public OutboxQuarantine(OutboxRepository outbox, AuditLog audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    @Transactional
    public List<OutboxEvent> list() {
        return outbox.quarantined();
    }

    /** Requeues a quarantined event; a consumer that already has it ignores the second copy. */
    @Transactional
    public OutboxEvent requeue(long outboxId, Actor actor) {
        var event =
                outbox.findByIdOptional(outboxId)
                        .filter(e -> e.quarantinedAt != null)
                        .orElseThrow(
                                () ->
                                        new NotFoundException(
                                                "no quarantined outbox event " + outboxId));
        event.quarantinedAt = null;
        event.lastError = null;
        event.attempts = 0;
        audit.change(
                actor,
                "outbox.requeue",
                String.valueOf(outboxId),
                "event " + event.eventId + " to " + event.topic);
        return event;
    }
}
