package org.caresignal.alert.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V21 on the real PostgreSQL: a scratch schema of the test database is migrated to V20, a rule is
 * stored the old way, then V21 runs; the rule stays global and a brand must be a slug.
 */
@QuarkusTest
class CriticalPostRuleMigrationTest {

    @Inject AgroalDataSource dataSource;

    private Flyway flyway(String schema, String target) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }

    @Test
    void rulesStoredBeforeV21StayGlobalAndABrandMustBeASlug() throws SQLException {
        var schema = "v21_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            flyway(schema, "20").migrate();
            execute(
                    "INSERT INTO "
                            + schema
                            + ".critical_post_rule (id, category, match_regex, enabled,"
                            + " created_at, updated_at) VALUES ('old-rule', 'threat', 'bomb',"
                            + " true, now(), now())");

            flyway(schema, "21").migrate();

            try (var c = dataSource.getConnection();
                    var s = c.createStatement();
                    var rows =
                            s.executeQuery(
                                    "SELECT id, brand_id FROM " + schema + ".critical_post_rule")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("old-rule");
                assertThat(rows.getString(2)).isNull();
                assertThat(rows.next()).isFalse();
            }
            execute(
                    "INSERT INTO "
                            + schema
                            + ".critical_post_rule (id, category, match_regex, enabled,"
                            + " created_at, updated_at, brand_id) VALUES ('own-rule', 'x', 'a',"
                            + " true, now(), now(), 'riverside-health')");
            assertThatThrownBy(
                            () ->
                                    execute(
                                            "INSERT INTO "
                                                    + schema
                                                    + ".critical_post_rule (id, category,"
                                                    + " match_regex, enabled, created_at,"
                                                    + " updated_at, brand_id) VALUES"
                                                    + " ('bad-rule', 'x', 'a', true, now(),"
                                                    + " now(), 'Riverside Health')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("critical_post_rule_brand_ck");
            // Ids stay unique across scopes: CRITICAL_POST:<id> names one rule.
            assertThatThrownBy(
                            () ->
                                    execute(
                                            "INSERT INTO "
                                                    + schema
                                                    + ".critical_post_rule (id, category,"
                                                    + " match_regex, enabled, created_at,"
                                                    + " updated_at, brand_id) VALUES"
                                                    + " ('old-rule', 'x', 'a', true, now(),"
                                                    + " now(), 'riverside-health')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("critical_post_rule_pk");
        } finally {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private void execute(String sql) throws SQLException {
        try (var c = dataSource.getConnection();
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
