package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.caresignal.alert.domain.Certainty;
import org.caresignal.alert.domain.LabelledMention;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.service.GroupCommit.Outcome;
import org.caresignal.alert.service.MentionCountService.Item;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * Counting a batch with a few statements: each mention is counted as counting it alone would,
 * whatever else the batch holds (the same mention twice, a later revision of it, a mention counted
 * before, an erased one), the buckets of brands and facilities get each mention once, and the same
 * batch delivered again after a crash counts nothing twice.
 */
@QuarkusTest
class MentionBatchCountTest {

    private static final Instant HOUR = Instant.parse("2026-11-24T14:00:00Z");
    private static final String TEXT = "Waited 6 hours in the ER, nobody told us anything.";

    @Inject MentionCountService counting;
    @Inject AgroalDataSource dataSource;

    private static LabelledMention mention(
            UUID id,
            String brand,
            String facility,
            SentimentLabel label,
            Instant at,
            int revision,
            Certainty certainty) {
        return new LabelledMention(
                id,
                brand,
                facility,
                label,
                at,
                "https://social.example/@a/" + id,
                revision,
                certainty);
    }

    private static Item item(LabelledMention m, Set<String> aspects) {
        return new Item(m, TEXT, aspects);
    }

    private List<CountOutcome> count(List<Item> items) {
        var outcomes = counting.countBatch(items);
        assertThat(outcomes).hasSameSizeAs(items).allMatch(o -> o.failure() == null);
        return outcomes.stream().map(Outcome::result).map(c -> c.outcome()).toList();
    }

    @Test
    void aBatchCountsEachMentionOnceWhateverElseItHolds() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        var at = HOUR.plus(Duration.ofMinutes(3));
        var earlier = UUID.randomUUID();
        var revisedLater = UUID.randomUUID();
        count(
                List.of(
                        item(
                                mention(
                                        earlier,
                                        brand,
                                        "north",
                                        SentimentLabel.NEGATIVE,
                                        at,
                                        0,
                                        Certainty.CERTAIN),
                                Set.of()),
                        item(
                                mention(
                                        revisedLater,
                                        brand,
                                        "north",
                                        SentimentLabel.NEGATIVE,
                                        at,
                                        0,
                                        Certainty.CERTAIN),
                                Set.of())));
        var erased = UUID.randomUUID();
        execute(
                "INSERT INTO erased_mention (mention_id, erased_at) VALUES ('"
                        + erased
                        + "', now())");

        var negative = UUID.randomUUID();
        var uncertain = UUID.randomUUID();
        var twice = UUID.randomUUID();
        var revised = UUID.randomUUID();
        var nextHour = UUID.randomUUID();
        var items =
                List.of(
                        item(
                                mention(
                                        negative,
                                        brand,
                                        "north",
                                        SentimentLabel.NEGATIVE,
                                        at,
                                        0,
                                        Certainty.CERTAIN),
                                Set.of("parking", "billing")),
                        item(
                                mention(
                                        uncertain,
                                        brand,
                                        null,
                                        SentimentLabel.POSITIVE,
                                        at,
                                        0,
                                        Certainty.UNCERTAIN),
                                Set.of()),
                        item(
                                mention(
                                        twice,
                                        brand,
                                        "south",
                                        SentimentLabel.NEUTRAL,
                                        at,
                                        0,
                                        Certainty.UNREAD_LANGUAGE),
                                Set.of()),
                        item(
                                mention(
                                        revised,
                                        brand,
                                        "north",
                                        SentimentLabel.NEGATIVE,
                                        at,
                                        0,
                                        Certainty.CERTAIN),
                                Set.of("parking")),
                        item(
                                mention(
                                        twice,
                                        brand,
                                        "south",
                                        SentimentLabel.NEUTRAL,
                                        at,
                                        0,
                                        Certainty.UNREAD_LANGUAGE),
                                Set.of()),
                        item(
                                mention(
                                        revised,
                                        brand,
                                        "north",
                                        SentimentLabel.POSITIVE,
                                        at,
                                        1,
                                        Certainty.CERTAIN),
                                Set.of()),
                        item(
                                mention(
                                        earlier,
                                        brand,
                                        "north",
                                        SentimentLabel.NEGATIVE,
                                        at,
                                        0,
                                        Certainty.CERTAIN),
                                Set.of()),
                        item(
                                mention(
                                        revisedLater,
                                        brand,
                                        "north",
                                        SentimentLabel.NEUTRAL,
                                        at,
                                        1,
                                        Certainty.CERTAIN),
                                Set.of()),
                        item(
                                mention(
                                        erased,
                                        brand,
                                        "north",
                                        SentimentLabel.NEGATIVE,
                                        at,
                                        0,
                                        Certainty.CERTAIN),
                                Set.of()),
                        item(
                                mention(
                                        nextHour,
                                        brand,
                                        "north",
                                        SentimentLabel.NEGATIVE,
                                        at.plus(Duration.ofHours(1)),
                                        0,
                                        Certainty.CERTAIN),
                                Set.of()));

