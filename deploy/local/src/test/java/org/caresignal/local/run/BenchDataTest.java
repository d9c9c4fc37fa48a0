package org.caresignal.local.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.caresignal.local.stack.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's loader against the schemas the services' own migrations create. */
class BenchDataTest {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    @TempDir Path dir;

    @Test
    void loadsTheSameMentionsIntoBothDatabasesWithCountsThatAddUpAndASecondLoadAddsNothing()
            throws Exception {
        var end = Instant.parse("2026-12-01T12:00:00Z");
        var data = new BenchData(DemoFeeder.BRAND, 2_000, Duration.ofDays(10), end);
        var texts = List.of("Waited six hours in the ER", "Parking was easy", "Great nurses");
        try (var postgres = PostgresServer.start(dir, 0)) {
            postgres.ensureDatabase("sentiment");
            postgres.ensureDatabase("alert");
            try (var sentiment = connect(postgres, "sentiment");
                    var alert = connect(postgres, "alert")) {
                migrate(sentiment, "sentiment-service");
                migrate(alert, "alert-service");

                data.loadSentiment(sentiment, texts);
                data.loadAlert(alert, texts);
                data.loadSentiment(sentiment, texts);

                assertThat(BenchData.count(sentiment)).isEqualTo(2_000);
                assertThat(
                                single(
                                        sentiment,
                                        "select count(*) from scored_mention where brand_id ="
                                                + " 'riverside-health' and published_at >= '2026-11-21T12:00:00Z'"
                                                + " and published_at < '2026-12-01T12:00:00Z'"))
                        .isEqualTo(2_000);
                assertThat(
                                single(
                                        sentiment,
                                        "select count(*) from scored_mention where label ="
                                                + " 'NEGATIVE'"))
                        .isBetween(500L, 700L);
                assertThat(
                                single(
                                        sentiment,
                                        "select count(distinct facility_id) from"
                                                + " scored_mention"))
                        .isEqualTo(2);
                assertThat(single(sentiment, "select count(*) from mention_aspect"))
                        .isBetween(1_300L, 1_600L);
                assertThat(
                                single(
                                        sentiment,
                                        "select count(*) from scored_mention where text"
                                                + " like 'Waited six hours%'"))
                        .isBetween(600L, 700L);

                // Amplification (V8): originals carry the number of stored reposts naming them.
                assertThat(
                                single(
                                        sentiment,
                                        "select count(*) from scored_mention where reposts >"
                                                + " 0"))
                        .isPositive();
                assertThat(single(sentiment, "select sum(reposts) from scored_mention"))
                        .isEqualTo(
                                single(
                                        sentiment,
                                        "select count(*) from scored_mention r join"
                                                + " scored_mention o on o.mention_id = r.repost_of"));
                assertThat(
                                single(
                                        sentiment,
                                        "select count(*) from scored_mention where"
                                                + " model_label <> label"))
                        .isZero();

                assertThat(single(alert, "select count(*) from counted_mention")).isEqualTo(2_000);
                assertThat(single(alert, "select sum(total) from brand_bucket_count"))
                        .isEqualTo(2_000);
                assertThat(single(alert, "select sum(negative) from brand_bucket_count"))
                        .isEqualTo(
                                single(
                                        sentiment,
                                        "select count(*) from scored_mention where"
                                                + " label = 'NEGATIVE'"));
                assertThat(single(alert, "select sum(total) from facility_bucket_count"))
                        .isEqualTo(
                                single(
                                        sentiment,
                                        "select count(*) from scored_mention where"
                                                + " facility_id is not null"));
                assertThat(
                                single(
                                        alert,
                                        "select count(*) from brand_bucket_count where"
                                                + " extract(epoch from bucket_start)::bigint % 300 <> 0"))
                        .isZero();
                // Same ids on both sides: the console joins them through the APIs.
                assertThat(
                                single(
                                        alert,
                                        "select count(*) from counted_mention where mention_id ="
                                                + " md5('bench-1')::uuid and label = '"
                                                + label(sentiment, "md5('bench-1')::uuid")
                                                + "'"))
                        .isEqualTo(1);
            }
        }
    }

    private static String label(Connection db, String id) throws SQLException {
        try (var s = db.createStatement();
                var rows =
                        s.executeQuery(
                                "select label from scored_mention where mention_id = " + id)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (var s = db.createStatement();
                var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect(PostgresServer postgres, String name) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(name), name, name);
    }

    /** Runs the service's Flyway migrations in version order, as Flyway would. */
    private static void migrate(Connection db, String service) throws IOException, SQLException {
        var migrations = Path.of("../..", service, "src/main/resources/db/migration");
        List<Path> files;
        try (var list = Files.list(migrations)) {
            files =
                    list.filter(p -> VERSION.matcher(p.getFileName().toString()).matches())
                            .sorted(Comparator.comparingInt(BenchDataTest::version))
                            .toList();
        }
        assertThat(files).isNotEmpty();
        try (var s = db.createStatement()) {
            for (var file : files) {
                s.execute(Files.readString(file));
            }
        }
    }

    private static int version(Path file) {
        var m = VERSION.matcher(file.getFileName().toString());
        m.matches();
        return Integer.parseInt(m.group(1));
    }
}
