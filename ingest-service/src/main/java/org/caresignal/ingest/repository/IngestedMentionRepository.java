package org.caresignal.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.caresignal.ingest.domain.IngestedMention;

/** Accepted mentions by id, and the look-ups and blanking of an erasure. */
@ApplicationScoped
public class IngestedMentionRepository implements PanacheRepositoryBase<IngestedMention, UUID> {

    /** A mention an erasure matched, with the identifiers whose hashes it records. */
    public record Match(
            UUID mentionId,
            String brandId,
            String source,
            String externalId,
            String urlHash,
            String authorPseudonym) {}

    private static final String MATCH_COLUMNS =
            "select mention_id, brand_id, source, external_id, url_hash, author_pseudonym from"
                    + " ingested_mention where ";

    /** Mentions of posts with this URL hash, at most {@code limit}. */
    public List<Match> byUrlHash(String urlHash, int limit) {
        return matches(
                MATCH_COLUMNS + "url_hash = ?1 order by mention_id limit ?2", urlHash, limit);
    }

    /** The mentions (one per brand) of this post, by its post id. */
    public List<Match> byPost(UUID postId, int limit) {
        return matches(MATCH_COLUMNS + "post_id = ?1 order by mention_id limit ?2", postId, limit);
    }

    /** Mentions of this author (pseudonym), of one brand or of all when brandId is null. */
    public List<Match> byAuthor(String pseudonym, String brandId, int limit) {
        if (brandId == null) {
            return matches(
                    MATCH_COLUMNS + "author_pseudonym = ?1 order by mention_id limit ?2",
                    pseudonym,
                    limit);
        }
        return matches(
                MATCH_COLUMNS
                        + "author_pseudonym = ?1 and brand_id = ?3 order by mention_id limit ?2",
                pseudonym,
                limit,
                brandId);
    }

    /** The mentions of these ids that are still recorded. */
    public List<Match> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return matches(
                MATCH_COLUMNS + "mention_id in (?1) order by mention_id limit ?2", ids, ids.size());
    }

    /**
     * Whether rows accepted before the URL hash existed (migration 15) still hold their
     * identifiers: only those need sentiment-service to find a URL.
     */
    public boolean hasRowsWithoutUrlHashes() {
        return !getEntityManager()
                .createNativeQuery(
                        "select 1 from ingested_mention m where m.url_hash is null and"
                                + " m.external_id is not null and m.accepted_at < (select"
                                + " h.installed_on from flyway_schema_history h where h.version ="
                                + " '15') limit 1")
                .getResultList()
                .isEmpty();
    }

    /** Blanks the identifiers of these mentions (the rows stay: ids, brand, time, counts). */
    public int blankIdentifiers(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return getEntityManager()
                .createNativeQuery(
                        "update ingested_mention set external_id = null, author_pseudonym = null,"
                                + " author_name = null, url_hash = null where mention_id in (?1)")
                .setParameter(1, ids)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<Match> matches(String sql, Object first, int limit, Object... more) {
        var query =
                getEntityManager()
                        .createNativeQuery(sql)
                        .setParameter(1, first)
                        .setParameter(2, limit);
        for (int i = 0; i < more.length; i++) {
            query.setParameter(3 + i, more[i]);
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Match(
                                        (UUID) r[0],
                                        (String) r[1],
                                        (String) r[2],
                                        (String) r[3],
                                        (String) r[4],
                                        (String) r[5]))
                .toList();
    }

    /**
     * Records the mention unless it is already known (its id, or its post for its brand); true when
     * this call recorded it. Safe against two concurrent acceptances of the same post: the post's
     * first mention always has the post's own id, so the primary key decides.
     */
    public boolean insertIfAbsent(IngestedMention m) {
        return getEntityManager()
                        .createNativeQuery(
                                "insert into ingested_mention (mention_id, brand_id, facility_id,"
                                        + " source, external_id, author_pseudonym, author_name,"
                                        + " redactions, accepted_at, integration, language, repost_of,"
                                        + " post_id, url_hash) values (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                                        + " ?8, ?9, ?10, ?11, ?12, ?13, ?14) on conflict do nothing")
                        .setParameter(1, m.mentionId)
                        .setParameter(2, m.brandId)
                        .setParameter(3, m.facilityId)
                        .setParameter(4, m.source)
                        .setParameter(5, m.externalId)
                        .setParameter(6, m.authorPseudonym)
                        .setParameter(7, m.authorName)
                        .setParameter(8, m.redactions)
                        .setParameter(9, m.acceptedAt)
                        .setParameter(10, m.integration)
                        .setParameter(11, m.language)
                        .setParameter(12, m.repostOf)
                        .setParameter(13, m.postId)
                        .setParameter(14, m.urlHash)
                        .executeUpdate()
                == 1;
    }
}
