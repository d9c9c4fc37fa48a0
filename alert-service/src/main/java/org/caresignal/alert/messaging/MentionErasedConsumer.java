package org.caresignal.alert.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.caresignal.alert.event.EventReader;
import org.caresignal.alert.event.InvalidEventException;
import org.caresignal.alert.event.MentionErased;
import org.caresignal.alert.service.AlertOutboxRelay;
import org.caresignal.alert.service.ErasureService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code MentionErased} records from {@code mentions.erased.v1} and applies each erasure
 * ({@link ErasureService}); an unreadable record is nacked at once and the channel's failure
 * strategy dead-letters it to {@code mentions.erased.v1.dlq}; a database outage is waited out
 * ({@link OutageTolerantProcessing}), never dead-lettered. The confirmation is relayed from the
 * outbox right after the commit (or by the relay's next tick).
 */
@ApplicationScoped
public class MentionErasedConsumer {

    private final EventReader reader;
    private final ErasureService erasures;
    private final OutageTolerantProcessing processing;
    private final AlertOutboxRelay relay;

    public MentionErasedConsumer(
            ObjectMapper mapper,
            ErasureService erasures,
            OutageTolerantProcessing processing,
            AlertOutboxRelay relay) {
        this.reader = new EventReader(mapper);
        this.erasures = erasures;
        this.processing = processing;
        this.relay = relay;
    }

    @Incoming("mentions-erased")
    @Blocking(ordered = true)
    public void consume(String payload) {
        MentionErased event;
        try {
            event = reader.mentionErased(payload);
        } catch (InvalidEventException e) {
            Log.warnf("Dead-lettering a MentionErased record (%s): %s", e.reason(), e.getMessage());
            throw e;
        }
        try {
            // Safe to repeat: an erasure applied before is only confirmed again.
            processing.run("Erasure", event.erasureId(), () -> erasures.apply(event));
        } catch (RuntimeException e) {
            Log.errorf(
                    e,
                    "Erasure %s could not be applied on any attempt; dead-lettering it",
                    event.erasureId());
            throw e;
        }
        try {
            relay.flush();
        } catch (RuntimeException e) {
            // Committed with its confirmation in the outbox: the relay's next tick publishes it.
            Log.warnf(
                    "Confirming erasure %s waits for the relay's next tick: %s",
                    event.erasureId(), e.getMessage());
        }
    }
}
