package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.caresignal.local.stack.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pipeline-bench's {@code --statements}, against a real server started as the benchmark does. */
class StatementStatsTest {

    @TempDir Path dir;

    @Test
    void theStatementsOfARunAreFoundByTimeWithTheirDatabase() throws Exception {
        try (var postgres = PostgresServer.start(dir, 0, StatementStats.SERVER_CONFIG)) {
            postgres.ensureDatabase("sentiment");
            var stats = new StatementStats(postgres::superuser);
            try (var c =
                            DriverManager.getConnection(
                                    postgres.jdbcUrl("sentiment"), "sentiment", "sentiment");
                    var s = c.createStatement()) {
                s.execute("create table before_reset (v int)");
                stats.reset();
                s.execute("create table scored (v int)");
                for (int i = 0; i < 5; i++) {
                    s.execute("insert into scored select g from generate_series(1, 20000) g");
                }
            }

            var top = stats.top(50);

            var insert =
                    top.stream()
                            .filter(r -> r.query().startsWith("insert into scored"))
                            .findFirst()
                            .orElseThrow();
            assertThat(insert.database()).isEqualTo("sentiment");
            assertThat(insert.calls()).isEqualTo(5);
            assertThat(insert.rows()).isEqualTo(100_000);
            assertThat(top.get(0).totalMs()).isGreaterThanOrEqualTo(top.get(1).totalMs());
            assertThat(top).noneMatch(r -> r.query().contains("before_reset"));
            assertThat(StatementStats.format(insert, 10))
                    .contains("db=sentiment calls=5 ")
                    .contains("calls_per_mention=0.50");
        }
    }

    @Test
    void aQueryIsShownOnOneShortLine() {
        assertThat(StatementStats.oneLine("select  a,\n   b\nfrom t"))
                .isEqualTo("select a, b from t");
        assertThat(StatementStats.oneLine("x".repeat(500))).hasSize(161).endsWith("…");
    }
}
