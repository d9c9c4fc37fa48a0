package org.caresignal.local.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads many stored mentions of one brand straight into sentiment-service's and alert-service's
 * databases (the schemas their Flyway migrations made) with {@code generate_series}, for the
 * console's page-time benchmark: the same mentions in both, as if each had been scored and counted.
 * Bench rows have {@code external_id = 'bench-<n>'} and a mention id derived from it, so a second
 * load finds them and does nothing. Never point this at a database holding real data.
 */
final class BenchData {

    static final String[] SOURCES = {"mastodon", "bluesky", "reddit", "rss", "webhook"};

    /** sentiment-service's aspect keys (sentiment/aspects.tsv). */
    static final String[] ASPECTS = {
        "emergency-wait",
        "billing-cost",
        "nursing-care",
        "parking",
        "food",
        "communication",
        "physicians",
        "scheduling-access",
        "patient-portal",
        "discharge-follow-up",
        "cleanliness",
        "safety",
        "privacy"
    };

    /**
     * Columns of {@code scored_mention} a newer schema may add, each with the value it gets here
     * (SQL over the series' {@code g} and the row's label and score); only those present are
     * filled.
     */
    static final Map<String, String> OPTIONAL_SENTIMENT_COLUMNS = optionalColumns();

    private final String brand;
    private final int mentions;
    private final Duration span;
    private final Instant end;

    /**
     * @param mentions how many, spread evenly over {@code span} ending at {@code end}
     */
    BenchData(String brand, int mentions, Duration span, Instant end) {
        this.brand = brand;
        this.mentions = mentions;
        this.span = span;
        this.end = end;
    }

