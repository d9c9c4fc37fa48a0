package org.caresignal.sentiment.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
    private final GroupCommit<UUID, Prior> priors;

    public ScoredMentionBatchStore(
            ScoredMentionRepository repository,
            ErasureRepository erasures,
            ScoredMentionService single,
            SentimentConfig config) {
        this.repository = repository;
        this.erasures = erasures;
        this.single = single;
        this.commit =
                new GroupCommit<>(
                        "scored-mention-store",
                        config.storeBatchSize(),
                        config.storeLinger(),
                        this::storeAll);
        this.priors =
                new GroupCommit<>("scored-mention-prior", config.storeBatchSize(), this::priorAll);
    }

    void onStop(@Observes ShutdownEvent event) {
        priors.close();
        commit.close();
    }

    /**
     * Whether an earlier delivery erased or stored the mention (the check that spares a redelivered
     * mention the model); read together with the other consumer threads' checks of the moment.
     */
    public Prior prior(UUID mentionId) {
        return priors.submit(mentionId);
    }

    /**
     * The priors of a batch in one read-only transaction of two statements, one outcome per id in
     * order.
     */
    // Why: read one by one, this check was a transaction and two statements per mention, about as
    // many round trips as the batched store of the same mentions needed in all.
    private List<Outcome<Prior>> priorAll(List<UUID> ids) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            var distinct = new LinkedHashSet<>(ids);
                            var erased = erasures.erasedAmong(distinct);
                            distinct.removeAll(erased);
                            var stored = repository.findAllById(distinct);
                            var outcomes = new ArrayList<Outcome<Prior>>(ids.size());
                            for (var id : ids) {
                                if (erased.contains(id)) {
                                    outcomes.add(Outcome.of(Prior.ERASED));
                                } else if (stored.containsKey(id)) {
                                    outcomes.add(Outcome.of(new Prior(false, stored.get(id))));
                                } else {
                                    outcomes.add(Outcome.of(Prior.NONE));
                                }
                            }
                            return outcomes;
                        });
    }

    /**
     * Stores the mention unless it is stored already (its row is then the result, untouched) or has
     * been erased ({@link Stored#ERASED}); returns once the batch holding it is committed.
     */
    public Stored storeIfAbsent(Item item) {
        return commit.submit(item);
    }

    /**
     * Stores a batch in one transaction, one outcome per item in order; when that transaction fails
     * for another reason than an outage, each item in a transaction of its own.
     */
    private List<Outcome<Stored>> storeAll(List<Item> items) {
        try {
            return storeBatch(items);
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

    /** Stores a batch in one transaction of its own (no fallback: a failure fails them all). */
    List<Outcome<Stored>> storeBatch(List<Item> items) {
        return QuarkusTransaction.requiringNew().call(() -> writeAll(items));
    }

    /**
     * Each mention exactly as {@link ScoredMentionService#storeIfAbsent} would store it one after
     * the other, in a fixed number of statements for the whole batch: one read of the tombstones,
     * one of the stored rows, one lock statement, one insert of the mentions and one of their
     * aspects, and two repost count updates.
     */
    // Why: a statement per mention made the database's statements (and V11's statement-level
    // rollup triggers, which run once per statement however few rows it changed) the store's
    // cost; rows inserted by one statement are summed into the rollups by one trigger run.
    private List<Outcome<Stored>> writeAll(List<Item> items) {
        // Checked under the erasure lock: an erasure committing meanwhile is seen
        // (ErasureRepository).
        erasures.lockShared();
        var ids = new LinkedHashSet<UUID>();
        items.forEach(item -> ids.add(item.mention().mentionId()));
        var erased = erasures.erasedAmong(ids);
        var unerased = new ArrayList<UUID>(ids);
        unerased.removeAll(erased);
        var stored = repository.findAllById(unerased);
        // A mention twice in the batch: the second finds the first's row, as it would stored
        // after it.
        var inserted = new LinkedHashMap<UUID, ScoredMention>();
        var outcomes = new ArrayList<Outcome<Stored>>(items.size());
        for (var item : items) {
            var id = item.mention().mentionId();
            if (erased.contains(id)) {
                outcomes.add(Outcome.of(Stored.ERASED));
            } else if (stored.containsKey(id)) {
                outcomes.add(Outcome.of(new Stored(stored.get(id), false)));
            } else if (inserted.containsKey(id)) {
                outcomes.add(Outcome.of(new Stored(inserted.get(id), false)));
            } else {
                var row =
                        newRow(
                                item.mention(),
                                item.sentiment(),
                                item.phraseRules(),
                                item.scoredAt());
                inserted.put(id, row);
                outcomes.add(Outcome.of(new Stored(row, true)));
            }
        }
        if (inserted.isEmpty()) {
            return outcomes;
        }
        var rows = List.copyOf(inserted.values());
        // Every repost count this batch may touch, locked in id order once for the batch (no
        // deadlock with another such transaction, ScoredMentionService's included), as each
        // mention alone would lock its own.
        var keys = new TreeSet<UUID>();
        var originals = new ArrayList<UUID>();
        for (var row : rows) {
            keys.add(row.mentionId);
            if (row.repostOf != null) {
                keys.add(row.repostOf);
                // Only on insert, as in storeIfAbsent: a repost is counted once. An original
                // stored in this batch is recounted below instead, which counts it.
                if (!inserted.containsKey(row.repostOf)) {
                    originals.add(row.repostOf);
                }
            }
        }
        repository.lockReposts(List.copyOf(keys));
        repository.insertAll(rows);
        // Each new mention counts the reposts stored before it, those of this batch included (a
        // repost of itself too, as storeIfAbsent counts it).
        repository.recountReposts(inserted.keySet());
        repository.addReposts(originals);
        return outcomes;
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
