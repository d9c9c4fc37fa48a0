package org.caresignal.sentiment.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.caresignal.sentiment.domain.Actor;
import org.caresignal.sentiment.domain.AspectSentiment;
import org.caresignal.sentiment.domain.ScoredText;
import org.caresignal.sentiment.domain.Sentiment;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.event.MentionErased;
import org.caresignal.sentiment.event.MentionIngested;
import org.caresignal.sentiment.repository.MentionCorrectionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.service.GroupCommit.Outcome;
import org.caresignal.sentiment.service.ScoredMentionBatchStore.Item;
import org.caresignal.sentiment.service.ScoredMentionService.Stored;
import org.caresignal.sentiment.support.Rollups;
import org.junit.jupiter.api.Test;

/**
 * The batch store's few statements per batch against what storing each mention alone does:
 * duplicates within a batch and across batches, erased mentions, reposts in any order, a batch
 * delivered again after a crash, and the rollups (V11, V12) against a recount of the raw rows after
 * batches mixed with corrections, re-scores, erasures and deletions.
 */
@QuarkusTest
class ScoredMentionBatchStoreTest {

    private static final Instant START = Instant.parse("2026-05-04T00:00:00Z");
    private static final String[] SOURCES = {"mastodon", "reddit", "rss"};
    private static final String[] ASPECTS = {"parking", "billing-cost", "nursing-care"};
    private static final Actor ANALYST = new Actor("sub-batch", "batch-analyst");

    @Inject ScoredMentionBatchStore batches;
    @Inject ScoredMentionService single;
    @Inject ScoredMentionRepository repository;
    @Inject CorrectionService corrections;
    @Inject ErasureService erasures;
    @Inject MentionCorrectionRepository correctionRows;
    @Inject EntityManager em;

    private static MentionIngested mention(
            String brand, String facility, String source, Instant at, UUID repostOf) {
        return new MentionIngested(
                UUID.randomUUID(),
                "MentionIngested",
                1,
                Instant.now(),
                UUID.randomUUID(),
                brand,
                facility,
                source,
                "ext-" + UUID.randomUUID(),
                "https://example.org/p/" + UUID.randomUUID() + "?a=1,b='x'",
                "Parking, \"billing\" and {nursing}\\ at " + at,
                at,
                "en",
                repostOf);
    }

