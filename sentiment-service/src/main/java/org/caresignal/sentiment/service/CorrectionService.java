package org.caresignal.sentiment.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.caresignal.sentiment.domain.Actor;
import org.caresignal.sentiment.domain.MentionCorrection;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.event.MentionScored;
import org.caresignal.sentiment.messaging.MentionScoredPublisher;
import org.caresignal.sentiment.repository.ErasureRepository;
import org.caresignal.sentiment.repository.MentionCorrectionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository;

/**
 * Analysts' corrections: a mention id and a label (with aspect labels) in; the correction stored
 * under the caller, the mention's effective verdict and revision changed and its audit row written
 * in one transaction, then its MentionScored published. A change whose publication the broker did
 * not acknowledge stays marked pending and is published again (same event id) by the next identical
 * request or by {@link #republishPending}.
 */
@ApplicationScoped
public class CorrectionService {

    /** How long a pending publication is left to its own request before the retry job takes it. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(20);

    private final ScoredMentionRepository mentions;
    private final MentionCorrectionRepository corrections;
    private final ErasureRepository erasures;
    private final MentionScoredPublisher publisher;
    private final AuditService audit;

    public CorrectionService(
            ScoredMentionRepository mentions,
            MentionCorrectionRepository corrections,
            ErasureRepository erasures,
            MentionScoredPublisher publisher,
            AuditService audit) {
        this.mentions = mentions;
        this.corrections = corrections;
        this.erasures = erasures;
        this.publisher = publisher;
        this.audit = audit;
    }

    /** What an analyst says the mention is: a label, aspect labels (maybe none) and a note. */
    public record Correction(
            SentimentLabel label, Map<String, SentimentLabel> aspects, String note) {}

    /** Why a correction was not applied. */
    public enum Refusal {
        NOT_FOUND,
        ERASED
    }

    /** The mention after the call (null when refused) with its correction (null when none). */
    public record Result(ScoredMention mention, MentionCorrection correction, Refusal refusal) {}

    private record Change(Result result, MentionScored toPublish) {}

    /**
     * Corrects the mention; its aspect labels are laid over those of an earlier correction. The
     * same correction again changes nothing (no revision, no event; a different note is kept).
     */
    public Result correct(UUID mentionId, Correction correction, Actor actor) {
        var change =
                QuarkusTransaction.requiringNew()
                        .call(() -> applyCorrection(mentionId, correction, actor));
        return finish(change, mentionId, actor);
    }

    /** Takes the correction away: the model's verdict is effective again (revision + 1). */
    public Result clear(UUID mentionId, Actor actor) {
        var change = QuarkusTransaction.requiringNew().call(() -> applyClear(mentionId, actor));
        return finish(change, mentionId, actor);
    }

    private Result finish(Change change, UUID mentionId, Actor actor) {
        var result = change.result();
        if (result.refusal() != null) {
            audit.record(
                    actor,
                    "mention.correct",
                    mentionId.toString(),
                    null,
                    result.refusal() == Refusal.NOT_FOUND ? "not found" : "erased");
            return result;
        }
        if (change.toPublish() != null) {
            publish(change.toPublish());
        }
        return result;
    }

    private Change applyCorrection(UUID mentionId, Correction wanted, Actor actor) {
        var row = lock(mentionId);
        if (row == null || row.erasedAt != null) {
            return refused(row);
        }
        var existing = corrections.findById(mentionId);
        var aspects =
                new TreeMap<String, SentimentLabel>(
                        existing == null ? Map.of() : existing.aspectLabels());
        aspects.putAll(wanted.aspects());
        var target = new MentionCorrection.Corrected(wanted.label(), aspects);
        if (existing != null && existing.corrected().equals(target)) {
            existing.note = wanted.note() == null ? existing.note : wanted.note();
            audit.record(
                    actor,
                    "mention.correct",
                    mentionId.toString(),
                    null,
                    "unchanged label=" + target.label() + " revision=" + row.revision);
            return new Change(
                    new Result(row, existing, null),
                    row.publishPending ? MentionScored.from(row) : null);
        }
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var correction = existing == null ? new MentionCorrection() : existing;
        correction.mentionId = mentionId;
        correction.label = target.label();
        correction.aspectLabels(target.aspects());
        correction.correctedBy = actor.username();
        correction.correctedAt = now;
        correction.note = wanted.note();
        if (existing == null) {
            corrections.persist(correction);
        }
        boolean changed = row.correct(target, now);
        row.publishPending |= changed;
        audit.record(
                actor,
                "mention.correct",
                mentionId.toString(),
                null,
                "label="
                        + target.label()
                        + (target.aspects().isEmpty()
                                ? ""
                                : " aspects=" + MentionCorrection.encode(target.aspects()))
                        + " revision="
                        + row.revision);
        mentions.flush();
        return new Change(
                new Result(row, correction, null),
                row.publishPending ? MentionScored.from(row) : null);
    }

