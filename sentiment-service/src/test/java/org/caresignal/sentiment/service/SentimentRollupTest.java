package org.caresignal.sentiment.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.caresignal.sentiment.domain.Actor;
import org.caresignal.sentiment.domain.AspectSentiment;
import org.caresignal.sentiment.domain.ScoredText;
import org.caresignal.sentiment.domain.Sentiment;
import org.caresignal.sentiment.domain.SentimentHistory;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.TimeBuckets;
import org.caresignal.sentiment.event.MentionErased;
import org.caresignal.sentiment.event.MentionIngested;
import org.caresignal.sentiment.repository.MentionCorrectionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository.Filter;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Rollups;
import org.junit.jupiter.api.Test;

/**
 * The hourly rollups (V11) against the mentions they sum: after a seeded random mix of stores,
 * duplicate deliveries, corrections, re-scores, erasures and deletions through the service's own
 * write paths, the rollup rows equal a fresh count of the mentions, and every history served from
 * them equals the history counted from the mentions; zones off the hour and minute buckets read the
 * mentions.
 */
@QuarkusTest
class SentimentRollupTest {

    private static final Actor ANALYST = new Actor("sub-rollup", "rollup-analyst");
    private static final String[] SOURCES = {"mastodon", "reddit", "rss"};
    private static final String[] ASPECTS = {"parking", "billing-cost", "nursing-care", "food"};
    private static final String[] TEXTS = {
        "Parking at the hospital was a nightmare, circled for an hour",
        "The nurses were wonderful and kind to my father",
        "Billing charged us twice and nobody answers the phone",
        "Visiting hours are 8am to 8pm starting Monday",
        "The food was cold and the cafeteria closed early",
        "Great care from the night nurse, thank you",
        "Waited five hours in the emergency room",
        "New parking garage opens next week"
    };

    /** A week around New York's spring clock change (2026-03-08 07:00 UTC). */
    private static final Instant START = Instant.parse("2026-03-04T00:00:00Z");

    @Inject MentionScoringService scoring;
    @Inject CorrectionService corrections;
    @Inject ErasureService erasures;
    @Inject SentimentHistoryService history;
    @Inject ScoredMentionRepository mentions;
    @Inject MentionCorrectionRepository correctionRows;
    @Inject EntityManager em;

    private MentionIngested ingested(String brand, Random random) {
        var facility = random.nextInt(4) == 0 ? null : brand + "-site-" + random.nextInt(3);
        return new MentionIngested(
                UUID.randomUUID(),
                "MentionIngested",
                1,
                Instant.now(),
                UUID.randomUUID(),
                brand,
                facility,
                SOURCES[random.nextInt(SOURCES.length)],
                "ext-" + random.nextInt(1_000_000),
                "https://example.org/p/" + random.nextInt(1_000_000),
                TEXTS[random.nextInt(TEXTS.length)] + " #" + random.nextInt(1000),
                START.plus(Duration.ofMinutes(random.nextInt(7 * 24 * 60))),
                "en",
                null);
    }