        assertThat(count(items))
                .containsExactly(
                        CountOutcome.COUNTED,
                        CountOutcome.COUNTED,
                        CountOutcome.COUNTED,
                        CountOutcome.COUNTED,
                        CountOutcome.DUPLICATE,
                        CountOutcome.RECOUNTED,
                        CountOutcome.DUPLICATE,
                        CountOutcome.RECOUNTED,
                        CountOutcome.ERASED,
                        CountOutcome.COUNTED);
        var expected = buckets(brand);
        // Brand, first bucket: earlier and negative (NEGATIVE), revised and revisedLater moved to
        // POSITIVE and NEUTRAL, uncertain (POSITIVE, uncertain), twice (NEUTRAL, unread).
        assertThat(expected)
                .containsEntry(" " + HOUR, List.of(6L, 2L, 2L, 2L, 0L, 0L, 1L, 0L, 1L, 0L))
                .containsEntry(
                        " " + HOUR.plus(Duration.ofHours(1)),
                        List.of(1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L))
                .containsEntry("north " + HOUR, List.of(4L, 2L, 1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L))
                .containsEntry("south " + HOUR, List.of(1L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 1L, 0L))
                .containsEntry(
                        "north " + HOUR.plus(Duration.ofHours(1)),
                        List.of(1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L))
                .hasSize(5);
        assertThat(
                        query(
                                "SELECT aspect FROM counted_mention_aspect WHERE mention_id = '"
                                        + negative
                                        + "' ORDER BY aspect"))
                .containsExactly("billing", "parking");
        assertThat(
                        query(
                                "SELECT count(*) FROM counted_mention_aspect WHERE mention_id = '"
                                        + revised
                                        + "'"))
                .containsExactly("0");
        assertThat(
                        query(
                                "SELECT excerpt IS NOT NULL FROM counted_mention WHERE mention_id IN ('"
                                        + negative
                                        + "', '"
                                        + uncertain
                                        + "') ORDER BY label"))
                .containsExactly("t", "f");
        assertThat(
                        query(
                                "SELECT revision || label FROM counted_mention WHERE mention_id = '"
                                        + revised
                                        + "'"))
                .containsExactly("1POSITIVE");