    /** How many bench mentions sentiment-service's database holds. */
    static long count(Connection sentiment) throws SQLException {
        try (var statement = sentiment.createStatement();
                var rows =
                        statement.executeQuery(
                                "select count(*) from scored_mention where external_id like"
                                        + " 'bench-%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static Connection connect(String jdbcUrl, String user) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, user);
    }

    /** Fills sentiment-service's tables; texts are cycled through (the demo stream's). */
    void loadSentiment(Connection db, List<String> texts) throws SQLException {
        var present = columns(db, "scored_mention");
        var missing = requiredWithoutDefault(db, "scored_mention");
        var columns = new LinkedHashMap<String, String>();
        columns.put("mention_id", "md5('bench-' || g)::uuid");
        columns.put("brand_id", "?");
        columns.put("facility_id", facility());
        columns.put("source", source());
        columns.put("external_id", "'bench-' || g");
        columns.put("url", "'https://bench.example/post/' || g");
        columns.put("text", "(?::text[])[1 + g % ?]");
        columns.put("published_at", publishedAt());
        columns.put("score", score());
        columns.put("label", label());
        columns.put("model_version", "'bench'");
        columns.put("scored_at", publishedAt() + " + interval '2 seconds'");
        columns.put("scored_event_id", "md5('bench-event-' || g)::uuid");
        columns.put("uncertain", "g % 20 = 0");
        columns.put("language", "case when g % 25 = 0 then 'es' else 'en' end");
        OPTIONAL_SENTIMENT_COLUMNS.forEach(
                (column, value) -> {
                    if (present.contains(column)) {
                        columns.put(column, value);
                    }
                });
        missing.removeAll(columns.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "scored_mention has required columns the loader does not know: "
                            + missing
                            + " (add them to BenchData.OPTIONAL_SENTIMENT_COLUMNS)");
        }
        var sql =
                "insert into scored_mention ("
                        + String.join(", ", columns.keySet())
                        + ") select "
                        + String.join(", ", columns.values())
                        + " from generate_series(1, ?) g on conflict do nothing";
        try (var insert = db.prepareStatement(sql)) {
            int i = 1;
            insert.setString(i++, brand);
            insert.setArray(i++, db.createArrayOf("text", texts.toArray()));
            insert.setInt(i++, texts.size());
            setTimes(insert, i, 2);
            i += 4;
            insert.setInt(i, mentions);
            insert.executeUpdate();
        }
        if (present.contains("reposts") && present.contains("repost_of")) {
            try (var statement = db.createStatement()) {
                statement.executeUpdate(
                        "update scored_mention o set reposts = r.n from (select repost_of, count(*)"
                                + " n from scored_mention where external_id like 'bench-%' and"
                                + " repost_of is not null group by repost_of) r where o.mention_id"
                                + " = r.repost_of");
            }
        }
        // One aspect on 60% of the mentions, a second on 20%, labelled as the mention is (the
        // model's own verdict too, where the schema keeps it).
        var modelColumns =
                columns(db, "mention_aspect").contains("model_label")
                        ? new String[] {
                            ", model_label, model_score", ", " + label() + ", " + score()
                        }
                        : new String[] {"", ""};
        try (var insert =
                db.prepareStatement(
                        "insert into mention_aspect (mention_id, aspect, label, score"
                                + modelColumns[0]
                                + ") select md5('bench-' || g)::uuid, (?::text[])[1 + (g / a) %"
                                + " ?], "
                                + label()
                                + ", "
                                + score()
                                + modelColumns[1]
                                + " from generate_series(1, ?) g, (values (1), (7)) k(a) where"
                                + " (a = 1 and g % 10 < 6) or (a = 7 and g % 10 < 2) on conflict"
                                + " do nothing")) {
            insert.setArray(1, db.createArrayOf("text", ASPECTS));
            insert.setInt(2, ASPECTS.length);
            insert.setInt(3, mentions);
            insert.executeUpdate();
        }
        analyze(db, "scored_mention", "mention_aspect");
    }

    /**
     * Fills alert-service's counts for the same mentions: counted_mention (and its negative
     * aspects), brand_bucket_count and facility_bucket_count, in 5-minute buckets.
     */
    void loadAlert(Connection db, List<String> texts) throws SQLException {
        var present = columns(db, "counted_mention");
        var columns = new LinkedHashMap<String, String>();
        columns.put("mention_id", "md5('bench-' || g)::uuid");
        columns.put("brand_id", "?");
        columns.put(
                "bucket_start",
                "to_timestamp(floor(extract(epoch from " + publishedAt() + ") / 300) * 300)");
        columns.put("label", label());
        columns.put("counted_at", publishedAt() + " + interval '3 seconds'");
        columns.put("facility_id", facility());
        columns.put("url", "'https://bench.example/post/' || g");
        columns.put(
                "excerpt",
                "case when "
                        + label()
                        + " = 'NEGATIVE' then left((?::text[])[1 + g % ?], 140) end");
        if (present.contains("revision")) {
            columns.put("revision", "0");
        }
        var sql =
                "insert into counted_mention ("
                        + String.join(", ", columns.keySet())
                        + ") select "
                        + String.join(", ", columns.values())
                        + " from generate_series(1, ?) g on conflict do nothing";
        try (var insert = db.prepareStatement(sql)) {
            int i = 1;
            insert.setString(i++, brand);
            setTimes(insert, i, 2);
            i += 4;
            insert.setArray(i++, db.createArrayOf("text", texts.toArray()));
            insert.setInt(i++, texts.size());
            insert.setInt(i, mentions);
            insert.executeUpdate();
        }
        try (var insert =
                db.prepareStatement(
                        "insert into counted_mention_aspect (mention_id, aspect) select"
                                + " md5('bench-' || g)::uuid, (?::text[])[1 + (g / a) % ?] from"
                                + " generate_series(1, ?) g, (values (1), (7)) k(a) where "
                                + label()
                                + " = 'NEGATIVE' and ((a = 1 and g % 10 < 6) or (a = 7 and g % 10"
                                + " < 2)) on conflict do nothing")) {
            insert.setArray(1, db.createArrayOf("text", ASPECTS));
            insert.setInt(2, ASPECTS.length);
            insert.setInt(3, mentions);
            insert.executeUpdate();
        }
        var sums =
                "count(*), count(*) filter (where label = 'NEGATIVE'), count(*) filter (where label"
                        + " = 'NEUTRAL'), count(*) filter (where label = 'POSITIVE')";
        var add =
                " do update set total = t.total + excluded.total, negative = t.negative +"
                        + " excluded.negative, neutral = t.neutral + excluded.neutral, positive ="
                        + " t.positive + excluded.positive";
        try (var statement = db.createStatement()) {
            statement.executeUpdate(
                    "insert into brand_bucket_count as t (brand_id, bucket_start, total, negative,"
                            + " neutral, positive) select brand_id, bucket_start, "
                            + sums
                            + " from counted_mention where url like 'https://bench.example/%'"
                            + " group by brand_id, bucket_start on conflict (brand_id,"
                            + " bucket_start)"
                            + add);
            statement.executeUpdate(
                    "insert into facility_bucket_count as t (brand_id, facility_id, bucket_start,"
                            + " total, negative, neutral, positive) select brand_id, facility_id,"
                            + " bucket_start, "
                            + sums
                            + " from counted_mention where url like 'https://bench.example/%' and"
                            + " facility_id is not null group by brand_id, facility_id,"
                            + " bucket_start on conflict (brand_id, facility_id, bucket_start)"
                            + add);
        }
        analyze(
                db,
                "counted_mention",
                "counted_mention_aspect",
                "brand_bucket_count",
                "facility_bucket_count");
    }

    /** g = 1 is the newest, g = mentions the oldest, evenly apart. */
    private static String publishedAt() {
        return "(?::timestamptz - (g * ?::double precision) * interval '1 millisecond')";
    }

    /** Sets the two parameters of each of {@code times} occurrences of {@link #publishedAt()}. */
    private void setTimes(java.sql.PreparedStatement statement, int first, int times)
            throws SQLException {
        double step = (double) span.toMillis() / mentions;
        for (int k = 0; k < times; k++) {
            statement.setTimestamp(first + 2 * k, Timestamp.from(end));
            statement.setDouble(first + 2 * k + 1, step);
        }
    }

    /** Half at Riverside North, 30% at Riverside South, the rest system-wide. */
    private static String facility() {
        return "case when g % 10 < 5 then 'riverside-north' when g % 10 < 8 then 'riverside-south'"
                + " end";
    }

    private static String source() {
        return "(array['" + String.join("','", SOURCES) + "'])[1 + (g / 10) % 5]";
    }

    /** 30% negative, 45% neutral, 25% positive, mixed across the series. */
    static String label() {
        return "case when (g * 37) % 100 < 30 then 'NEGATIVE' when (g * 37) % 100 < 75 then"
                + " 'NEUTRAL' else 'POSITIVE' end";
    }

    static String score() {
        return "case when (g * 37) % 100 < 30 then -0.35 - ((g % 60) / 100.0) when (g * 37) % 100"
                + " < 75 then ((g % 20) - 10) / 100.0 else 0.35 + ((g % 60) / 100.0) end";
    }

    private static Map<String, String> optionalColumns() {
        var columns = new LinkedHashMap<String, String>();
        columns.put("revision", "0");
        columns.put("corrected", "false");
        columns.put("model_label", label());
        columns.put("model_score", score());
        columns.put("model_uncertain", "g % 20 = 0");
        // 5% are reposts of a mention up to a few thousand older, so that a few hundred originals
        // carry tens of reposts each: what "most amplified" sorts by.
        columns.put(
                "repost_of",
                "case when g % 20 = 0 then md5('bench-' || ((g / 1000 + 1) * 1000 + 1))::uuid"
                        + " end");
        columns.put("reposts", "0");
        return Map.copyOf(columns);
    }

    private static Set<String> columns(Connection db, String table) throws SQLException {
        var names = new LinkedHashSet<String>();
        try (var statement =
                db.prepareStatement(
                        "select column_name from information_schema.columns where table_schema ="
                                + " current_schema() and table_name = ?")) {
            statement.setString(1, table);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException(
                    "no table " + table + ": has the service started (Flyway) on this database?");
        }
        return names;
    }

    private static Set<String> requiredWithoutDefault(Connection db, String table)
            throws SQLException {
        var names = new LinkedHashSet<String>();
        try (var statement =
                db.prepareStatement(
                        "select column_name from information_schema.columns where table_schema ="
                                + " current_schema() and table_name = ? and is_nullable = 'NO' and"
                                + " column_default is null")) {
            statement.setString(1, table);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static void analyze(Connection db, String... tables) throws SQLException {
        var list = new ArrayList<String>(List.of(tables));
        try (var statement = db.createStatement()) {
            for (var table : list) {
                statement.execute("analyze " + table);
            }
        }
    }
}
