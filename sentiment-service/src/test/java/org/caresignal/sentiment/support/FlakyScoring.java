package org.caresignal.sentiment.support;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.caresignal.sentiment.config.SentimentConfig;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.event.MentionIngested;
import org.caresignal.sentiment.event.MentionScored;
import org.caresignal.sentiment.messaging.MentionScoredPublisher;
import org.caresignal.sentiment.service.MentionScoringService;
import org.caresignal.sentiment.service.PhraseRuleService;
import org.caresignal.sentiment.service.ScoredMentionBatchStore;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Test-only stand-in for the scoring service that fails the first calls for a marked mention id as
 * a lost database connection would (or with an unexpected failure), and otherwise scores as the
 * real one; unmarked mentions are untouched, so every other test sees the real behaviour.
 */
// Singleton, not application-scoped: a client proxy would need a no-args constructor, which
// Quarkus cannot add to a subclass of a bean with constructor injection.
@Alternative
@Priority(1)
@Singleton
public class FlakyScoring extends MentionScoringService {

    private static final Map<UUID, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();
    private static final Map<UUID, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final Map<UUID, Boolean> UNEXPECTED = new ConcurrentHashMap<>();

    public FlakyScoring(
            ScoredMentionBatchStore store,
            SentimentScorer scorer,
            MentionScoredPublisher publisher,
            PhraseRuleService phraseRules,
            SentimentConfig config,
            MeterRegistry registry) {
        super(store, scorer, publisher, phraseRules, config, registry);
    }

    /** Makes the next {@code failures} attempts to process this mention fail. */
    public static void failNext(UUID mentionId, int failures) {
        UNEXPECTED.remove(mentionId);
        FAILURES_LEFT.put(mentionId, new AtomicInteger(failures));
    }

    /**
     * Makes the next {@code failures} attempts fail with an exception that says nothing about the
     * database (a bug, say) while the database answers.
     */
    public static void failNextUnexpectedly(UUID mentionId, int failures) {
        UNEXPECTED.put(mentionId, Boolean.TRUE);
        FAILURES_LEFT.put(mentionId, new AtomicInteger(failures));
    }

    /** How often processing was attempted for this mention. */
    public static int calls(UUID mentionId) {
        var calls = CALLS.get(mentionId);
        return calls == null ? 0 : calls.get();
    }

    @Override
    public MentionScored process(MentionIngested mention) {
        CALLS.computeIfAbsent(mention.mentionId(), id -> new AtomicInteger()).incrementAndGet();
        var left = FAILURES_LEFT.get(mention.mentionId());
        if (left != null && left.getAndDecrement() > 0) {
            if (UNEXPECTED.containsKey(mention.mentionId())) {
                throw new IllegalStateException("simulated bug");
            }
            throw new JDBCConnectionException(
                    "simulated outage",
                    new SQLException("Connection to localhost refused", "08001"));
        }
        return super.process(mention);
    }
}
