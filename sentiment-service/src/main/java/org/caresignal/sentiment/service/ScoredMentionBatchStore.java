package org.caresignal.sentiment.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.caresignal.sentiment.config.SentimentConfig;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.ScoredText;
import org.caresignal.sentiment.domain.TransientFailures;
import org.caresignal.sentiment.event.MentionIngested;
import org.caresignal.sentiment.repository.ErasureRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.service.GroupCommit.Outcome;
import org.caresignal.sentiment.service.ScoredMentionService.Stored;

/**
 * Stores scored mentions handed over by the consumer's threads in batches, one transaction per
 * batch, each mention exactly as {@link ScoredMentionService#storeIfAbsent} would: a scored mention
 * in, the row as stored (or found, or none when erased) out.
 */
@ApplicationScoped
public class ScoredMentionBatchStore {

    /** A scored mention to store. */
    public record Item(
            MentionIngested mention, ScoredText sentiment, String phraseRules, Instant scoredAt) {}

    /**
     * What an earlier delivery left of a mention: erased, its row, or nothing ({@link #NONE}).
     *
     * @param row null when there is none
     */
    public record Prior(boolean erased, ScoredMention row) {
        static final Prior NONE = new Prior(false, null);
        static final Prior ERASED = new Prior(true, null);
    }

    private final ScoredMentionRepository repository;
    private final ErasureRepository erasures;
    private final ScoredMentionService single;
    private final GroupCommit<Item, Stored> commit;

    public ScoredMentionBatchStore(
            ScoredMentionRepository repository,
            ErasureRepository erasures,
            ScoredMentionService single,
            SentimentConfig config) {
        this.repository = repository;
        this.erasures = erasures;
        this.single = single;
        this.commit =
                new GroupCommit<>("scored-mention-store", config.storeBatchSize(), this::write);
    }

    void onStop(@Observes ShutdownEvent event) {
        commit.close();
    }

    /**
     * Whether an earlier delivery erased or stored the mention, in one read-only transaction (the
     * check that spares a redelivered mention the model).
     */
    @Transactional
    public Prior prior(UUID mentionId) {
        if (erasures.isErased(mentionId)) {
            return Prior.ERASED;
        }
        return repository
                .findByIdOptional(mentionId)
                .map(r -> new Prior(false, r))
                .orElse(Prior.NONE);
    }

    /**
     * Stores the mention unless it is stored already (its row is then the result, untouched) or has
     * been erased ({@link Stored#ERASED}); returns once the batch holding it is committed.
     */
    public Stored storeIfAbsent(Item item) {
        return commit.submit(item);
    }

    private List<Outcome<Stored>> write(List<Item> items) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> writeAll(items));
        } catch (RuntimeException failure) {
            if (items.size() == 1 || TransientFailures.isDatabaseOutage(failure)) {
                // An outage fails every mention of the batch: each waits and is tried again.
                throw failure;
            }
            // One mention spoiled the transaction (say, another instance inserted it meanwhile):
            // each is stored on its own, so that only that one fails, or finds the winner's row.
            Log.warnf(
                    "A batch of %d mentions failed (%s); storing them one by one",
                    items.size(), failure.getClass().getName());
            var outcomes = new ArrayList<Outcome<Stored>>(items.size());
            for (var item : items) {
                try {
                    outcomes.add(Outcome.of(storeOne(item)));
                } catch (RuntimeException e) {
                    outcomes.add(Outcome.failed(e));
                }
            }
            return outcomes;
        }
    }

    private List<Outcome<Stored>> writeAll(List<Item> items) {
        // Checked under the erasure lock: an erasure committing meanwhile is seen
        // (ErasureRepository).
        erasures.lockShared();
        // Every repost count this batch may touch, locked in id order once for the batch (no
        // deadlock with another such transaction), as each mention alone would lock its own.
        var keys = new TreeSet<UUID>();
        for (var item : items) {
            keys.add(item.mention().mentionId());
            if (item.mention().repostOf() != null) {
                keys.add(item.mention().repostOf());
            }
        }
        keys.forEach(repository::lockReposts);
        var outcomes = new ArrayList<Outcome<Stored>>(items.size());
        var entities = repository.getEntityManager();
        for (var item : items) {
            outcomes.add(Outcome.of(insertIfAbsent(item)));
            // Each mention sees the ones before it (flushed); clearing keeps the flushes of a big
            // batch from checking every earlier row again.
            entities.flush();
            entities.clear();
        }
        return outcomes;
    }

    /** The same steps as {@link ScoredMentionService#storeIfAbsent}, in the batch's transaction. */
    private Stored insertIfAbsent(Item item) {
        var mention = item.mention();
        if (erasures.isErased(mention.mentionId())) {
            return Stored.ERASED;
        }
        Optional<ScoredMention> existing = repository.findByIdOptional(mention.mentionId());
        if (existing.isPresent()) {
            return new Stored(existing.get(), false);
        }
        var row = newRow(mention, item.sentiment(), item.phraseRules(), item.scoredAt());
        repository.persist(row);
        repository.flush();
        // Only on insert, as in storeIfAbsent: a repost is counted once, and an original counts
        // the reposts stored before it (those earlier in this batch included).
        repository.recountReposts(row.mentionId);
        if (row.repostOf != null && !row.repostOf.equals(row.mentionId)) {
            repository.addRepost(row.repostOf);
        }
        return new Stored(row, true);
    }

    /** The row of a newly scored mention, not yet persisted. */
    static ScoredMention newRow(
            MentionIngested mention, ScoredText sentiment, String phraseRules, Instant scoredAt) {
        var row = new ScoredMention();
        row.mentionId = mention.mentionId();
        row.brandId = mention.brandId();
        row.facilityId = mention.facilityId();
        row.source = mention.source();
        row.externalId = mention.externalId();
        row.url = mention.url();
        row.text = mention.text();
        row.publishedAt = mention.publishedAt();
        row.language = mention.language();
        row.repostOf = mention.repostOf();
        row.phraseRules = phraseRules;
        row.assign(sentiment, scoredAt);
        return row;
    }

    /** One mention in its own transaction; another delivery may have won its insert. */
    private Stored storeOne(Item item) {
        try {
            return single.storeIfAbsent(
                    item.mention(), item.sentiment(), item.phraseRules(), item.scoredAt());
        } catch (RuntimeException e) {
            var winner = single.find(item.mention().mentionId());
            if (winner.isEmpty()) {
                throw e;
            }
            // The winner's row may have lost its text to an erasure since: nothing to publish.
            return winner.get().holdsText() ? new Stored(winner.get(), false) : Stored.ERASED;
        }
    }
}
