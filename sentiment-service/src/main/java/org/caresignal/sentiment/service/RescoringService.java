package org.caresignal.sentiment.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.caresignal.sentiment.config.SentimentConfig;
import org.caresignal.sentiment.domain.Actor;
import org.caresignal.sentiment.domain.PhraseRules;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.event.MentionScored;
import org.caresignal.sentiment.messaging.MentionScoredPublisher;
import org.caresignal.sentiment.repository.ErasureRepository;
import org.caresignal.sentiment.repository.MentionCorrectionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository;

/**
 * Re-scores stored mentions that an older model scored, or that were scored under other phrase
 * rules than their brand's current ones (those whose text was erased or purged keep their verdict):
 * each row is updated in place (one row per mention, never a copy) and its MentionScored published
 * again with the event id of the new model; an analyst's correction stays effective, and the
 * revision goes up when the effective verdict changed. Each run is recorded in the audit log
 * (rescore.run) under the actor who asked, with its counts, also when it fails part-way.
 */
@ApplicationScoped
public class RescoringService {

    private static final UUID FIRST = new UUID(0, 0);

    private final ScoredMentionRepository repository;
    private final SentimentScorer scorer;
    private final MentionScoredPublisher publisher;
    private final SentimentConfig config;
    private final AuditService audit;
    private final ErasureRepository erasures;
    private final MentionCorrectionRepository corrections;
    private final PhraseRuleService phraseRules;

    public RescoringService(
            ErasureRepository erasures,
            MentionCorrectionRepository corrections,
            ScoredMentionRepository repository,
            SentimentScorer scorer,
            MentionScoredPublisher publisher,
            SentimentConfig config,
            AuditService audit,
            PhraseRuleService phraseRules) {
        this.repository = repository;
        this.scorer = scorer;
        this.publisher = publisher;
        this.config = config;
        this.audit = audit;
        this.erasures = erasures;
        this.corrections = corrections;
        this.phraseRules = phraseRules;
    }

    /** How many mentions one call re-scored and how many older ones are left. */
    public record Result(String modelVersion, int rescored, long remaining) {}

    /**
     * Re-scores up to {@code limit} mentions not scored by the current model or under their brand's
     * current phrase rules, for {@code actor}. The row and event of each mention commit in their
     * own transaction, so the audit row is written once at the end (in a finally: a failed run is
     * recorded with what it did).
     */
    public Result rescore(int limit, Actor actor) {
        var version = scorer.modelVersion();
        var done = new AtomicInteger();
        Result result = null;
        try {
            result = rescoreBatches(version, limit, done);
            return result;
        } finally {
            audit.record(
                    actor,
                    "rescore.run",
                    "limit=" + limit,
                    null,
                    result == null
                            ? "modelVersion=" + version + " rescored=" + done.get() + " failed"
                            : "modelVersion="
                                    + version
                                    + " rescored="
                                    + result.rescored()
                                    + " remaining="
                                    + result.remaining());
        }
    }

    private Result rescoreBatches(String version, int limit, AtomicInteger counter) {
        int done = 0;
        var after = FIRST;
        // Read once per run and brand, from the database rather than the scoring cache: a run
        // started right after a change must apply it.
        var rulesByBrand = new HashMap<String, PhraseRules>();
        while (done < limit) {
            var cursor = after;
            int batch = Math.min(config.rescoreBatchSize(), limit - done);
            var rows =
                    QuarkusTransaction.requiringNew()
                            .call(() -> repository.toRescore(version, cursor, batch));
            if (rows.isEmpty()) {
                break;
            }
            for (var row : rows) {
                rulesByBrand.computeIfAbsent(row.brandId, phraseRules::current);
            }
            // Scored outside any transaction and on all cores; the texts are independent.
            var scored =
                    rows.parallelStream()
                            .map(
                                    r ->
                                            scorer.score(
                                                    rulesByBrand.get(r.brandId).rewrite(r.text),
                                                    r.language))
                            .toList();
            for (int i = 0; i < rows.size(); i++) {
                var id = rows.get(i).mentionId;
                var verdict = scored.get(i);
                var fingerprint = rulesByBrand.get(rows.get(i).brandId).fingerprint();
                var updated =
                        QuarkusTransaction.requiringNew()
                                .call(() -> update(id, verdict, fingerprint));
                if (updated != null) {
                    publisher.publish(updated);
                    // Acknowledged: the retry job need not send it again.
                    QuarkusTransaction.requiringNew()
                            .run(
                                    () ->
                                            repository.clearPublishPending(
                                                    updated.mentionId(), updated.eventId()));
                    done++;
                    counter.set(done);
                }
                after = id;
            }
        }
        long remaining =
                QuarkusTransaction.requiringNew().call(() -> repository.countToRescore(version));
        Log.infof("Re-scored %d mentions with %s; %d left", done, version, remaining);
        return new Result(version, done, remaining);
    }

    /**
     * Applies the new verdict unless another call did already; null when there was nothing to do.
     */
    private MentionScored update(
            UUID mentionId, org.caresignal.sentiment.domain.ScoredText verdict, String rules) {
        // Under the erasure lock, so that an erasure committing meanwhile is seen and its aspects
        // are not written back.
        erasures.lockShared();
        var row = repository.findByIdOptional(mentionId).orElse(null);
        if (row == null
                || !row.holdsText()
                || (row.modelVersion.equals(verdict.sentiment().modelVersion())
                        && row.phraseRules.equals(rules))) {
            return null;
        }
        row.phraseRules = rules;
        // An analyst's correction stays the effective label; the revision goes up only when the
        // effective verdict changed (a consumer then moves the mention between labels).
        var correction = corrections.findById(mentionId);
        row.rescore(
                verdict,
                correction == null ? null : correction.corrected(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        // Marked until the broker acknowledges, so a failed publication is retried
        // (CorrectionService.republishPending) rather than lost with the new model version.
        row.publishPending = true;
        repository.flush();
        return MentionScored.from(row);
    }
}
