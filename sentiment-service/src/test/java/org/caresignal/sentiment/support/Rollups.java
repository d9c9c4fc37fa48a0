package org.caresignal.sentiment.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a brand's hourly rollups (sentiment_rollup) as they are, and as they should be: computed
 * afresh from its mentions and aspect rows, so that a test can compare the two.
 */
public final class Rollups {

    /** One rollup row's key: aspect ('' for whole mentions), hour, facility ('' none), source. */
    public record Key(String aspect, Instant hour, String facility, String source)
            implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return toString().compareTo(o.toString());
        }
    }

    /** One rollup row's counts by label and score sum. */
    public record Counts(long negative, long neutral, long positive, double scoreSum) {}

    private static final String FRESH =
            "select '' as aspect, sentiment_rollup_hour(published_at) as hour,"
                    + " coalesce(facility_id, '') as facility_id, source, count(*) filter (where label"
                    + " = 'NEGATIVE') as negative, count(*) filter (where label = 'NEUTRAL') as"
                    + " neutral, count(*) filter (where label = 'POSITIVE') as positive, sum(score) as"
                    + " score_sum from scored_mention where brand_id = :brand group by 1, 2, 3, 4"
                    + " union all select aspect, sentiment_rollup_hour(published_at),"
                    + " coalesce(facility_id, ''), source, count(*) filter (where label ="
                    + " 'NEGATIVE'), count(*) filter (where label = 'NEUTRAL'), count(*) filter (where"
                    + " label = 'POSITIVE'), sum(score) from mention_aspect where brand_id = :brand"
                    + " group by 1, 2, 3, 4";

    private Rollups() {}

    /** The brand's rollup rows as stored. */
    public static Map<Key, Counts> stored(EntityManager em, String brand) {
        return read(
                em,
                "select aspect, hour, facility_id, source, negative, neutral, positive, score_sum"
                        + " from sentiment_rollup where brand_id = :brand",
                brand);
    }

    /**
     * The brand's rows of sentiment_rollup_brand_hour (V12) as stored, keyed with facility and
     * source ''.
     */
    public static Map<Key, Counts> brandHours(EntityManager em, String brand) {
        return read(
                em,
                "select aspect, hour, '', '', negative, neutral, positive, score_sum from"
                        + " sentiment_rollup_brand_hour where brand_id = :brand",
                brand);
    }

    /** The brand's hours as they should be: sentiment_rollup summed over facilities and sources. */
    public static Map<Key, Counts> brandHoursFresh(EntityManager em, String brand) {
        return read(
                em,
                "select aspect, hour, '', '', sum(negative), sum(neutral), sum(positive),"
                        + " sum(score_sum) from sentiment_rollup where brand_id = :brand group by"
                        + " aspect, hour",
                brand);
    }

    /** The brand's rollup rows computed from its mentions and aspect rows now. */
    public static Map<Key, Counts> fresh(EntityManager em, String brand) {
        return read(em, FRESH, brand);
    }

    private static Map<Key, Counts> read(EntityManager em, String sql, String brand) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            @SuppressWarnings("unchecked")
                            List<Object[]> rows =
                                    em.createNativeQuery(sql, Object[].class)
                                            .setParameter("brand", brand)
                                            .getResultList();
                            var result = new TreeMap<Key, Counts>();
                            for (var r : rows) {
                                result.put(
                                        new Key(
                                                (String) r[0],
                                                instant(r[1]),
                                                (String) r[2],
                                                (String) r[3]),
                                        new Counts(
                                                ((Number) r[4]).longValue(),
                                                ((Number) r[5]).longValue(),
                                                ((Number) r[6]).longValue(),
                                                Math.round(((Number) r[7]).doubleValue() * 1e9)
                                                        / 1e9));
                            }
                            return result;
                        });
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