    private Change applyClear(UUID mentionId, Actor actor) {
        var row = lock(mentionId);
        if (row == null || row.erasedAt != null) {
            return refused(row);
        }
        var existing = corrections.findById(mentionId);
        if (existing == null) {
            audit.record(
                    actor,
                    "mention.correct",
                    mentionId.toString(),
                    null,
                    "unchanged cleared revision=" + row.revision);
            return new Change(
                    new Result(row, null, null),
                    row.publishPending ? MentionScored.from(row) : null);
        }
        corrections.delete(existing);
        boolean changed = row.correct(null, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        row.publishPending |= changed;
        audit.record(
                actor,
                "mention.correct",
                mentionId.toString(),
                null,
                "cleared label=" + row.label + " revision=" + row.revision);
        mentions.flush();
        return new Change(
                new Result(row, null, null), row.publishPending ? MentionScored.from(row) : null);
    }

    /**
     * The row locked for this transaction, under the erasure lock (so an erasure committing
     * meanwhile is seen); null when there is none.
     */
    private ScoredMention lock(UUID mentionId) {
        erasures.lockShared();
        var row = mentions.findById(mentionId, LockModeType.PESSIMISTIC_WRITE);
        if (row != null) {
            row.aspects.size();
        }
        return row;
    }

    private static Change refused(ScoredMention row) {
        return new Change(
                new Result(null, null, row == null ? Refusal.NOT_FOUND : Refusal.ERASED), null);
    }

    /**
     * Publishes and waits for the broker; then clears the pending mark unless a later change
     * replaced the event meanwhile. A failure leaves the mark for the retry.
     */
    void publish(MentionScored event) {
        publisher.publish(event);
        QuarkusTransaction.requiringNew()
                .run(() -> mentions.clearPublishPending(event.mentionId(), event.eventId()));
    }

    /**
     * Publishes the changes (corrections, re-scores) whose publication was not acknowledged: the
     * process died or the broker refused after the commit.
     */
    @Scheduled(
            identity = "republish-pending",
            every = "30s",
            delayed = "30s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void republishPending() {
        List<MentionScored> events =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        mentions
                                                .publishPending(
                                                        Instant.now().minus(RETRY_AFTER), 100)
                                                .stream()
                                                .filter(this::stillPublishable)
                                                .map(MentionScored::from)
                                                .toList());
        for (var event : events) {
            try {
                publish(event);
                Log.infof(
                        "Re-published MentionScored %s of mention %s (revision %d)",
                        event.eventId(), event.mentionId(), event.revision());
            } catch (RuntimeException e) {
                Log.warnf(
                        "Could not re-publish MentionScored of mention %s; next run retries: %s",
                        event.mentionId(), e.getClass().getSimpleName());
                return;
            }
        }
    }

    /**
     * An erased mention's change is never sent (the erasure removed it everywhere): its mark is
     * dropped. A purged one's is (without text, which consumers do not need to count it).
     */
    private boolean stillPublishable(ScoredMention row) {
        if (row.erasedAt != null) {
            row.publishPending = false;
            return false;
        }
        return true;
    }

    /** The brand's corrected mentions that still hold their text, oldest correction first. */
    @Transactional
    public List<MentionCorrectionRepository.LabelledRow> labelled(String brandId) {
        return corrections.labelled(brandId);
    }

    /** The brand's corrections by corrected label, with the model's agreement. */
    @Transactional
    public Map<SentimentLabel, MentionCorrectionRepository.Agreement> agreement(String brandId) {
        return corrections.agreement(brandId);
    }
}
