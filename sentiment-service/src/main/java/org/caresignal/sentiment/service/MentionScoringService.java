package org.caresignal.sentiment.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.caresignal.sentiment.config.SentimentConfig;
import org.caresignal.sentiment.domain.ScoredText;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.event.MentionIngested;
import org.caresignal.sentiment.event.MentionScored;
import org.caresignal.sentiment.messaging.MentionScoredPublisher;

/**
 * The sentiment use case: a MentionIngested in, the mention scored once and stored, and a
 * MentionScored out after the row is committed. Called on many consumer threads at once: as many
 * score as there are scoring threads, and the stores of all are batched into shared transactions
 * ({@link ScoredMentionBatchStore}).
 */
// Created at start, so that its meters are exported (at zero) before the first mention arrives.
@Startup
@ApplicationScoped
public class MentionScoringService {

    private final ScoredMentionBatchStore store;
    private final Semaphore scoringSlots;
    private final SentimentScorer scorer;
    private final MentionScoredPublisher publisher;
    private final PhraseRuleService phraseRules;
    private final Map<SentimentLabel, Counter> scored = new EnumMap<>(SentimentLabel.class);
    private final Counter skipped;
    private final Counter erasedSkipped;
    private final Timer scoring;

    public MentionScoringService(
            ScoredMentionBatchStore store,
            SentimentScorer scorer,
            MentionScoredPublisher publisher,
            PhraseRuleService phraseRules,
            SentimentConfig config,
            MeterRegistry registry) {
        this.store = store;
        // Fair: a post waits its turn rather than losing it to newer ones.
        this.scoringSlots = new Semaphore(config.scoringThreads(), true);
        this.scorer = scorer;
        this.publisher = publisher;
        this.phraseRules = phraseRules;
        for (var label : SentimentLabel.values()) {
            scored.put(
                    label,
                    Counter.builder("caresignal.mentions.scored")
                            .description("Mentions scored and stored, by label")
                            .tag("label", label.name())
                            .register(registry));
        }
        this.skipped =
                Counter.builder("caresignal.mentions.rescored.skipped")
                        .description("Redelivered mentions that were already scored")
                        .register(registry);
        this.erasedSkipped =
                Counter.builder("caresignal.mentions.erased.skipped")
                        .description(
                                "Mentions that arrived after an erasure named them (redelivery,"
                                        + " replayed dead letter): acknowledged, not stored")
                        .register(registry);
        this.scoring =
                Timer.builder("caresignal.mentions.scoring")
                        .description("Time spent in the sentiment model per mention")
                        .register(registry);
        // The scoring queue's depth: consumer threads holding a mention and waiting for the model.
        // Persistently near the consumer thread count means the model, not the plumbing, is the
        // pace (the intended state under load).
        Gauge.builder("caresignal.scoring.waiting", scoringSlots, Semaphore::getQueueLength)
                .description("Mentions waiting for a scoring slot")
                .register(registry);
    }

    /**
     * Scores and stores the mention, or finds it stored by an earlier delivery, then publishes its
     * MentionScored; publishing again is harmless because the event id is the same. An erased
     * mention is skipped (null): neither stored nor published.
     */
    public MentionScored process(MentionIngested mention) {
        var prior = store.prior(mention.mentionId());
        if (prior.erased()) {
            return skipErased(mention);
        }
        var existing = Optional.ofNullable(prior.row());
        if (existing.isPresent() && !existing.get().holdsText()) {
            // Its text was purged at TEXT age: the verdict went out long ago; repeating it without
            // the text would only confuse the consumers.
            skipped.increment();
            Log.infof(
                    "Mention %s already scored and its text purged; skipped", mention.mentionId());
            return null;
        }
        if (existing.isPresent()) {
            // An earlier delivery may have stored the row and died before publishing.
            skipped.increment();
            Log.infof("Mention %s already scored, re-publishing its result", mention.mentionId());
            var event = MentionScored.from(existing.get());
            publisher.publish(event);
            return event;
        }

        // The brand's phrase rules rewrite only what the scorer reads (and caches: the cache is
        // keyed by the rewritten text, so one brand's rules never answer for another's post); the
        // stored and published text is the post's own.
        var rules = phraseRules.forScoring(mention.brandId());
        // Scored outside the transaction: the model takes far longer than the insert.
        var sentiment = score(rules.rewrite(mention.text()), mention.language());
        var stored = store(mention, sentiment, rules.fingerprint());
        if (stored.erased()) {
            return skipErased(mention);
        }
        var event = MentionScored.from(stored.mention());
        publisher.publish(event);

        if (stored.inserted()) {
            scored.get(event.label()).increment();
            // Debug: at hundreds of mentions a second a line each is noise (the counters count).
            Log.debugf(
                    "Scored mention %s of brand %s: %s (%.3f)",
                    event.mentionId(), event.brandId(), event.label(), event.score());
        } else {
            skipped.increment();
        }
        return event;
    }

    private ScoredText score(String text, String language) {
        try {
            scoringSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to score", e);
        }
        try {
            return scoring.record(() -> scorer.score(text, language));
        } finally {
            scoringSlots.release();
        }
    }

    private MentionScored skipErased(MentionIngested mention) {
        erasedSkipped.increment();
        Log.infof("Mention %s has been erased; acknowledged and skipped", mention.mentionId());
        return null;
    }

    /**
     * Stores the scored mention in the next batch; records are scored in parallel, so another
     * delivery of the same mention may win the insert, in which case its row is the result.
     */
    private ScoredMentionService.Stored store(
            MentionIngested mention, ScoredText sentiment, String phraseRules) {
        return store.storeIfAbsent(
                new ScoredMentionBatchStore.Item(
                        mention,
                        sentiment,
                        phraseRules,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }
}
