package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.caresignal.alert.domain.Certainty;
import org.caresignal.alert.domain.LabelledMention;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * A later revision of a counted mention's scoring moves it between labels in its brand and facility
 * buckets exactly once: a redelivery or a late older revision changes nothing, two concurrent
 * deliveries of one revision move it once, its aspects are replaced and its excerpt kept only while
 * negative.
 */
@QuarkusTest
class MentionRecountTest {

    private static final String PUBLISHED = "2026-11-24T14:03:00Z";
    private static final Instant BUCKET = Instant.parse("2026-11-24T14:00:00Z");
    private static final String FACILITY = "north";
    private static final String TEXT = "Waited 6 hours in the ER, nobody told us anything.";

    @Inject MentionCountService counting;
    @Inject AgroalDataSource dataSource;
    @Inject MeterRegistry registry;

    /** Negative, neutral and positive counts of a bucket row. */
    record Counts(long negative, long neutral, long positive) {}

    private static final Counts NEGATIVE = new Counts(1, 0, 0);
    private static final Counts POSITIVE = new Counts(0, 0, 1);

    private static LabelledMention scored(
            UUID id, String brand, SentimentLabel label, int revision) {
        return new LabelledMention(
                id,
                brand,
                FACILITY,
                label,
                Instant.parse(PUBLISHED),
                "https://social.example/@a/1",
                revision);
    }

    @Test
    void aHigherRevisionMovesTheMentionOnceAndOlderOrEqualOnesAreDuplicates() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        var id = UUID.randomUUID();
        var movedBefore = recounted(SentimentLabel.NEGATIVE, SentimentLabel.POSITIVE);

        assertThat(
                        counting.count(
                                scored(id, brand, SentimentLabel.NEGATIVE, 0),
                                TEXT,
                                Set.of("emergency-wait")))
                .isEqualTo(CountOutcome.COUNTED);
        assertThat(brandCounts(brand)).isEqualTo(NEGATIVE);
        assertThat(facilityCounts(brand)).isEqualTo(NEGATIVE);
        assertThat(excerpt(id)).isNotNull();
        assertThat(aspects(id)).containsExactly("emergency-wait");

        // Revision 1 (a correction to POSITIVE): out of negative, into positive, same bucket.
        var rev1 = scored(id, brand, SentimentLabel.POSITIVE, 1);
        assertThat(counting.count(rev1, TEXT, Set.of())).isEqualTo(CountOutcome.RECOUNTED);
        assertThat(brandCounts(brand)).isEqualTo(POSITIVE);
        assertThat(facilityCounts(brand)).isEqualTo(POSITIVE);
        assertThat(revision(id)).isEqualTo(1);
        assertThat(excerpt(id)).as("a positive mention keeps no excerpt").isNull();
        assertThat(aspects(id)).isEmpty();
        assertThat(recounted(SentimentLabel.NEGATIVE, SentimentLabel.POSITIVE))
                .isEqualTo(movedBefore + 1);

        // Revision 1 redelivered, then revision 0 arriving late: nothing moves.
        assertThat(counting.count(rev1, TEXT, Set.of())).isEqualTo(CountOutcome.DUPLICATE);
        assertThat(
                        counting.count(
                                scored(id, brand, SentimentLabel.NEGATIVE, 0),
                                TEXT,
                                Set.of("emergency-wait")))
                .isEqualTo(CountOutcome.DUPLICATE);
        assertThat(brandCounts(brand)).isEqualTo(POSITIVE);
        assertThat(facilityCounts(brand)).isEqualTo(POSITIVE);
        assertThat(revision(id)).isEqualTo(1);

