package org.caresignal.alert.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.caresignal.alert.domain.BrandBucketCount;
import org.caresignal.alert.domain.Certainty;
import org.caresignal.alert.domain.LabelCounts;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.domain.UncertainPolicy;
import org.caresignal.alert.domain.detection.Bucket;
import org.hibernate.Session;

/** Per-brand, per-bucket mention counts: atomic increments and range reads. */
@ApplicationScoped
public class BrandBucketCountRepository
        implements PanacheRepositoryBase<BrandBucketCount, BrandBucketCount.Key> {

    /**
     * Adds one mention with {@code label} and {@code certainty} to the bucket, creating the bucket
     * on first use.
     */
    public void increment(
            String brandId, Instant bucketStart, SentimentLabel label, Certainty certainty) {
        // One upsert statement, so concurrent consumers never lose an increment.
        withCells(
                        getEntityManager()
                                .createNativeQuery(
                                        """
                                        INSERT INTO brand_bucket_count
                                            (brand_id, bucket_start, total, %s)
                                        VALUES (:brandId, :bucketStart, 1, %s)
                                        ON CONFLICT (brand_id, bucket_start) DO UPDATE SET
                                            total = brand_bucket_count.total + 1, %s
                                        """
                                                .formatted(
                                                        CELLS,
                                                        CELL_VALUES,
                                                        cellSums("brand_bucket_count"))),
                        label,
                        certainty)
                .setParameter("brandId", brandId)
                .setParameter("bucketStart", bucketStart)
                .executeUpdate();
    }

    /** {@link #increment} for the facility's bucket. */
    public void incrementFacility(
            String brandId,
            String facilityId,
            Instant bucketStart,
            SentimentLabel label,
            Certainty certainty) {
        withCells(
                        getEntityManager()
                                .createNativeQuery(
                                        """
                                        INSERT INTO facility_bucket_count
                                            (brand_id, facility_id, bucket_start, total, %s)
                                        VALUES (:brandId, :facilityId, :bucketStart, 1, %s)
                                        ON CONFLICT (brand_id, facility_id, bucket_start) DO UPDATE SET
                                            total = facility_bucket_count.total + 1, %s
                                        """
                                                .formatted(
                                                        CELLS,
                                                        CELL_VALUES,
                                                        cellSums("facility_bucket_count"))),
                        label,
                        certainty)
                .setParameter("brandId", brandId)
                .setParameter("facilityId", facilityId)
                .setParameter("bucketStart", bucketStart)
                .executeUpdate();
    }

    /**
     * What a batch adds to one bucket of a series: {@code cells} in {@link #CELL_COLUMNS}' order.
     *
     * @param facilityId null for the brand's own bucket
     */
    public record Increment(String brandId, String facilityId, Instant bucketStart, long[] cells) {

        /** One more mention with {@code label} and {@code certainty}. */
        public void add(SentimentLabel label, Certainty certainty) {
            cells[CELL_COLUMNS.indexOf(column(label))]++;
            certaintyColumn(label, certainty).ifPresent(c -> cells[CELL_COLUMNS.indexOf(c)]++);
        }

        long total() {
            return cells[0] + cells[1] + cells[2];
        }
    }

    /** A bucket with nothing added yet. */
    public static Increment increment(String brandId, String facilityId, Instant bucketStart) {
        return new Increment(brandId, facilityId, bucketStart, new long[CELL_COLUMNS.size()]);
    }

    /**
     * Adds each brand bucket's mentions in one statement, creating buckets on first use; the
     * buckets are written (and locked) in the order given, which callers keep the same.
     */
    public void incrementAll(List<Increment> increments) {
        addAll("brand_bucket_count", "brand_id, bucket_start", increments);
    }

    /** {@link #incrementAll} for facility buckets. */
    public void incrementAllFacilities(List<Increment> increments) {
        addAll("facility_bucket_count", "brand_id, facility_id, bucket_start", increments);
    }

    private void addAll(String table, String key, List<Increment> increments) {
        if (increments.isEmpty()) {
            return;
        }
        int n = increments.size();
        var brands = new String[n];
        var facilities = new String[n];
        var buckets = new String[n];
        var totals = new Long[n];
        var cells = new Long[CELL_COLUMNS.size()][n];
        for (int i = 0; i < n; i++) {
            var inc = increments.get(i);
            brands[i] = inc.brandId();
            facilities[i] = inc.facilityId();
            buckets[i] = inc.bucketStart().toString();
            totals[i] = inc.total();
            for (int k = 0; k < cells.length; k++) {
                cells[k][i] = inc.cells()[k];
            }
        }
        var facility = key.contains("facility_id");
        // Table and column names are constants of this class, never input.
        var sql =
                ("INSERT INTO %s (%s, total, %s) SELECT r.brand_id,%s CAST(r.bucket_start AS"
                                + " timestamptz), r.total, %s FROM unnest(CAST(? AS text[]),"
                                + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS int8[])%s)"
                                + " WITH ORDINALITY AS r(brand_id, facility_id, bucket_start,"
                                + " total, %s, ord) ORDER BY r.ord ON CONFLICT (%s) DO UPDATE SET"
                                + " total = %s.total + EXCLUDED.total, %s")
                        .formatted(
                                table,
                                key,
                                CELLS,
                                facility ? " r.facility_id," : "",
                                String.join(
                                        ", ", CELL_COLUMNS.stream().map(c -> "r." + c).toList()),
                                ", CAST(? AS int8[])".repeat(CELL_COLUMNS.size()),
                                CELLS,
                                key,
                                table,
                                cellSums(table));
        getEntityManager()
                .unwrap(Session.class)
                .doWork(
                        c -> {
                            try (var insert = c.prepareStatement(sql)) {
                                insert.setArray(1, c.createArrayOf("text", brands));
                                insert.setArray(2, c.createArrayOf("text", facilities));
                                insert.setArray(3, c.createArrayOf("text", buckets));
                                insert.setArray(4, c.createArrayOf("int8", totals));
                                for (int k = 0; k < cells.length; k++) {
                                    insert.setArray(5 + k, c.createArrayOf("int8", cells[k]));
                                }
                                insert.executeUpdate();
                            }
                        });
    }

    /** The columns one mention adds to: its label's, and within it its certainty's. */
    private static final List<String> CELL_COLUMNS =
            List.of(
                    "negative",
                    "neutral",
                    "positive",
                    "negative_uncertain",
                    "neutral_uncertain",
                    "positive_uncertain",
                    "negative_unread",
                    "neutral_unread",
                    "positive_unread");

    private static final String CELLS = String.join(", ", CELL_COLUMNS);
    private static final String CELL_VALUES =
            String.join(", ", CELL_COLUMNS.stream().map(c -> ":" + c).toList());

    private static String cellSums(String table) {
        return String.join(
                ", ",
                CELL_COLUMNS.stream()
                        .map(c -> "%s = %s.%s + EXCLUDED.%s".formatted(c, table, c, c))
                        .toList());
    }

    /** Binds 1 to the columns of ({@code label}, {@code certainty}) and 0 to the others. */
    private static jakarta.persistence.Query withCells(
            jakarta.persistence.Query query, SentimentLabel label, Certainty certainty) {
        var hit = new ArrayList<String>();
        hit.add(column(label));
        certaintyColumn(label, certainty).ifPresent(hit::add);
        for (var c : CELL_COLUMNS) {
            query.setParameter(c, hit.contains(c) ? 1L : 0L);
        }
        return query;
    }

    /**
     * Moves one mention of the brand's bucket from ({@code from}, {@code fromCertainty}) to ({@code
     * to}, {@code toCertainty}); the total stays. Only a bucket that holds a mention counted as the
     * former is changed, so a count never goes below zero (the bucket may be gone: the AGGREGATES
     * retention deletes old buckets).
     *
     * @return true when the bucket was changed
     */
    public boolean move(
            String brandId,
            Instant bucketStart,
            SentimentLabel from,
            Certainty fromCertainty,
            SentimentLabel to,
            Certainty toCertainty) {
        return getEntityManager()
                        .createNativeQuery(
                                moveStatement(
                                        "brand_bucket_count",
                                        "",
                                        from,
                                        fromCertainty,
                                        to,
                                        toCertainty))
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
            Certainty fromCertainty,
            SentimentLabel to,
            Certainty toCertainty) {
        return getEntityManager()
                        .createNativeQuery(
                                moveStatement(
                                        "facility_bucket_count",
                                        " AND facility_id = :facilityId",
                                        from,
                                        fromCertainty,
                                        to,
                                        toCertainty))
                        .setParameter("brandId", brandId)
                        .setParameter("facilityId", facilityId)
                        .setParameter("bucketStart", bucketStart)
                        .executeUpdate()
                == 1;
    }

    private static String moveStatement(
            String table,
            String facilityCondition,
            SentimentLabel from,
            Certainty fromCertainty,
            SentimentLabel to,
            Certainty toCertainty) {
        if (from == to && fromCertainty == toCertainty) {
            throw new IllegalArgumentException(
                    "a move needs two places, got " + from + " " + fromCertainty + " twice");
        }
        // Each column the mention leaves loses one and each it enters gains one; a column it
        // stays in (its label, when only the certainty changes) is left alone.
        var delta = new LinkedHashMap<String, Integer>();
        delta.merge(column(from), -1, Integer::sum);
        certaintyColumn(from, fromCertainty).ifPresent(c -> delta.merge(c, -1, Integer::sum));
        delta.merge(column(to), 1, Integer::sum);
        certaintyColumn(to, toCertainty).ifPresent(c -> delta.merge(c, 1, Integer::sum));
        var sets = new ArrayList<String>();
        delta.forEach(
                (c, d) -> {
                    if (d != 0) {
                        sets.add("%s = %s %s 1".formatted(c, c, d < 0 ? "-" : "+"));
                    }
                });
        // Only a bucket holding a mention counted as the one that leaves: its certainty's column,
        // or for a certain one, its label's count beyond the uncertain and unread ones.
        var label = column(from);
        var holds =
                certaintyColumn(from, fromCertainty)
                        .map(c -> c + " > 0")
                        .orElse("%s - %s_uncertain - %s_unread > 0".formatted(label, label, label));
        // Table and column names come from the enums and the two callers, never from input.
        return "UPDATE %s SET %s WHERE brand_id = :brandId%s AND bucket_start = :bucketStart AND %s"
                .formatted(table, String.join(", ", sets), facilityCondition, holds);
    }

    private static String column(SentimentLabel label) {
        return switch (label) {
            case NEGATIVE -> "negative";
            case NEUTRAL -> "neutral";
            case POSITIVE -> "positive";
        };
    }

    /** The subset column of the label that counts mentions of this certainty, if any. */
    private static Optional<String> certaintyColumn(SentimentLabel label, Certainty certainty) {
        return switch (certainty) {
            case CERTAIN -> Optional.empty();
            case UNCERTAIN -> Optional.of(column(label) + "_uncertain");
            case UNREAD_LANGUAGE -> Optional.of(column(label) + "_unread");
        };
    }

    /** The columns of a bucket's stored split, in {@link LabelCounts}'s order. */
    static final String SPLIT =
            "total, negative, neutral, positive, negative_uncertain, neutral_uncertain,"
                    + " positive_uncertain, negative_unread, neutral_unread, positive_unread";

    /** The same columns summed. */
    static final String SPLIT_SUMS =
            "sum(total), sum(negative), sum(neutral), sum(positive), sum(negative_uncertain),"
                    + " sum(neutral_uncertain), sum(positive_uncertain), sum(negative_unread),"
                    + " sum(neutral_unread), sum(positive_unread)";

    /** The split read from {@code row} starting at column {@code first}. */
    static LabelCounts split(Object[] row, int first) {
        var v = new long[10];
        for (int i = 0; i < v.length; i++) {
            v[i] = row[first + i] == null ? 0 : ((Number) row[first + i]).longValue();
        }
        return new LabelCounts(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    /**
     * A series' counts (the stored split) over one local hour or day, starting at {@code start}.
     */
    public record PeriodCounts(Instant start, LabelCounts counts) {}

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
                        + "', bucket_start AT TIME ZONE :zone) AS local_start, "
                        + SPLIT_SUMS
                        + " FROM "
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
                .map(r -> new PeriodCounts(localStart(r[0]).atZone(zone).toInstant(), split(r, 1)))
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
     * The counts of a series (the brand when {@code facilityId} is null) per bucket starting in
     * {@code [fromInclusive, toInclusive]} as the detector sees them under {@code policy}, oldest
     * first.
     */
    public List<Bucket> seriesBuckets(
            String brandId,
            String facilityId,
            Instant fromInclusive,
            Instant toInclusive,
            UncertainPolicy policy) {
        var query =
                getEntityManager()
                        .createNativeQuery(
                                "SELECT bucket_start, "
                                        + SPLIT
                                        + (facilityId == null
                                                ? " FROM brand_bucket_count WHERE brand_id ="
                                                        + " :brandId"
                                                : " FROM facility_bucket_count WHERE brand_id ="
                                                        + " :brandId AND facility_id = :facilityId")
                                        + " AND bucket_start >= :from AND bucket_start <= :to"
                                        + " ORDER BY bucket_start");
        if (facilityId != null) {
            query.setParameter("facilityId", facilityId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                query.setParameter("brandId", brandId)
                        .setParameter("from", fromInclusive)
                        .setParameter("to", toInclusive)
                        .getResultList();
        return rows.stream()
                .map(
                        r -> {
                            var counts = split(r, 1).under(policy);
                            return new Bucket(
                                    toInstant(r[0]),
                                    counts.volume(),
                                    counts.negative(),
                                    counts.assessed());
                        })
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