        // The whole batch again, as after a crash before the records were acknowledged.
        assertThat(count(items))
                .containsExactly(
                        CountOutcome.DUPLICATE,
                        CountOutcome.DUPLICATE,
                        CountOutcome.DUPLICATE,
                        CountOutcome.DUPLICATE,
                        CountOutcome.DUPLICATE,
                        CountOutcome.DUPLICATE,
                        CountOutcome.DUPLICATE,
                        CountOutcome.DUPLICATE,
                        CountOutcome.ERASED,
                        CountOutcome.DUPLICATE);
        assertThat(buckets(brand)).isEqualTo(expected);
        assertThat(query("SELECT count(*) FROM counted_mention WHERE brand_id = '" + brand + "'"))
                .containsExactly("7");
    }

    @Test
    void randomBatchesLeaveTheBucketsThatCountingOneByOneLeaves() throws Exception {
        var batched = ScoredMentions.uniqueBrand();
        var alone = ScoredMentions.uniqueBrand();
        var random = new Random(23);
        var ids = new ArrayList<UUID>();
        var revisions = new TreeMap<UUID, Integer>();
        var verdicts = new TreeMap<String, int[]>();
        var events = new ArrayList<LabelledMention[]>();
        for (int i = 0; i < 300; i++) {
            UUID id;
            int revision;
            if (ids.isEmpty() || random.nextInt(4) != 0) {
                id = UUID.randomUUID();
                ids.add(id);
                revision = 0;
            } else {
                // Another delivery of a mention: the same revision, a later or an older one.
                id = ids.get(random.nextInt(ids.size()));
                revision = Math.max(0, revisions.get(id) + random.nextInt(3) - 1);
            }
            revisions.merge(id, revision, Math::max);
            // One revision is one verdict, whichever delivery carries it.
            var verdict =
                    verdicts.computeIfAbsent(
                            id + "/" + revision,
                            k -> new int[] {random.nextInt(3), random.nextInt(3)});
            var label = SentimentLabel.values()[verdict[0]];
            var certainty = Certainty.values()[verdict[1]];
            var facility = random.nextInt(3) == 0 ? null : "site-" + random.nextInt(2);
            var at = HOUR.plus(Duration.ofMinutes(random.nextInt(6 * 60)));
            events.add(
                    new LabelledMention[] {
                        mention(id, batched, facility, label, at, revision, certainty),
                        mention(id, alone, facility, label, at, revision, certainty)
                    });
        }
        // The facility and time of a mention's first delivery are where it stays counted.
        var first = new TreeMap<UUID, LabelledMention[]>();
        var normalized = new ArrayList<LabelledMention[]>();
        for (var e : events) {
            var f = first.computeIfAbsent(e[0].mentionId(), k -> e);
            normalized.add(
                    new LabelledMention[] {
                        mention(
                                e[0].mentionId(),
                                batched,
                                f[0].facilityId(),
                                e[0].label(),
                                f[0].publishedAt(),
                                e[0].revision(),
                                e[0].certainty()),
                        mention(
                                e[0].mentionId(),
                                alone,
                                f[0].facilityId(),
                                e[0].label(),
                                f[0].publishedAt(),
                                e[0].revision(),
                                e[0].certainty())
                    });
        }
        // Brand "alone" counts them one by one; its twin gets different ids to share the table.
        var twin = new TreeMap<UUID, UUID>();
        int i = 0;
        while (i < normalized.size()) {
            int size = 1 + random.nextInt(60);
            var batch = new ArrayList<Item>();
            for (var e : normalized.subList(i, Math.min(normalized.size(), i + size))) {
                batch.add(item(e[0], Set.of("parking")));
                var t = e[1];
                var id = twin.computeIfAbsent(t.mentionId(), k -> UUID.randomUUID());
                counting.countAlone(
                        mention(
                                id,
                                alone,
                                t.facilityId(),
                                t.label(),
                                t.publishedAt(),
                                t.revision(),
                                t.certainty()),
                        TEXT,
                        Set.of("parking"));
            }
            Collections.shuffle(batch, random);
            count(batch);
            i += size;
        }
        assertThat(buckets(batched)).hasSizeGreaterThan(6).isEqualTo(buckets(alone));
    }

    /** The brand's buckets: "facility bucket" (facility '' for the brand's) to its split. */
    private Map<String, List<Long>> buckets(String brand) throws SQLException {
        var result = new TreeMap<String, List<Long>>();
        var columns =
                "bucket_start, total, negative, neutral, positive, negative_uncertain,"
                        + " neutral_uncertain, positive_uncertain, negative_unread, neutral_unread,"
                        + " positive_unread";
        for (var sql :
                List.of(
                        "SELECT '', " + columns + " FROM brand_bucket_count WHERE brand_id = ?",
                        "SELECT facility_id, "
                                + columns
                                + " FROM facility_bucket_count WHERE brand_id = ?")) {
            try (var c = dataSource.getConnection();
                    var s = c.prepareStatement(sql)) {
                s.setString(1, brand);
                try (var rows = s.executeQuery()) {
                    while (rows.next()) {
                        var split = new ArrayList<Long>();
                        for (int k = 3; k <= 12; k++) {
                            split.add(rows.getLong(k));
                        }
                        result.put(
                                rows.getString(1) + " " + rows.getTimestamp(2).toInstant(), split);
                    }
                }
            }
        }
        return result;
    }

    private List<String> query(String sql) throws SQLException {
        var result = new ArrayList<String>();
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var rows = s.executeQuery(sql)) {
            while (rows.next()) {
                result.add(rows.getString(1));
            }
        }
        return result;
    }

    private void execute(String sql) throws SQLException {
        try (var c = dataSource.getConnection();
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