    /** The same mention delivered again: another event id, everything else the same. */
    private static MentionIngested redelivered(MentionIngested m) {
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

    private static SentimentLabel anyLabel(Random random) {
        return SentimentLabel.values()[random.nextInt(3)];
    }

    private static Map<String, SentimentLabel> anyAspects(Random random) {
        var aspects = new HashMap<String, SentimentLabel>();
        for (int i = random.nextInt(3); i > 0; i--) {
            aspects.put(ASPECTS[random.nextInt(ASPECTS.length)], anyLabel(random));
        }
        return aspects;
    }

    private CorrectionService.Correction anyCorrection(Random random) {
        return new CorrectionService.Correction(anyLabel(random), anyAspects(random), null);
    }

    /** A new model's verdict on the mention, through the domain method re-scoring uses. */
    private void rescore(UUID mentionId, Random random) {
        var label = anyLabel(random);
        double score = Math.round((random.nextDouble() * 2 - 1) * 1000) / 1000.0;
        var aspects = new ArrayList<AspectSentiment>();
        anyAspects(random)
                .forEach((a, l) -> aspects.add(new AspectSentiment(a, l, l == label ? score : 0)));
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            var row = mentions.findById(mentionId);
                            var correction = correctionRows.findByIdOptional(mentionId);
                            row.rescore(
                                    new ScoredText(
                                            new Sentiment(label, score, false, "rollup-test-model"),
                                            aspects),
                                    correction.map(c -> c.corrected()).orElse(null),
                                    Instant.now());
                        });
    }

    private void erase(String brand, UUID mentionId) {
        erasures.process(
                new MentionErased(
                        UUID.randomUUID(),
                        "MentionErased",
                        1,
                        Instant.now(),
                        UUID.randomUUID(),
                        "request",
                        List.of(new MentionErased.ErasedMention(mentionId, brand))));
    }

    /** Deleted as the retention purge deletes (its aspects and correction go with it). */
    private void delete(UUID mentionId) {
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                em.createNativeQuery(
                                                "delete from scored_mention where mention_id ="
                                                        + " :id")
                                        .setParameter("id", mentionId)
                                        .executeUpdate());
    }

    /** A seeded random history of one brand through every write path; returns the mentions. */
    private List<MentionIngested> randomHistory(String brand, long seed) {
        var random = new Random(seed);
        var stored = new ArrayList<MentionIngested>();
        for (int i = 0; i < 80; i++) {
            var m = ingested(brand, random);
            scoring.process(m);
            stored.add(m);
            if (random.nextInt(6) == 0) {
                scoring.process(redelivered(m));
            }
        }
        for (int i = 0; i < 30; i++) {
            var id = stored.get(random.nextInt(stored.size())).mentionId();
            switch (random.nextInt(6)) {
                case 0, 1 -> corrections.correct(id, anyCorrection(random), ANALYST);
                case 2 -> corrections.clear(id, ANALYST);
                case 3 -> rescore(id, random);
                case 4 -> erase(brand, id);
                default -> delete(id);
            }
        }
        // After the mix: a redelivery of everything (erased and deleted mentions included).
        for (var m : stored) {
            scoring.process(redelivered(m));
        }
        return stored;
    }

    private void assertSameBuckets(
            List<SentimentHistory.Bucket> actual, List<SentimentHistory.Bucket> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            var a = actual.get(i);
            var e = expected.get(i);
            assertThat(a.start()).isEqualTo(e.start());
            assertThat(a.end()).isEqualTo(e.end());
            assertThat(new long[] {a.volume(), a.negative(), a.neutral(), a.positive()})
                    .as("bucket %s", e.start())
                    .containsExactly(e.volume(), e.negative(), e.neutral(), e.positive());
            if (e.meanScore() == null) {
                assertThat(a.meanScore()).isNull();
            } else {
                assertThat(a.meanScore()).isCloseTo(e.meanScore(), within(1e-9));
            }
        }
    }

    @Test
    void rollupsEqualTheMentionsAfterStoresDuplicatesCorrectionsRescoresErasuresAndDeletions() {
        var brand = Mentions.freshBrand();
        randomHistory(brand, 13);

        var stored = Rollups.stored(em, brand);
        assertThat(stored).isNotEmpty();
        assertThat(stored.keySet()).anyMatch(k -> !k.aspect().isEmpty());
        assertThat(stored).isEqualTo(Rollups.fresh(em, brand));
        assertThat(stored.values()).allMatch(c -> c.negative() + c.neutral() + c.positive() > 0);
        // The brand's hours (V12) are the sums of those rows, none of them empty.
        var brandHours = Rollups.brandHours(em, brand);
        assertThat(brandHours).isNotEmpty().isEqualTo(Rollups.brandHoursFresh(em, brand));
        assertThat(brandHours.values())
                .allMatch(c -> c.negative() + c.neutral() + c.positive() > 0);

        var filters =
                List.of(
                        new Filter(brand, null, null, null, null, null, null, null),
                        new Filter(brand, null, null, brand + "-site-1", null, null, null, null),
                        new Filter(brand, null, null, null, "reddit", null, null, null),
                        new Filter(brand, null, null, null, null, "parking", null, null),
                        new Filter(
                                brand,
                                null,
                                null,
                                brand + "-site-0",
                                "mastodon",
                                "food",
                                null,
                                null));
        int checked = 0;
        for (var zone : List.of("UTC", "America/New_York", "Europe/Berlin")) {
            for (var size : List.of(TimeBuckets.Size.HOUR, TimeBuckets.Size.DAY)) {
                var buckets =
                        TimeBuckets.of(
                                START.minus(Duration.ofDays(1)),
                                START.plus(Duration.ofDays(8)),
                                size,
                                ZoneId.of(zone),
                                5000);
                for (var f : filters) {
                    var filter =
                            new Filter(
                                    f.brandId(),
                                    buckets.start(0),
                                    buckets.end(buckets.count() - 1),
                                    f.facilityId(),
                                    f.source(),
                                    f.aspect(),
                                    null,
                                    null);
                    var read = history.read(filter, buckets);
                    assertThat(read.source()).isEqualTo(SentimentHistoryService.Source.ROLLUP);
                    assertSameBuckets(read.buckets(), history.fromMentions(filter, buckets));
                    checked += read.buckets().stream().mapToLong(b -> b.volume()).sum() > 0 ? 1 : 0;
                }
            }
        }
        // Most filters match something: the comparison is not between two empty answers.
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void newYorkAcrossItsClockChangeIsServedFromRollupsAndKolkataAndMinutesFromMentions() {
        var brand = Mentions.freshBrand();
        randomHistory(brand, 7);
        var from = Instant.parse("2026-03-06T05:00:00Z");
        var to = Instant.parse("2026-03-10T04:00:00Z");
        var all = new Filter(brand, null, null, null, null, null, null, null);

        var newYork =
                TimeBuckets.of(from, to, TimeBuckets.Size.DAY, ZoneId.of("America/New_York"), 5000);
        var read = history.read(range(all, newYork), newYork);
        assertThat(read.source()).isEqualTo(SentimentHistoryService.Source.ROLLUP);
        // March 8 in New York lasts 23 hours.
        var short_ = read.buckets().get(2);
        assertThat(Duration.between(short_.start(), short_.end())).isEqualTo(Duration.ofHours(23));
        assertSameBuckets(read.buckets(), history.fromMentions(range(all, newYork), newYork));
        assertThat(read.buckets().stream().mapToLong(b -> b.volume()).sum()).isPositive();

        var kolkata =
                TimeBuckets.of(from, to, TimeBuckets.Size.HOUR, ZoneId.of("Asia/Kolkata"), 5000);
        var raw = history.read(range(all, kolkata), kolkata);
        assertThat(raw.source()).isEqualTo(SentimentHistoryService.Source.RAW);
        assertThat(raw.buckets().get(0).start().toString()).endsWith(":30:00Z");
        assertThat(raw.buckets().stream().mapToLong(b -> b.volume()).sum()).isPositive();

        var minutes =
                TimeBuckets.of(
                        from,
                        from.plus(Duration.ofHours(3)),
                        TimeBuckets.Size.MINUTE,
                        ZoneId.of("UTC"),
                        5000);
        assertThat(history.read(range(all, minutes), minutes).source())
                .isEqualTo(SentimentHistoryService.Source.RAW);
    }

    private static Filter range(Filter f, TimeBuckets buckets) {
        return new Filter(
                f.brandId(),
                buckets.start(0),
                buckets.end(buckets.count() - 1),
                f.facilityId(),
                f.source(),
                f.aspect(),
                null,
                null);
    }

    @Test
    void aReplayedEventARepeatedCorrectionAndARepeatedErasureCountNothingTwice() {
        var brand = Mentions.freshBrand();
        var random = new Random(99);
        var first = ingested(brand, random);
        var second = ingested(brand, random);
        scoring.process(first);
        scoring.process(second);
        var once = Rollups.stored(em, brand);
        long total =
                once.entrySet().stream()
                        .filter(e -> e.getKey().aspect().isEmpty())
                        .mapToLong(
                                e ->
                                        e.getValue().negative()
                                                + e.getValue().neutral()
                                                + e.getValue().positive())
                        .sum();
        assertThat(total).isEqualTo(2);

        scoring.process(redelivered(first));
        scoring.process(first);
        assertThat(Rollups.stored(em, brand)).isEqualTo(once);

        var correction =
                new CorrectionService.Correction(
                        SentimentLabel.NEGATIVE, Map.of("parking", SentimentLabel.NEGATIVE), null);
        corrections.correct(first.mentionId(), correction, ANALYST);
        var corrected = Rollups.stored(em, brand);
        var correctedHours = Rollups.brandHours(em, brand);
        corrections.correct(first.mentionId(), correction, ANALYST);
        assertThat(Rollups.stored(em, brand)).isEqualTo(corrected);
        assertThat(Rollups.brandHours(em, brand))
                .isEqualTo(correctedHours)
                .isEqualTo(Rollups.brandHoursFresh(em, brand));
        assertThat(corrected).isEqualTo(Rollups.fresh(em, brand));

        erase(brand, second.mentionId());
        var erased = Rollups.stored(em, brand);
        erase(brand, second.mentionId());
        scoring.process(redelivered(second));
        assertThat(Rollups.stored(em, brand)).isEqualTo(erased).isEqualTo(Rollups.fresh(em, brand));
        assertThat(Rollups.brandHours(em, brand)).isEqualTo(Rollups.brandHoursFresh(em, brand));
    }
}
