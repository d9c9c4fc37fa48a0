package org.caresignal.sentiment.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.caresignal.sentiment.domain.DataClass;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.TestClock;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retention purge with a clock the test moves: text past TEXT age is gone from every table
 * while the history over the same period answers the same counts; mentions past MENTIONS age are
 * deleted with their aspects and tombstones; audit rows go only past six years.
 */
@QuarkusTest
class RetentionPurgeTest {

    @Inject RetentionPurge purge;
    @Inject TestClock clock;
    @Inject ScoredMentionRepository repository;
    @Inject AgroalDataSource dataSource;
    @Inject MeterRegistry registry;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void textPastItsRetentionIsGoneFromEveryTableWhileTheHistoryStillCountsIt() throws Exception {
        var brand = Mentions.freshBrand();
        var now = Instant.now().truncatedTo(ChronoUnit.DAYS);
        var oldMarker = "marker" + UUID.randomUUID().toString().substring(0, 8);
        var recentMarker = "marker" + UUID.randomUUID().toString().substring(0, 8);
        var old1 = store(brand, now.minus(Duration.ofDays(10)), oldMarker, SentimentLabel.NEGATIVE);
        var old2 =
                store(
                        brand,
                        now.minus(Duration.ofDays(10)).plus(Duration.ofHours(3)),
                        oldMarker,
                        SentimentLabel.POSITIVE);
        var recent =
                store(brand, now.minus(Duration.ofDays(1)), recentMarker, SentimentLabel.NEUTRAL);
        var from = now.minus(Duration.ofDays(12)).toString();
        var to = now.toString();
        var historyBefore = history(brand, from, to);
        double purgedBefore = purged(DataClass.TEXT);

        purge.purge();
        assertThat(find(old1).text).as("within the 90 days").isNotNull();

        // 85 days on, the posts published 10 days ago are 95 days old; the one of yesterday 86.
        clock.advance(Duration.ofDays(85));
        var result = purge.purge();

        assertThat(result.purged().get(DataClass.TEXT)).isGreaterThanOrEqualTo(2);
        assertThat(purged(DataClass.TEXT)).isGreaterThanOrEqualTo(purgedBefore + 2);
        for (var stored : List.of(old1, old2)) {
            var row = find(stored);
            assertThat(row.text).isNull();
            assertThat(row.url).isNull();
            assertThat(row.externalId).isNull();
            assertThat(row.textPurgedAt).isNotNull();
            assertThat(row.erasedAt).isNull();
            assertThat(row.aspects).as("aspects are MENTIONS, not TEXT").hasSize(1);
        }
        assertThat(find(recent).text).contains(recentMarker);
        assertThat(columnsHolding(oldMarker)).as("columns still holding the old text").isEmpty();
        assertThat(columnsHolding(recentMarker))
                .containsExactlyInAnyOrder(
                        "scored_mention.text", "scored_mention.url", "scored_mention.external_id");
        assertThat(history(brand, from, to)).isEqualTo(historyBefore);
        assertThat(oldestSeconds(DataClass.TEXT))
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofDays(90).toSeconds());
    }

    @Test
    void mentionsPastTheirRetentionAreDeletedWithTheirAspectsAndTombstones() throws Exception {
        var brand = Mentions.freshBrand();
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var old = store(brand, now.minus(Duration.ofDays(10)), "old post", SentimentLabel.NEGATIVE);
        var recent =
                store(brand, now.minus(Duration.ofDays(1)), "recent post", SentimentLabel.NEGATIVE);
        var oldTombstone = UUID.randomUUID();
        var recentTombstone = UUID.randomUUID();
        execute(
                "insert into erased_mention values ('"
                        + oldTombstone
                        + "', now() - interval '10 days'), ('"
                        + recentTombstone
                        + "', now() - interval '1 day')");
        double purgedBefore = purged(DataClass.MENTIONS);

        clock.advance(Duration.ofDays(725));
        purge.purge();

        assertThat(exists(old)).isFalse();
        assertThat(exists(recent)).isTrue();
        assertThat(
                        count(
                                "select count(*) from mention_aspect where mention_id = '"
                                        + old.mentionId
                                        + "'"))
                .isZero();
        assertThat(
                        count(
                                "select count(*) from erased_mention where mention_id = '"
                                        + oldTombstone
                                        + "'"))
                .isZero();
        assertThat(
                        count(
                                "select count(*) from erased_mention where mention_id = '"
                                        + recentTombstone
                                        + "'"))
                .isEqualTo(1);
        assertThat(purged(DataClass.MENTIONS)).isGreaterThanOrEqualTo(purgedBefore + 2);
    }

    @Test
    void auditRowsGoOnlyOnceOlderThanSixYearsAndTheTableRefusesYoungerDeletions() throws Exception {
        var user = Tokens.freshUser("retention");
        execute(
                "insert into audit_event (occurred_at, subject, username, action) values"
                        + " (now() - interval '7 years', 's', '"
                        + user
                        + "', 'old.read'), (now() - interval '5 years', 's', '"
                        + user
                        + "', 'young.read')");

        purge.purge();

        assertThat(count("select count(*) from audit_event where username = '" + user + "'"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from audit_event where username = '"
                                        + user
                                        + "' and action = 'young.read'"))
                .isEqualTo(1);
        assertThatThrownBy(() -> execute("delete from audit_event where username = '" + user + "'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(
                        () ->
                                execute(
                                        "update audit_event set action = 'x' where username = '"
                                                + user
                                                + "'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
    }

    private ScoredMention store(String brand, Instant at, String text, SentimentLabel label) {
        var row =
                Mentions.scored(
                        brand,
                        at,
                        label,
                        label == SentimentLabel.NEGATIVE ? -0.5 : 0.5,
                        "mastodon",
                        text + " about ward 4",
                        "staff:" + label.name());
        row.url = "https://mastodon.example/@someone/" + text;
        row.externalId = "ext-" + text;
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        return row;
    }

    private ScoredMention find(ScoredMention row) {
        return QuarkusTransaction.requiringNew()
                .call(() -> repository.findByIdOptional(row.mentionId).orElseThrow());
    }

    private boolean exists(ScoredMention row) {
        return QuarkusTransaction.requiringNew()
                .call(() -> repository.findByIdOptional(row.mentionId).isPresent());
    }

    private static String history(String brand, String from, String to) {
        return given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("from", from)
                .queryParam("to", to)
                .queryParam("bucket", "day")
                .when()
                .get("/api/brands/{brand}/sentiment", brand)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("buckets")
                .toString();
    }

    /** Every text-like column of the schema (table.column) with a value containing the marker. */
    private List<String> columnsHolding(String marker) throws SQLException {
        var found = new ArrayList<String>();
        try (var connection = dataSource.getConnection();
                var columns =
                        connection
                                .createStatement()
                                .executeQuery(
                                        "select table_name, column_name from"
                                                + " information_schema.columns where table_schema ="
                                                + " current_schema() and data_type in ('text',"
                                                + " 'character varying', 'character', 'jsonb')"
                                                + " and table_name <> 'flyway_schema_history'")) {
            while (columns.next()) {
                var table = columns.getString(1);
                var column = columns.getString(2);
                try (var query =
                        connection.prepareStatement(
                                "select count(*) from "
                                        + table
                                        + " where "
                                        + column
                                        + "::text like ?")) {
                    query.setString(1, "%" + marker + "%");
                    try (var rows = query.executeQuery()) {
                        rows.next();
                        if (rows.getLong(1) > 0) {
                            found.add(table + "." + column);
                        }
                    }
                }
            }
        }
        return found;
    }

    private void execute(String sql) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (var connection = dataSource.getConnection();
                var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private double purged(DataClass dataClass) {
        return registry.get("caresignal.retention.purged")
                .tag("data_class", dataClass.name())
                .counter()
                .count();
    }

    private double oldestSeconds(DataClass dataClass) {
        return registry.get("caresignal.retention.oldest.seconds")
                .tag("data_class", dataClass.name())
                .gauge()
                .value();
    }
}
