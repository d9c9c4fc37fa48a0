package org.caresignal.sentiment.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.caresignal.sentiment.event.MentionErased;
import org.caresignal.sentiment.event.MentionErasedReader;
import org.caresignal.sentiment.service.ErasureService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads MentionErased records from the {@code mentions-erased} channel and hands them to the
 * erasure service, which erases and then confirms; a record that cannot be read is dead-lettered at
 * once, a database or broker outage is waited out (see {@link OutageTolerantProcessing}).
 */
@ApplicationScoped
public class MentionErasedConsumer {

    private final MentionErasedReader reader;
    private final ErasureService erasures;
    private final OutageTolerantProcessing processing;

    public MentionErasedConsumer(
            ObjectMapper mapper, ErasureService erasures, OutageTolerantProcessing processing) {
        this.reader = new MentionErasedReader(mapper);
        this.erasures = erasures;
        this.processing = processing;
    }

    // The record is acknowledged only when this returns, that is after the erasure committed AND
    // its ErasureConfirmed was acknowledged by the broker. A process that dies in between has its
    // record delivered again; the erasure is idempotent and confirms again with the same count, so
    // no confirmation is lost and no outbox is needed. Ordered: erasures are rare and short.
    @Incoming("mentions-erased")
    @Blocking
    public void consume(String payload) {
        var erasure = read(payload);
        try {
            processing.run("Erasure", erasure.erasureId(), () -> erasures.process(erasure));
        } catch (RuntimeException e) {
            Log.errorf(
                    e,
                    "Erasure %s could not be applied on any attempt; dead-lettering it",
                    erasure.erasureId());
            throw e;
        }
    }

    private MentionErased read(String payload) {
        try {
            return reader.read(payload);
        } catch (IllegalArgumentException e) {
            Log.warnf("Unreadable MentionErased record dead-lettered: %s", e.getMessage());
            throw e;
        }
    }
}
