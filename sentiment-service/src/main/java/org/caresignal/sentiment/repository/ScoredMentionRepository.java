package org.caresignal.sentiment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;

/** Reads and writes {@link ScoredMention} rows, keyed by mention id. */
@ApplicationScoped
public class ScoredMentionRepository implements PanacheRepositoryBase<ScoredMention, UUID> {

    /** Filters of the history and search queries; null means "any". */
    public record Filter(
            String brandId,
            Instant from,
            Instant to,
            String facilityId,
            String source,
            String aspect,
            SentimentLabel label,
            String text) {}

    /** One scored point for the history: when, which label, which score. */
    public record Point(Instant publishedAt, SentimentLabel label, double score) {}

    /**
     * The (published at, label, score) of every matching mention, streamed; with an aspect, the
     * aspect's own label and score.
     */
    public Stream<Point> points(Filter filter) {
        var params = new HashMap<String, Object>();
        var where = where(filter, params, false);
        var select =
                filter.aspect() == null
                        ? "select m.publishedAt, m.label, m.score from ScoredMention m where "
                        : "select m.publishedAt, a.label, a.score from ScoredMention m join"
                                + " m.aspects a where a.aspect = :aspect and ";
        if (filter.aspect() != null) {
            params.put("aspect", filter.aspect());
        }
        var query = getEntityManager().createQuery(select + where, Object[].class);
        params.forEach(query::setParameter);
        query.setHint("org.hibernate.fetchSize", 1000);
        query.setHint("org.hibernate.readOnly", true);
        return query.getResultStream()
                .map(r -> new Point((Instant) r[0], (SentimentLabel) r[1], (Double) r[2]));
    }

    /** One page of matching mentions, newest first. */
    public List<ScoredMention> search(Filter filter, int page, int size) {
        var params = new HashMap<String, Object>();
        var where = where(filter, params, true);
        return find(
                        "from ScoredMention m where "
                                + where
                                + " order by m.publishedAt desc, m.mentionId",
                        params)
                .page(Page.of(page, size))
                .list();
    }

    public long countMatching(Filter filter) {
        var params = new HashMap<String, Object>();
        return count("from ScoredMention m where " + where(filter, params, true), params);
    }

    /** Mentions scored by another model than {@code modelVersion}, oldest id first. */
    public List<ScoredMention> scoredByOtherModel(String modelVersion, UUID after, int limit) {
        return find("modelVersion <> ?1 and mentionId > ?2 order by mentionId", modelVersion, after)
                .page(Page.ofSize(limit))
                .list();
    }

    private static String where(Filter f, Map<String, Object> params, boolean aspectAsExists) {
        var where =
                new StringBuilder(
                        "m.brandId = :brand and m.publishedAt >= :from and m.publishedAt < :to");
        params.put("brand", f.brandId());
        params.put("from", f.from());
        params.put("to", f.to());
        if (f.facilityId() != null) {
            where.append(" and m.facilityId = :facility");
            params.put("facility", f.facilityId());
        }
        if (f.source() != null) {
            where.append(" and m.source = :source");
            params.put("source", f.source());
        }
        if (f.label() != null) {
            where.append(" and m.label = :label");
            params.put("label", f.label());
        }
        if (f.text() != null) {
            where.append(" and lower(m.text) like :text escape '!'");
            params.put("text", "%" + escapeLike(f.text().toLowerCase()) + "%");
        }
        if (aspectAsExists && f.aspect() != null) {
            where.append(" and exists (select 1 from m.aspects a where a.aspect = :aspect)");
            params.put("aspect", f.aspect());
        }
        return where.toString();
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
