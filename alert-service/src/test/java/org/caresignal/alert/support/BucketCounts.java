package org.caresignal.alert.support;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.caresignal.alert.support.ConsoleStubs.Day;

/**
 * Writes alert-service's own bucket counts (brand or facility) straight into its database, for
 * pages and digests that read them: what counting a series of mentions would leave, without the
 * mentions.
 */
public final class BucketCounts {

    private BucketCounts() {}

    /** Each day's counts in one bucket at local noon of the zone. */
    public static void daily(String brand, String facility, ZoneId zone, List<Day> days) {
        for (var d : days) {
            put(
                    brand,
                    facility,
                    d.date().atTime(12, 0).atZone(zone).toInstant(),
                    d.negative(),
                    d.neutral(),
                    d.positive());
        }
    }

    /** The bucket's counts, replacing any before (facility null: the brand's series). */
    public static void put(
            String brand,
            String facility,
            Instant bucketStart,
            long negative,
            long neutral,
            long positive) {
        var sql =
                facility == null
                        ? "INSERT INTO brand_bucket_count (brand_id, bucket_start, total, negative,"
                                + " neutral, positive) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT"
                                + " (brand_id, bucket_start) DO UPDATE SET total = excluded.total,"
                                + " negative = excluded.negative, neutral = excluded.neutral,"
                                + " positive = excluded.positive"
                        : "INSERT INTO facility_bucket_count (brand_id, bucket_start, total,"
                                + " negative, neutral, positive, facility_id) VALUES (?, ?, ?, ?,"
                                + " ?, ?, ?) ON CONFLICT (brand_id, facility_id, bucket_start) DO"
                                + " UPDATE SET total = excluded.total, negative ="
                                + " excluded.negative, neutral = excluded.neutral, positive ="
                                + " excluded.positive";
        var dataSource = Arc.container().instance(AgroalDataSource.class).get();
        try (var connection = dataSource.getConnection();
                var insert = connection.prepareStatement(sql)) {
            insert.setString(1, brand);
            insert.setTimestamp(2, Timestamp.from(bucketStart));
            insert.setLong(3, negative + neutral + positive);
            insert.setLong(4, negative);
            insert.setLong(5, neutral);
            insert.setLong(6, positive);
            if (facility != null) {
                insert.setString(7, facility);
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
