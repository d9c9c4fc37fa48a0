package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.caresignal.local.stack.TestStack;

/**
 * Counts a brand's rows in the services' databases of a test stack: what the exactly-once tests
 * (outage, crash, two instances) check. {@code prefix} names a test's own databases ({@code prefix
 * + "alert"}); empty for the stack's.
 */
record BrandRows(TestStack stack, String prefix) {

    int count(String db, String table, String brand) throws SQLException {
        return query(db, "select count(*) from " + table + " where brand_id = ?", brand);
    }

    /** The brand's distinct mentions in the table, failing when any is stored twice. */
    int distinctMentions(String db, String table, String brand) throws SQLException {
        int rows = count(db, table, brand);
        int distinct =
                query(
                        db,
                        "select count(distinct mention_id) from " + table + " where brand_id = ?",
                        brand);
        assertThat(rows).as("rows of " + table + " for " + brand).isEqualTo(distinct);
        return distinct;
    }

    /** The sum of alert-service's bucket counts for the brand. */
    int bucketTotal(String brand) throws SQLException {
        return query(
                "alert",
                "select coalesce(sum(total), 0) from brand_bucket_count where brand_id = ?",
                brand);
    }

    /** The first column of the first row of {@code sql}, whose one parameter is the brand. */
    int query(String db, String sql, String brand) throws SQLException {
        var database = prefix + db;
        try (var connection =
                        DriverManager.getConnection(
                                stack.database(database),
                                stack.username(database),
                                stack.password(database));
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, brand);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