        // Revision 2 (the correction withdrawn): back to negative, with its excerpt and aspects.
        assertThat(
                        counting.count(
                                scored(id, brand, SentimentLabel.NEGATIVE, 2),
                                TEXT,
                                Set.of("billing", "emergency-wait")))
                .isEqualTo(CountOutcome.RECOUNTED);
        assertThat(brandCounts(brand)).isEqualTo(NEGATIVE);
        assertThat(facilityCounts(brand)).isEqualTo(NEGATIVE);
        assertThat(excerpt(id)).isNotNull();
        assertThat(aspects(id)).containsExactlyInAnyOrder("billing", "emergency-wait");
        assertThat(total(brand)).as("a move never changes the total").isEqualTo(1);
    }

    @Test
    void aRevisionWithTheSameLabelOnlyReplacesTheAspects() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        var id = UUID.randomUUID();
        counting.count(scored(id, brand, SentimentLabel.NEGATIVE, 0), TEXT, Set.of("billing"));

        assertThat(
                        counting.count(
                                scored(id, brand, SentimentLabel.NEGATIVE, 1),
                                TEXT,
                                Set.of("parking")))
                .isEqualTo(CountOutcome.RECOUNTED);

        assertThat(brandCounts(brand)).isEqualTo(NEGATIVE);
        assertThat(facilityCounts(brand)).isEqualTo(NEGATIVE);
        assertThat(aspects(id)).containsExactly("parking");
        assertThat(revision(id)).isEqualTo(1);
    }

    @Test
    void aMentionFirstSeenAtALaterRevisionIsCountedWithIt() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        var id = UUID.randomUUID();

        assertThat(counting.count(scored(id, brand, SentimentLabel.POSITIVE, 2), TEXT, Set.of()))
                .isEqualTo(CountOutcome.COUNTED);
        assertThat(counting.count(scored(id, brand, SentimentLabel.NEGATIVE, 1), TEXT, Set.of()))
                .isEqualTo(CountOutcome.DUPLICATE);

        assertThat(brandCounts(brand)).isEqualTo(POSITIVE);
        assertThat(revision(id)).isEqualTo(2);
    }

    @Test
    void aLaterRevisionOfAMentionOlderThanTheMentionsRetentionIsNotCounted() throws Exception {
        // Its counted_mention row may be purged while its buckets stay (P730D in this profile).
        var brand = ScoredMentions.uniqueBrand();
        var old = Instant.now().minus(Duration.ofDays(800));
        var mention =
                new LabelledMention(
                        UUID.randomUUID(), brand, null, SentimentLabel.POSITIVE, old, null, 1);

        assertThat(counting.count(mention, TEXT, Set.of())).isEqualTo(CountOutcome.EXPIRED);
        assertThat(
                        counting.count(
                                new LabelledMention(
                                        UUID.randomUUID(),
                                        brand,
                                        null,
                                        SentimentLabel.POSITIVE,
                                        old,
                                        null,
                                        0),
                                TEXT,
                                Set.of()))
                .as("a first scoring is counted whatever its age, as before")
                .isEqualTo(CountOutcome.COUNTED);
    }

    @Test
    void aLaterRevisionOfAnErasedMentionStaysSkipped() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        var id = UUID.randomUUID();
        counting.count(scored(id, brand, SentimentLabel.NEGATIVE, 0), TEXT, Set.of());
        execute("INSERT INTO erased_mention (mention_id, erased_at) VALUES ('" + id + "', now())");

        assertThat(counting.count(scored(id, brand, SentimentLabel.POSITIVE, 1), TEXT, Set.of()))
                .isEqualTo(CountOutcome.ERASED);
        assertThat(brandCounts(brand)).isEqualTo(NEGATIVE);
        assertThat(revision(id)).isZero();
    }

    @Test
    void criticalPostRulesAreCheckedOnTheFirstCountOnly() throws Exception {
        var threat = "There is a bomb threat at the ER entrance right now";
        // The text does raise a critical incident when a mention is first counted with it.
        var control = ScoredMentions.uniqueBrand();
        counting.count(
                scored(UUID.randomUUID(), control, SentimentLabel.NEGATIVE, 0), threat, Set.of());
        assertThat(criticalIncidents(control)).isEqualTo(1);

        var brand = ScoredMentions.uniqueBrand();
        var id = UUID.randomUUID();
        counting.count(scored(id, brand, SentimentLabel.NEUTRAL, 0), TEXT, Set.of());
        assertThat(counting.count(scored(id, brand, SentimentLabel.NEGATIVE, 1), threat, Set.of()))
                .isEqualTo(CountOutcome.RECOUNTED);

        assertThat(criticalIncidents(brand)).isZero();
    }

    @Test
    void twoConcurrentDeliveriesOfOneRevisionMoveTheMentionOnce() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        var id = UUID.randomUUID();
        counting.count(scored(id, brand, SentimentLabel.NEGATIVE, 0), TEXT, Set.of());
        var rev1 = scored(id, brand, SentimentLabel.POSITIVE, 1);

        List<Future<CountOutcome>> outcomes = new ArrayList<>();
        var pool = Executors.newFixedThreadPool(2);
        // Hold the mention's row so that both deliveries are inside their counting transactions,
        // past the insert, when they race for it: without the row lock both would read revision
        // 0 and both would move it.
        try (var holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.createStatement()) {
                lock.execute(
                        "SELECT 1 FROM counted_mention WHERE mention_id = '" + id + "' FOR UPDATE");
            }
            for (int i = 0; i < 2; i++) {
                // Each in a transaction of its own, as two instances would count it (one
                // instance's deliveries share its one batch writer, which takes them in turn).
                outcomes.add(pool.submit(() -> counting.countAlone(rev1, TEXT, Set.of())));
            }
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> waitingOnCountedMention() >= 2);
            holder.commit();
        } finally {
            pool.shutdown();
        }

        var results = new ArrayList<CountOutcome>();
        for (var f : outcomes) {
            results.add(f.get());
        }
        assertThat(results)
                .containsExactlyInAnyOrder(CountOutcome.RECOUNTED, CountOutcome.DUPLICATE);
        assertThat(brandCounts(brand)).isEqualTo(POSITIVE);
        assertThat(facilityCounts(brand)).isEqualTo(POSITIVE);
    }

    @Test
    void aRevisionThatChangesOnlyHowSureTheLabelIsMovesItOnceBetweenTheUncertainColumns()
            throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        var id = UUID.randomUUID();
        counting.count(
                scored(id, brand, SentimentLabel.NEGATIVE, 0, Certainty.UNCERTAIN), TEXT, Set.of());
        assertThat(split(brand, false)).isEqualTo(new Split(1, 0, 0, 1, 0, 0, 0, 0, 0));
        assertThat(split(brand, true)).isEqualTo(new Split(1, 0, 0, 1, 0, 0, 0, 0, 0));

        // An analyst confirms the label (a correction is certain), delivered twice at once.
        var rev1 = scored(id, brand, SentimentLabel.NEGATIVE, 1, Certainty.CERTAIN);
        List<Future<CountOutcome>> outcomes = new ArrayList<>();
        var pool = Executors.newFixedThreadPool(2);
        try (var holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.createStatement()) {
                lock.execute(
                        "SELECT 1 FROM counted_mention WHERE mention_id = '" + id + "' FOR UPDATE");
            }
            for (int i = 0; i < 2; i++) {
                // Each in a transaction of its own, as two instances would count it (one
                // instance's deliveries share its one batch writer, which takes them in turn).
                outcomes.add(pool.submit(() -> counting.countAlone(rev1, TEXT, Set.of())));
            }
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> waitingOnCountedMention() >= 2);
            holder.commit();
        } finally {
            pool.shutdown();
        }
        var results = new ArrayList<CountOutcome>();
        for (var f : outcomes) {
            results.add(f.get());
        }
        assertThat(results)
                .containsExactlyInAnyOrder(CountOutcome.RECOUNTED, CountOutcome.DUPLICATE);
        assertThat(split(brand, false)).isEqualTo(new Split(1, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(split(brand, true)).isEqualTo(new Split(1, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(certainty(id)).isEqualTo("CERTAIN");

        // Rescored by a model that reads the post as an unread language: out of negative, into
        // the neutral unread column; redelivered and an older revision late: nothing moves.
        var rev2 = scored(id, brand, SentimentLabel.NEUTRAL, 2, Certainty.UNREAD_LANGUAGE);
        assertThat(counting.count(rev2, TEXT, Set.of())).isEqualTo(CountOutcome.RECOUNTED);
        assertThat(counting.count(rev2, TEXT, Set.of())).isEqualTo(CountOutcome.DUPLICATE);
        assertThat(counting.count(rev1, TEXT, Set.of())).isEqualTo(CountOutcome.DUPLICATE);
        assertThat(split(brand, false)).isEqualTo(new Split(0, 1, 0, 0, 0, 0, 0, 1, 0));
        assertThat(split(brand, true)).isEqualTo(new Split(0, 1, 0, 0, 0, 0, 0, 1, 0));
        assertThat(total(brand)).as("a move never changes the total").isEqualTo(1);
    }

    /** A bucket's labels and, within each, the uncertain and unread counts. */
    record Split(
            long negative,
            long neutral,
            long positive,
            long negativeUncertain,
            long neutralUncertain,
            long positiveUncertain,
            long negativeUnread,
            long neutralUnread,
            long positiveUnread) {}

    private Split split(String brand, boolean facility) throws SQLException {
        var sql =
                "SELECT negative, neutral, positive, negative_uncertain, neutral_uncertain,"
                        + " positive_uncertain, negative_unread, neutral_unread, positive_unread"
                        + (facility
                                ? " FROM facility_bucket_count WHERE facility_id = '"
                                        + FACILITY
                                        + "' AND"
                                : " FROM brand_bucket_count WHERE")
                        + " brand_id = '"
                        + brand
                        + "' AND bucket_start = '"
                        + BUCKET
                        + "'";
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var rows = s.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            var v = new long[9];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.getLong(i + 1);
            }
            return new Split(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
        }
    }

    private String certainty(UUID id) throws SQLException {
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var rows =
                        s.executeQuery(
                                "SELECT certainty FROM counted_mention WHERE mention_id = '"
                                        + id
                                        + "'")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static LabelledMention scored(
            UUID id, String brand, SentimentLabel label, int revision, Certainty certainty) {
        return new LabelledMention(
                id,
                brand,
                FACILITY,
                label,
                Instant.parse(PUBLISHED),
                "https://social.example/@a/1",
                revision,
                certainty);
    }

    private long criticalIncidents(String brand) throws SQLException {
        return single(
                "SELECT count(*) FROM incident WHERE kind = 'CRITICAL_POST' AND brand_id = '"
                        + brand
                        + "'");
    }

    private void execute(String sql) throws SQLException {
        try (var c = dataSource.getConnection();
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private double recounted(SentimentLabel from, SentimentLabel to) {
        return registry.get("caresignal.mentions.recounted")
                .tag("from", from.name())
                .tag("to", to.name())
                .counter()
                .count();
    }

    /** Counting transactions of this database waiting for a row lock (any counting table). */
    private long waitingOnCountedMention() throws SQLException {
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var rows =
                        s.executeQuery(
                                "SELECT count(*) FROM pg_stat_activity WHERE datname ="
                                        + " current_database() AND wait_event_type = 'Lock' AND"
                                        + " (query LIKE '%counted_mention%' OR query LIKE"
                                        + " '%bucket_count%')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Counts brandCounts(String brand) throws SQLException {
        return counts(
                "SELECT negative, neutral, positive FROM brand_bucket_count WHERE brand_id = '"
                        + brand
                        + "' AND bucket_start = '"
                        + BUCKET
                        + "'");
    }

    private Counts facilityCounts(String brand) throws SQLException {
        return counts(
                "SELECT negative, neutral, positive FROM facility_bucket_count WHERE brand_id = '"
                        + brand
                        + "' AND facility_id = '"
                        + FACILITY
                        + "' AND bucket_start = '"
                        + BUCKET
                        + "'");
    }

    private long total(String brand) throws SQLException {
        return single(
                "SELECT total FROM brand_bucket_count WHERE brand_id = '"
                        + brand
                        + "' AND bucket_start = '"
                        + BUCKET
                        + "'");
    }

    private int revision(UUID id) throws SQLException {
        return (int) single("SELECT revision FROM counted_mention WHERE mention_id = '" + id + "'");
    }

    private Counts counts(String sql) throws SQLException {
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var rows = s.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return new Counts(rows.getLong(1), rows.getLong(2), rows.getLong(3));
        }
    }

    private long single(String sql) throws SQLException {
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var rows = s.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getLong(1);
        }
    }

    private String excerpt(UUID id) throws SQLException {
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var rows =
                        s.executeQuery(
                                "SELECT excerpt FROM counted_mention WHERE mention_id = '"
                                        + id
                                        + "'")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private List<String> aspects(UUID id) throws SQLException {
        var list = new ArrayList<String>();
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var rows =
                        s.executeQuery(
                                "SELECT aspect FROM counted_mention_aspect WHERE mention_id = '"
                                        + id
                                        + "' ORDER BY aspect")) {
            while (rows.next()) {
                list.add(rows.getString(1));
            }
        }
        return list;
    }
}
