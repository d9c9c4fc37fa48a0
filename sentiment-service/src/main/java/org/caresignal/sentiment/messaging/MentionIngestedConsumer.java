package org.caresignal.sentiment.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.caresignal.sentiment.event.MentionIngested;
import org.caresignal.sentiment.event.MentionIngestedReader;
import org.caresignal.sentiment.service.MentionScoringService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads MentionIngested records from the {@code mentions-ingested} channel and hands them to the
 * scoring service; a record that cannot be read throws at once, which dead-letters it, while the
 * processing waits out a database outage (see {@link OutageTolerantProcessing}) and only another
 * failure that persists through its bounded retries is dead-lettered.
 */
@ApplicationScoped
public class MentionIngestedConsumer {

    private final MentionIngestedReader reader;
    private final MentionScoringService scoring;
    private final OutageTolerantProcessing processing;

    public MentionIngestedConsumer(
            ObjectMapper mapper,
            MentionScoringService scoring,
            OutageTolerantProcessing processing) {
        this.reader = new MentionIngestedReader(mapper);
        this.scoring = scoring;
        this.processing = processing;
    }

    // Blocking because the model is CPU-bound and the store is JDBC. Unordered on a worker pool
    // far larger than the cores: the scoring service lets one thread per core score while the
    // others wait for their batch to be stored and their event acknowledged, so those waits
    // overlap instead of idling the cores. Each record is still acknowledged on its own, after its
    // event is acknowledged (offsets are committed only up to the oldest record not acknowledged),
    // and fails or is dead-lettered on its own. The connector stops polling while its bounded
    // queue of in-flight records is full, so a backlog waits in Kafka, not in memory. Per-mention
    // order does not matter: each mention is scored on its own and stored once.
    @Incoming("mentions-ingested")
    @Blocking(value = "sentiment-scoring", ordered = false)
    public void consume(String payload) {
        var mention = read(payload);
        Log.debugf("Received mention %s of brand %s", mention.mentionId(), mention.brandId());
        try {
            // Safe to repeat: processing is idempotent per mention id.
            processing.run("Mention", mention.mentionId(), () -> scoring.process(mention));
        } catch (RuntimeException e) {
            Log.errorf(
                    e,
                    "Mention %s could not be processed (poison, or it failed on every attempt);"
                            + " dead-lettering it",
                    mention.mentionId());
            throw e;
        }
    }

    private MentionIngested read(String payload) {
        try {
            return reader.read(payload);
        } catch (IllegalArgumentException e) {
            // The connector logs only that it dead-letters; say why, without the post itself.
            Log.warnf(
                    "Unreadable MentionIngested record dead-lettered: %s",
                    MentionIngestedReader.reason(e));
            throw e;
        }
    }
}
