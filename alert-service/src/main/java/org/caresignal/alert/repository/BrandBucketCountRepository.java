package org.caresignal.alert.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.caresignal.alert.domain.BrandBucketCount;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.domain.detection.Bucket;

/** Per-brand, per-bucket mention counts: atomic increments and range reads. */
@ApplicationScoped
public class BrandBucketCountRepository
        implements PanacheRepositoryBase<BrandBucketCount, BrandBucketCount.Key> {

    /** Adds one mention with {@code label} to the bucket, creating the bucket on first use. */
    public void increment(String brandId, Instant bucketStart, SentimentLabel label) {
        // One upsert statement, so concurrent consumers never lose an increment.
        getEntityManager()
                .createNativeQuery(
                        """
                        INSERT INTO brand_bucket_count
                            (brand_id, bucket_start, total, negative, neutral, positive)
                        VALUES (:brandId, :bucketStart, 1, :negative, :neutral, :positive)
                        ON CONFLICT (brand_id, bucket_start) DO UPDATE SET
                            total = brand_bucket_count.total + 1,
                            negative = brand_bucket_count.negative + EXCLUDED.negative,
                            neutral = brand_bucket_count.neutral + EXCLUDED.neutral,
                            positive = brand_bucket_count.positive + EXCLUDED.positive
                        """)
                .setParameter("brandId", brandId)
                .setParameter("bucketStart", bucketStart)
                .setParameter("negative", label == SentimentLabel.NEGATIVE ? 1L : 0L)
                .setParameter("neutral", label == SentimentLabel.NEUTRAL ? 1L : 0L)
                .setParameter("positive", label == SentimentLabel.POSITIVE ? 1L : 0L)
                .executeUpdate();
    }

    /** Adds one mention with {@code label} to the facility's bucket, creating it on first use. */
    public void incrementFacility(
            String brandId, String facilityId, Instant bucketStart, SentimentLabel label) {
        getEntityManager()
                .createNativeQuery(
                        """
                        INSERT INTO facility_bucket_count
                            (brand_id, facility_id, bucket_start, total, negative, neutral, positive)
                        VALUES (:brandId, :facilityId, :bucketStart, 1, :negative, :neutral, :positive)
                        ON CONFLICT (brand_id, facility_id, bucket_start) DO UPDATE SET
                            total = facility_bucket_count.total + 1,
                            negative = facility_bucket_count.negative + EXCLUDED.negative,
                            neutral = facility_bucket_count.neutral + EXCLUDED.neutral,
                            positive = facility_bucket_count.positive + EXCLUDED.positive
                        """)
                .setParameter("brandId", brandId)
                .setParameter("facilityId", facilityId)
                .setParameter("bucketStart", bucketStart)
                .setParameter("negative", label == SentimentLabel.NEGATIVE ? 1L : 0L)
                .setParameter("neutral", label == SentimentLabel.NEUTRAL ? 1L : 0L)
                .setParameter("positive", label == SentimentLabel.POSITIVE ? 1L : 0L)
                .executeUpdate();
    }

    /**
     * Moves one mention of the brand's bucket from label {@code from} to label {@code to}; the
     * total stays. Only a bucket that holds a mention with {@code from} is changed, so a count
     * never goes below zero (the bucket may be gone: the AGGREGATES retention deletes old buckets).
     *
     * @return true when the bucket was changed
     */
    public boolean move(
            String brandId, Instant bucketStart, SentimentLabel from, SentimentLabel to) {
        return getEntityManager()
                        .createNativeQuery(moveStatement("brand_bucket_count", "", from, to))
                        .setParameter("brandId", brandId)
                        .setParameter("bucketStart", bucketStart)
                        .executeUpdate()
                == 1;
    }

    /** {@link #move} for the facility's bucket. */
    public boolean moveFacility(
            String brandId,
            String facilityId,
            Instant bucketStart,
            SentimentLabel from,
            SentimentLabel to) {
        return getEntityManager()
                        .createNativeQuery(
                                moveStatement(
                                        "facility_bucket_count",
                                        " AND facility_id = :facilityId",
                                        from,
                                        to))
                        .setParameter("brandId", brandId)
                        .setParameter("facilityId", facilityId)
                        .setParameter("bucketStart", bucketStart)
                        .executeUpdate()
                == 1;
    }

    private static String moveStatement(
            String table, String facilityCondition, SentimentLabel from, SentimentLabel to) {
        if (from == to) {
            throw new IllegalArgumentException("a move needs two labels, got " + from + " twice");
        }
        // Table and column names come from the enum and the two callers, never from input.
        var out = column(from);
        var in = column(to);
        return "UPDATE %s SET %s = %s - 1, %s = %s + 1 WHERE brand_id = :brandId%s AND bucket_start = :bucketStart AND %s > 0"
                .formatted(table, out, out, in, in, facilityCondition, out);
    }

    private static String column(SentimentLabel label) {
        return switch (label) {
            case NEGATIVE -> "negative";
            case NEUTRAL -> "neutral";
            case POSITIVE -> "positive";
        };
    }

    /** A series' counts by label over one local hour or day, starting at {@code start}. */
    public record PeriodCounts(
            Instant start, long total, long negative, long neutral, long positive) {}

    /**
     * A series' counts (the brand when {@code facilityId} is null) summed per local {@code hour} or
     * {@code day} of {@code zone}, for buckets starting in {@code [from, to)}, oldest first. The
     * console's overview reads these rather than every stored mention: a month of a busy brand is a
     * few thousand bucket rows here and a million mentions in sentiment-service.
     */
    @Transactional
    public List<PeriodCounts> periodCounts(
            String brandId, String facilityId, Instant from, Instant to, String unit, ZoneId zone) {
        if (!unit.equals("hour") && !unit.equals("day")) {
            throw new IllegalArgumentException("unit must be hour or day");
        }
        var table = facilityId == null ? "brand_bucket_count" : "facility_bucket_count";
        var sql =
                "SELECT date_trunc('"
                        + unit
                        + "', bucket_start AT TIME ZONE :zone) AS local_start, sum(total),"
                        + " sum(negative), sum(neutral), sum(positive) FROM "
                        + table
                        + " WHERE brand_id = :brandId"
                        + (facilityId == null ? "" : " AND facility_id = :facilityId")
                        + " AND bucket_start >= :from AND bucket_start < :to"
                        + " GROUP BY local_start ORDER BY local_start";
        var query =
                getEntityManager()
                        .createNativeQuery(sql)
                        .setParameter("zone", zone.getId())
                        .setParameter("brandId", brandId)
                        .setParameter("from", from)
                        .setParameter("to", to);
        if (facilityId != null) {
            query.setParameter("facilityId", facilityId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(
                        r ->
                                new PeriodCounts(
                                        localStart(r[0]).atZone(zone).toInstant(),
                                        ((Number) r[1]).longValue(),
                                        ((Number) r[2]).longValue(),
                                        ((Number) r[3]).longValue(),
                                        ((Number) r[4]).longValue()))
                .toList();
    }

    private static LocalDateTime localStart(Object value) {
        if (value instanceof LocalDateTime local) {
            return local;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        throw new IllegalStateException("unexpected local time " + value);
    }

    /**
     * Total and negative counts of a series (the brand when {@code facilityId} is null) per bucket
     * starting in {@code [fromInclusive, toInclusive]}, oldest first.
     */
    public List<Bucket> seriesBuckets(
            String brandId, String facilityId, Instant fromInclusive, Instant toInclusive) {
        var query =
                facilityId == null
                        ? getEntityManager()
                                .createNativeQuery(
                                        """
                                        SELECT bucket_start, total, negative FROM brand_bucket_count
                                        WHERE brand_id = :brandId
                                          AND bucket_start >= :from AND bucket_start <= :to
                                        ORDER BY bucket_start
                                        """)
                        : getEntityManager()
                                .createNativeQuery(
                                        """
                                        SELECT bucket_start, total, negative FROM facility_bucket_count
                                        WHERE brand_id = :brandId AND facility_id = :facilityId
                                          AND bucket_start >= :from AND bucket_start <= :to
                                        ORDER BY bucket_start
                                        """)
                                .setParameter("facilityId", facilityId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                query.setParameter("brandId", brandId)
                        .setParameter("from", fromInclusive)
                        .setParameter("to", toInclusive)
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Bucket(
                                        toInstant(r[0]),
                                        ((Number) r[1]).longValue(),
                                        ((Number) r[2]).longValue()))
                .toList();
    }

    /** The first bucket of a series with a count, if any. */
    public Instant firstBucket(String brandId, String facilityId) {
        var query =
                facilityId == null
                        ? getEntityManager()
                                .createNativeQuery(
                                        "SELECT min(bucket_start) FROM brand_bucket_count"
                                                + " WHERE brand_id = :brandId")
                        : getEntityManager()
                                .createNativeQuery(
                                        "SELECT min(bucket_start) FROM facility_bucket_count"
                                                + " WHERE brand_id = :brandId AND facility_id = :facilityId")
                                .setParameter("facilityId", facilityId);
        return toInstant(query.setParameter("brandId", brandId).getSingleResult());
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    /**
     * Brands with mentions published at or after {@code from}, busiest first. The brands come from
     * the small per-series detector table and each sum reads the brand's own key range, so this
     * never scans every brand's history.
     */
    public List<String> brandsSince(Instant from, int limit) {
        @SuppressWarnings("unchecked")
        List<String> brands =
                getEntityManager()
                        .createNativeQuery(
                                """
                                SELECT s.brand_id FROM detector_state s
                                CROSS JOIN LATERAL (
                                    SELECT coalesce(sum(c.total), 0) AS total FROM brand_bucket_count c
                                    WHERE c.brand_id = s.brand_id AND c.bucket_start >= :from) c
                                WHERE s.facility_id = '' AND s.max_event_at >= :from
                                ORDER BY c.total DESC, s.brand_id
                                LIMIT :limit
                                """)
                        .setParameter("from", from)
                        .setParameter("limit", limit)
                        .getResultList();
        return brands;
    }

    /** The brand's buckets starting in {@code [fromInclusive, toExclusive)}, oldest first. */
    public List<BrandBucketCount> findStartingBetween(
            String brandId, Instant fromInclusive, Instant toExclusive) {
        return list(
                "brandId = ?1 and bucketStart >= ?2 and bucketStart < ?3",
                Sort.by("bucketStart"),
                brandId,
                fromInclusive,
                toExclusive);
    }
}
