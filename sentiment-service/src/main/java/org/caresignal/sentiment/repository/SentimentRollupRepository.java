package org.caresignal.sentiment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.caresignal.sentiment.repository.ScoredMentionRepository.Filter;

/**
 * Reads the hourly rollups of {@code sentiment_rollup} (V11) and {@code
 * sentiment_rollup_brand_hour} (V12), which the database's triggers keep in step with every write
 * of the mentions and their aspects: a filter in, one row per UTC hour out.
 */
@ApplicationScoped
public class SentimentRollupRepository {

    /** One UTC hour's counts by label and score sum over the rollup rows matching a filter. */
    public record Hour(
            Instant start, long negative, long neutral, long positive, double scoreSum) {}

    private final EntityManager entityManager;

    public SentimentRollupRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * The hours of [filter.from, filter.to) holding matching mentions, oldest first: the brand's
     * mentions as a whole, or with an aspect the mentions naming it by the aspect's sentiment;
     * narrowed by facility and source when given. {@code from} and {@code to} are whole hours.
     * Without facility and source it reads the brand's hours (V12: one row per hour), else the
     * hours of each facility and source (V11).
     */
    public List<Hour> hours(Filter filter) {
        var perBrand = filter.facilityId() == null && filter.source() == null;
        var sql =
                new FilterSql(
                                "select r.hour, sum(r.negative), sum(r.neutral), sum(r.positive),"
                                        + " sum(r.score_sum) from "
                                        + (perBrand
                                                ? "sentiment_rollup_brand_hour"
                                                : "sentiment_rollup")
                                        + " r where r.brand_id = :brand")
                        .parameter("brand", filter.brandId())
                        .and(
                                "r.aspect = :aspect",
                                "aspect",
                                filter.aspect() == null ? "" : filter.aspect())
                        .and("r.hour >= :from", "from", filter.from())
                        .and("r.hour < :to", "to", filter.to())
                        .equal("r.facility_id", "facility", filter.facilityId())
                        .equal("r.source", "source", filter.source())
                        .append(" group by r.hour order by r.hour");
        var query = entityManager.createNativeQuery(sql.sql(), Object[].class);
        sql.parameters().forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Hour(
                                        instant(r[0]),
                                        ((Number) r[1]).longValue(),
                                        ((Number) r[2]).longValue(),
                                        ((Number) r[3]).longValue(),
                                        ((Number) r[4]).doubleValue()))
                .toList();
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
