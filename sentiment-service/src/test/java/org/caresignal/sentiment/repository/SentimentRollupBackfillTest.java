package org.caresignal.sentiment.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caresignal.local.stack.TestStacks;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V11 on a database holding mentions stored under V10: the rollups it backfills are the
 * sums of those mentions and aspect rows, and the aspect rows get their mention's source.
 */
class SentimentRollupBackfillTest {

    @Test
    void theMigrationRollsUpTheMentionsAlreadyStored() throws SQLException {
        var stack = TestStacks.shared();
        var name = "rollup_backfill_" + UUID.randomUUID().toString().substring(0, 8);
        var url = stack.database(name);
        var user = stack.username(name);
        var password = stack.password(name);
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .target("10")
                .load()
                .migrate();
        try (var db = DriverManager.getConnection(url, user, password)) {
            var first = UUID.randomUUID();
            var second = UUID.randomUUID();
            var third = UUID.randomUUID();
            try (var st = db.createStatement()) {
                st.execute(
                        "insert into scored_mention (mention_id, brand_id, facility_id, source,"
                                + " text, published_at, score, label, model_version, scored_at,"
                                + " scored_event_id) values "
                                + mention(first, "north", "10:15", "NEGATIVE", -0.5)
                                + ", "
                                + mention(second, null, "10:45", "POSITIVE", 0.5)
                                + ", "
                                + mention(third, "north", "11:59", "NEUTRAL", 0.25));
                st.execute(
                        "insert into mention_aspect (mention_id, aspect, label, score) values ('"
                                + first
                                + "', 'parking', 'NEGATIVE', -0.75), ('"
                                + second
                                + "', 'parking', 'POSITIVE', 0.5), ('"
                                + second
                                + "', 'food', 'NEUTRAL', 0)");
            }
            Flyway.configure()
                    .dataSource(url, user, password)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            assertThat(rows(db))
                    .containsExactly(
                            "|10|none|rss|0|0|1|0.5",
                            "|10|north|rss|1|0|0|-0.5",
                            "|11|north|rss|0|1|0|0.25",
                            "food|10|none|rss|0|1|0|0.0",
                            "parking|10|none|rss|0|0|1|0.5",
                            "parking|10|north|rss|1|0|0|-0.75");
            try (var st = db.createStatement();
                    var rs =
                            st.executeQuery(
                                    "select count(*) from mention_aspect where source = 'rss'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
            // From now on the triggers keep them: the first mention's deletion takes its counts.
            try (var st = db.createStatement()) {
                st.execute("delete from scored_mention where mention_id = '" + first + "'");
            }
            assertThat(rows(db))
                    .containsExactly(
                            "|10|none|rss|0|0|1|0.5",
                            "|11|north|rss|0|1|0|0.25",
                            "food|10|none|rss|0|1|0|0.0",
                            "parking|10|none|rss|0|0|1|0.5");
        }
    }

    private static String mention(
            UUID id, String facility, String time, String label, double score) {
        return String.format(
                Locale.ROOT,
                "('%s', 'acme', %s, 'rss', 'a post', '2026-06-01T%s:00Z', %s, '%s', 'm',"
                        + " now(), '%s')",
                id,
                facility == null ? "null" : "'" + facility + "'",
                time,
                score,
                label,
                UUID.randomUUID());
    }

    private static List<String> rows(java.sql.Connection db) throws SQLException {
        var rows = new ArrayList<String>();
        try (var st = db.createStatement();
                var rs =
                        st.executeQuery(
                                "select aspect, extract(hour from hour at time zone 'UTC'),"
                                        + " facility_id, source, negative, neutral, positive,"
                                        + " score_sum from sentiment_rollup where brand_id ="
                                        + " 'acme' order by 1, 2, 3")) {
            while (rs.next()) {
                rows.add(
                        String.join(
                                "|",
                                rs.getString(1),
                                String.valueOf(rs.getInt(2)),
                                rs.getString(3).isEmpty() ? "none" : rs.getString(3),
                                rs.getString(4),
                                String.valueOf(rs.getLong(5)),
                                String.valueOf(rs.getLong(6)),
                                String.valueOf(rs.getLong(7)),
                                String.valueOf(rs.getDouble(8))));
            }
        }
        return rows;
    }
}