    private static MentionIngested mention(String brand, Random random) {
        return mention(
                brand,
                random.nextInt(3) == 0 ? null : brand + "-site-" + random.nextInt(2),
                SOURCES[random.nextInt(SOURCES.length)],
                START.plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60))),
                null);
    }

    /** The same mention delivered again: another event id, everything else the same. */
    private static MentionIngested again(MentionIngested m) {
        return new MentionIngested(
                UUID.randomUUID(),
                m.eventType(),
                m.schemaVersion(),
                Instant.now(),
                m.mentionId(),
                m.brandId(),
                m.facilityId(),
                m.source(),
                m.externalId(),
                m.url(),
                m.text(),
                m.publishedAt(),
                m.language(),
                m.repostOf());
    }

    private static ScoredText verdict(Random random) {
        var label = SentimentLabel.values()[random.nextInt(3)];
        double score = Math.round((random.nextDouble() * 2 - 1) * 1000) / 1000.0;
        var aspects = new ArrayList<AspectSentiment>();
        for (var aspect : ASPECTS) {
            if (random.nextBoolean()) {
                var aspectLabel = SentimentLabel.values()[random.nextInt(3)];
                aspects.add(new AspectSentiment(aspect, aspectLabel, score / 2));
            }
        }
        return new ScoredText(
                new Sentiment(label, score, random.nextBoolean(), "batch-m1"), aspects);
    }

    private static Item item(MentionIngested m, ScoredText verdict) {
        return new Item(m, verdict, "rules-1", Instant.parse("2026-05-08T10:00:00.123Z"));
    }

    private List<Stored> store(List<Item> items) {
        var outcomes = batches.storeBatch(items);
        assertThat(outcomes).hasSameSizeAs(items);
        assertThat(outcomes).allMatch(o -> o.failure() == null);
        return outcomes.stream().map(Outcome::result).toList();
    }

    private int reposts(UUID mentionId) {
        return QuarkusTransaction.requiringNew().call(() -> repository.findById(mentionId).reposts);
    }

    private long rows(String brand) {
        return QuarkusTransaction.requiringNew().call(() -> repository.count("brandId", brand));
    }

    private void assertRollupsMatchTheRows(String brand) {
        var stored = Rollups.stored(em, brand);
        assertThat(stored).isNotEmpty().isEqualTo(Rollups.fresh(em, brand));
        assertThat(Rollups.brandHours(em, brand)).isEqualTo(Rollups.brandHoursFresh(em, brand));
    }

    @Test
    void aBatchStoresEachMentionOnceAndFindsDuplicatesErasuresAndEarlierRows() {
        var brand = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        var random = new Random(31);
        var earlier = mention(brand, random);
        var earlierVerdict = verdict(random);
        assertThat(store(List.of(item(earlier, earlierVerdict))).get(0).inserted()).isTrue();

        var erased = mention(brand, random);
        erasures.process(
                new MentionErased(
                        UUID.randomUUID(),
                        "MentionErased",
                        1,
                        Instant.now(),
                        UUID.randomUUID(),
                        "request",
                        List.of(new MentionErased.ErasedMention(erased.mentionId(), brand))));
        // A repost before its original in the batch, one after it, one of the earlier mention, and
        // a post that names itself.
        var original = mention(brand, null, "rss", START.plus(Duration.ofHours(5)), null);
        var before =
                mention(brand, null, "rss", START.plus(Duration.ofHours(6)), original.mentionId());
        var after =
                mention(brand, null, "rss", START.plus(Duration.ofHours(7)), original.mentionId());
        var ofEarlier =
                mention(
                        brand,
                        null,
                        "reddit",
                        START.plus(Duration.ofHours(8)),
                        earlier.mentionId());
        var selfId = UUID.randomUUID();
        var self0 = mention(brand, null, "reddit", START.plus(Duration.ofHours(9)), selfId);
        var self =
                new MentionIngested(
                        self0.eventId(),
                        self0.eventType(),
                        1,
                        self0.occurredAt(),
                        selfId,
                        brand,
                        null,
                        "reddit",
                        null,
                        null,
                        self0.text(),
                        self0.publishedAt(),
                        "en",
                        selfId);
        var twice = mention(brand, random);
        var plain = mention(brand, random);

        var items =
                List.of(
                        item(before, verdict(random)),
                        item(twice, verdict(random)),
                        item(again(earlier), verdict(random)),
                        item(erased, verdict(random)),
                        item(original, verdict(random)),
                        item(again(twice), verdict(random)),
                        item(after, verdict(random)),
                        item(ofEarlier, verdict(random)),
                        item(self, verdict(random)),
                        item(plain, verdict(random)));
        var stored = store(items);

        assertThat(stored.stream().map(Stored::inserted).toList())
                .containsExactly(true, true, false, false, true, false, true, true, true, true);
        assertThat(stored.get(3).erased()).isTrue();
        // The earlier delivery's row, with its verdict; the second delivery in the batch finds the
        // first's row.
        assertThat(stored.get(2).mention().mentionId).isEqualTo(earlier.mentionId());
        assertThat(stored.get(2).mention().score).isEqualTo(earlierVerdict.sentiment().score());
        assertThat(stored.get(5).mention().scoredEventId)
                .isEqualTo(stored.get(1).mention().scoredEventId);
        assertThat(stored.get(5).mention().score).isEqualTo(stored.get(1).mention().score);

        assertThat(rows(brand)).isEqualTo(8);
        assertThat(reposts(original.mentionId())).isEqualTo(2);
        assertThat(reposts(earlier.mentionId())).isEqualTo(1);
        assertThat(reposts(selfId)).isEqualTo(1);
        assertThat(reposts(before.mentionId())).isZero();
        assertThat(reposts(plain.mentionId())).isZero();
        assertRollupsMatchTheRows(brand);

        // The same batch again, as after a crash before the consumer acknowledged it: nothing new.
        var rollups = Rollups.stored(em, brand);
        var redelivered =
                store(items.stream().map(i -> item(again(i.mention()), i.sentiment())).toList());
        assertThat(redelivered).noneMatch(Stored::inserted);
        assertThat(redelivered.get(3).erased()).isTrue();
        assertThat(redelivered.get(1).mention().scoredEventId)
                .isEqualTo(stored.get(1).mention().scoredEventId);
        assertThat(rows(brand)).isEqualTo(8);
        assertThat(reposts(original.mentionId())).isEqualTo(2);
        assertThat(reposts(earlier.mentionId())).isEqualTo(1);
        assertThat(reposts(selfId)).isEqualTo(1);
        assertThat(Rollups.stored(em, brand)).isEqualTo(rollups);
    }

    @Test
    void aRowStoredInABatchIsTheRowStoredAlone() {
        var brand = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        var random = new Random(5);
        var verdict = verdict(random);
        while (verdict.aspects().isEmpty()) {
            verdict = verdict(random);
        }
        var inBatch = mention(brand, brand + "-site-0", "reddit", START, UUID.randomUUID());
        var alone = mention(brand, brand + "-site-0", "reddit", START, inBatch.repostOf());
        var scoredAt = Instant.parse("2026-05-08T10:00:00.123Z");
        store(
                List.of(
                        new Item(inBatch, verdict, "rules-1", scoredAt),
                        item(mention(brand, random), verdict)));
        single.storeIfAbsent(alone, verdict, "rules-1", scoredAt);

        assertThat(row(inBatch.mentionId())).isEqualTo(row(alone.mentionId()));
        assertThat(aspectRows(inBatch.mentionId()))
                .isNotEmpty()
                .isEqualTo(aspectRows(alone.mentionId()));
    }

    /** Every column of the mention's row but those that differ by id (text of the row). */
    private String row(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                (String)
                                        em.createNativeQuery(
                                                        "select (to_jsonb(m) - 'mention_id' -"
                                                                + " 'scored_event_id' - 'external_id'"
                                                                + " - 'url' - 'text')::text from"
                                                                + " scored_mention m where"
                                                                + " mention_id = :id",
                                                        String.class)
                                                .setParameter("id", id)
                                                .getSingleResult());
    }

    private List<?> aspectRows(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                em.createNativeQuery(
                                                "select (to_jsonb(a) - 'mention_id')::text from"
                                                        + " mention_aspect a where mention_id = :id"
                                                        + " order by aspect",
                                                String.class)
                                        .setParameter("id", id)
                                        .getResultList());
    }

    @Test
    void rollupsEqualARecountOfTheRowsAfterMixedBatches() {
        var brand = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        var random = new Random(17);
        var all = new ArrayList<MentionIngested>();
        for (int round = 0; round < 4; round++) {
            var items = new ArrayList<Item>();
            for (int i = 0; i < 40; i++) {
                var m = mention(brand, random);
                all.add(m);
                items.add(item(m, verdict(random)));
                if (random.nextInt(5) == 0) {
                    items.add(item(again(m), verdict(random)));
                }
            }
            // Some of the earlier rounds' mentions again.
            for (int i = 0; i < 10; i++) {
                items.add(item(again(all.get(random.nextInt(all.size()))), verdict(random)));
            }
            java.util.Collections.shuffle(items, random);
            store(items);
            for (int i = 0; i < 12; i++) {
                var id = all.get(random.nextInt(all.size())).mentionId();
                switch (random.nextInt(5)) {
                    case 0 ->
                            corrections.correct(
                                    id,
                                    new CorrectionService.Correction(
                                            SentimentLabel.values()[random.nextInt(3)],
                                            Map.of(
                                                    ASPECTS[random.nextInt(3)],
                                                    SentimentLabel.NEGATIVE),
                                            null),
                                    ANALYST);
                    case 1 -> rescore(id, random);
                    case 2 ->
                            erasures.process(
                                    new MentionErased(
                                            UUID.randomUUID(),
                                            "MentionErased",
                                            1,
                                            Instant.now(),
                                            UUID.randomUUID(),
                                            "request",
                                            List.of(new MentionErased.ErasedMention(id, brand))));
                    case 3 -> delete(id);
                    default -> corrections.clear(id, ANALYST);
                }
            }
            assertRollupsMatchTheRows(brand);
        }
    }

    private void rescore(UUID id, Random random) {
        var verdict = verdict(random);
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            var row = repository.findByIdOptional(id);
                            var correction =
                                    correctionRows.findByIdOptional(id).map(c -> c.corrected());
                            row.ifPresent(
                                    r ->
                                            r.rescore(
                                                    verdict,
                                                    correction.orElse(null),
                                                    Instant.now()));
                        });
    }

    private void delete(UUID id) {
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                em.createNativeQuery(
                                                "delete from scored_mention where mention_id = :id")
                                        .setParameter("id", id)
                                        .executeUpdate());
    }
}
