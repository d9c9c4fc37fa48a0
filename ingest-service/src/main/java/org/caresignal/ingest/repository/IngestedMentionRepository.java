package org.caresignal.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caresignal.ingest.domain.IngestedMention;
import org.hibernate.Session;

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
     * Records each mention unless it is already known (its id, or its post for its brand) and
     * returns the ids this call recorded; one statement for them all (arrays unnested), so a batch
     * costs one round trip instead of one per mention. Safe against two concurrent acceptances of
     * the same post: the post's first mention always has the post's own id, so the primary key
     * decides; the rows go in in mention-id order, so two such batches take their row locks in the
     * same order and cannot deadlock. Ids must be distinct within the call.
     */
    public Set<UUID> insertAllIfAbsent(List<IngestedMention> mentions) {
        if (mentions.isEmpty()) {
            return Set.of();
        }
        var rows = new ArrayList<>(mentions);
        rows.sort(Comparator.comparing(m -> m.mentionId));
        int n = rows.size();
        var ids = new UUID[n];
        var postIds = new UUID[n];
        var brandIds = new String[n];
        var facilityIds = new String[n];
        var sources = new String[n];
        var externalIds = new String[n];
        var pseudonyms = new String[n];
        var names = new String[n];
        var redactions = new Integer[n];
        // ISO-8601 instants, cast by the database: no session time zone comes into it.
        var acceptedAt = new String[n];
        var integrations = new String[n];
        var languages = new String[n];
        var reposts = new UUID[n];
        var urlHashes = new String[n];
        for (int i = 0; i < n; i++) {
            var m = rows.get(i);
            ids[i] = m.mentionId;
            postIds[i] = m.postId;
            brandIds[i] = m.brandId;
            facilityIds[i] = m.facilityId;
            sources[i] = m.source;
            externalIds[i] = m.externalId;
            pseudonyms[i] = m.authorPseudonym;
            names[i] = m.authorName;
            redactions[i] = m.redactions;
            acceptedAt[i] = m.acceptedAt.toString();
            integrations[i] = m.integration;
            languages[i] = m.language;
            reposts[i] = m.repostOf;
            urlHashes[i] = m.urlHash;
        }
        return getEntityManager()
                .unwrap(Session.class)
                .doReturningWork(
                        connection -> {
                            try (var insert =
                                    connection.prepareStatement(
                                            "insert into ingested_mention (mention_id, post_id,"
                                                    + " brand_id, facility_id, source, external_id,"
                                                    + " author_pseudonym, author_name, redactions,"
                                                    + " accepted_at, integration, language,"
                                                    + " repost_of, url_hash) select * from"
                                                    + " unnest(?::uuid[], ?::uuid[], ?::text[],"
                                                    + " ?::text[], ?::text[], ?::text[], ?::text[],"
                                                    + " ?::text[], ?::int[], ?::timestamptz[],"
                                                    + " ?::text[], ?::text[], ?::uuid[], ?::text[])"
                                                    + " on conflict do nothing returning"
                                                    + " mention_id")) {
                                int p = 1;
                                insert.setArray(p++, connection.createArrayOf("uuid", ids));
                                insert.setArray(p++, connection.createArrayOf("uuid", postIds));
                                insert.setArray(p++, connection.createArrayOf("text", brandIds));
                                insert.setArray(p++, connection.createArrayOf("text", facilityIds));
                                insert.setArray(p++, connection.createArrayOf("text", sources));
                                insert.setArray(p++, connection.createArrayOf("text", externalIds));
                                insert.setArray(p++, connection.createArrayOf("text", pseudonyms));
                                insert.setArray(p++, connection.createArrayOf("text", names));
                                insert.setArray(p++, connection.createArrayOf("int4", redactions));
                                insert.setArray(p++, connection.createArrayOf("text", acceptedAt));
                                insert.setArray(
                                        p++, connection.createArrayOf("text", integrations));
                                insert.setArray(p++, connection.createArrayOf("text", languages));
                                insert.setArray(p++, connection.createArrayOf("uuid", reposts));
                                insert.setArray(p, connection.createArrayOf("text", urlHashes));
                                var inserted = new HashSet<UUID>();
                                try (var result = insert.executeQuery()) {
                                    while (result.next()) {
                                        inserted.add(result.getObject(1, UUID.class));
                                    }
                                }
                                return inserted;
                            }
                        });
    }
}
