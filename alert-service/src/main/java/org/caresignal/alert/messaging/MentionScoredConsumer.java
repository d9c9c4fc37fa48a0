package org.caresignal.alert.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.caresignal.alert.domain.LabelledMention;
import org.caresignal.alert.event.EventReader;
import org.caresignal.alert.event.InvalidEventException;
import org.caresignal.alert.event.MentionScored;
import org.caresignal.alert.service.MentionCountService;
import org.caresignal.alert.service.MentionMetrics;
import org.caresignal.alert.service.SeriesEvaluations;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code MentionScored} records from {@code mentions.scored.v1} and hands them to counting,
 * then to detection; a poison record is nacked at once and the channel's failure strategy
 * dead-letters it, while a counting failure that may pass (database, lock timeout) is retried with
 * backoff first and dead-lettered only once the retries are exhausted.
 */
@ApplicationScoped
public class MentionScoredConsumer {

    private final EventReader reader;
    private final MentionCountService counting;
    private final MentionMetrics metrics;
    private final SeriesEvaluations detection;
    private final OutageTolerantProcessing processing;

    public MentionScoredConsumer(
            ObjectMapper mapper,
            MentionCountService counting,
            MentionMetrics metrics,
            SeriesEvaluations detection,
            OutageTolerantProcessing processing) {
        this.detection = detection;
        this.processing = processing;
        this.reader = new EventReader(mapper);
        this.counting = counting;
        this.metrics = metrics;
    }

    // Unordered on a worker pool of many threads: each waits for its mention's batch to be counted
    // (one transaction for all that wait together) and its series evaluated, then is acknowledged
    // on its own; offsets are committed only up to the oldest record not acknowledged, and a
    // failing record is retried or dead-lettered on its own. Order does not matter: counting adds
    // up, a revision counts only over a lower one, and a bucket closes by the settled event time.
    @Incoming("mentions-scored")
    @Blocking(value = "mention-counting", ordered = false)
    public void consume(String payload) {
        LabelledMention mention;
        MentionScored event;
        try {
            event = reader.mentionScored(payload);
            mention = event.toLabelledMention();
        } catch (InvalidEventException e) {
            metrics.rejected(e.reason());
            Log.warnf("Dead-lettering a MentionScored record (%s): %s", e.reason(), e.getMessage());
            throw e;
        }
        try {
            // Safe to repeat: counting is idempotent per mention id.
            processing.run(
                    "Mention",
                    event.mentionId(),
                    () -> counting.count(mention, event.text(), event.negativeAspects()));
        } catch (InvalidEventException e) {
            metrics.rejected(e.reason());
            Log.warnf("Dead-lettering a MentionScored record (%s): %s", e.reason(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            Log.errorf(
                    e,
                    "Mention %s could not be counted (poison, or it failed on every attempt);"
                            + " dead-lettering it",
                    event.mentionId());
            throw e;
        }
        try {
            detection.afterCounted(mention.brandId(), mention.facilityId(), mention.publishedAt());
        } catch (RuntimeException e) {
            // The mention is counted; its buckets are evaluated again with the next mention or
            // tick (an evaluation's own failure is logged where it ran; this is a stop).
            Log.errorf(e, "Evaluating the detector of %s failed", mention.brandId());
        }
    }
}
