package org.caresignal.alert.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caresignal.alert.domain.Certainty;
import org.caresignal.alert.domain.CountedMention;
import org.caresignal.alert.domain.LabelledMention;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.domain.UncertainPolicy;
import org.hibernate.Session;

/** The record of mentions already counted, which makes counting idempotent. */
@ApplicationScoped
public class CountedMentionRepository implements PanacheRepositoryBase<CountedMention, UUID> {

    /**
     * Records {@code mention} as counted into {@code bucketStart} unless it already was; must run
     * in the transaction that updates the bucket.
     *
     * @return true when this call recorded it, false for a mention counted before
     */
    public boolean recordIfAbsent(LabelledMention mention, Instant bucketStart) {
        return recordIfAbsent(mention, bucketStart, null);
    }

    /** {@link #recordIfAbsent(LabelledMention, Instant)} with the excerpt of a negative mention. */
    public boolean recordIfAbsent(LabelledMention mention, Instant bucketStart, String excerpt) {
        // ON CONFLICT instead of a lookup: two concurrent deliveries of one mention cannot both
        // win.
        var inserted =
                getEntityManager()
                        .createNativeQuery(
                                """
                                INSERT INTO counted_mention
                                    (mention_id, brand_id, bucket_start, label, facility_id, url,
                                     excerpt, revision, certainty)
                                VALUES (:mentionId, :brandId, :bucketStart, :label, :facilityId, :url,
                                        :excerpt, :revision, :certainty)
                                ON CONFLICT (mention_id) DO NOTHING
                                """)
                        .setParameter("mentionId", mention.mentionId())
                        .setParameter("brandId", mention.brandId())
                        .setParameter("bucketStart", bucketStart)
                        .setParameter("label", mention.label().name())
                        .setParameter("facilityId", mention.facilityId())
                        .setParameter("url", mention.url())
                        .setParameter("excerpt", excerpt)
                        .setParameter("revision", mention.revision())
                        .setParameter("certainty", mention.certainty().name())
                        .executeUpdate();
        return inserted == 1;
    }

    /** A mention to record as counted, with its bucket and (negative only) its excerpt. */
    public record ToRecord(LabelledMention mention, Instant bucketStart, String excerpt) {}

    private static final String RECORD_ALL =
            """
            INSERT INTO counted_mention
                (mention_id, brand_id, bucket_start, label, facility_id, url, excerpt, revision,
                 certainty)
            SELECT CAST(r.mention_id AS uuid), r.brand_id, CAST(r.bucket_start AS timestamptz),
                   r.label, r.facility_id, r.url, r.excerpt, r.revision, r.certainty
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(? AS int4[]), CAST(? AS text[]))
                AS r(mention_id, brand_id, bucket_start, label, facility_id, url, excerpt,
                     revision, certainty)
            ON CONFLICT (mention_id) DO NOTHING
            RETURNING mention_id
            """;

    /**
     * {@link #recordIfAbsent(LabelledMention, Instant, String)} for each of {@code mentions} (each
     * id at most once), in one statement.
     *
     * @return the ids this call recorded; the others were counted before
     */
    public Set<UUID> recordAllIfAbsent(List<ToRecord> mentions) {
        if (mentions.isEmpty()) {
            return Set.of();
        }
        int n = mentions.size();
        var ids = new String[n];
        var brands = new String[n];
        var buckets = new String[n];
        var labels = new String[n];
        var facilities = new String[n];
        var urls = new String[n];
        var excerpts = new String[n];
        var revisions = new Integer[n];
        var certainties = new String[n];
        for (int i = 0; i < n; i++) {
            var r = mentions.get(i);
            var m = r.mention();
            ids[i] = m.mentionId().toString();
            brands[i] = m.brandId();
            buckets[i] = r.bucketStart().toString();
            labels[i] = m.label().name();
            facilities[i] = m.facilityId();
            urls[i] = m.url();
            excerpts[i] = r.excerpt();
            revisions[i] = m.revision();
            certainties[i] = m.certainty().name();
        }
        return getEntityManager()
                .unwrap(Session.class)
                .doReturningWork(
                        c -> {
                            try (var insert = c.prepareStatement(RECORD_ALL)) {
                                Object[][] columns = {
                                    ids,
                                    brands,
                                    buckets,
                                    labels,
                                    facilities,
                                    urls,
                                    excerpts,
                                    revisions,
                                    certainties
                                };
                                for (int k = 0; k < columns.length; k++) {
                                    insert.setArray(
                                            k + 1,
                                            c.createArrayOf(
                                                    columns[k] instanceof Integer[]
                                                            ? "int4"
                                                            : "text",
                                                    columns[k]));
                                }
                                var recorded = new HashSet<UUID>();
                                try (var rows = insert.executeQuery()) {
                                    while (rows.next()) {
                                        recorded.add(rows.getObject(1, UUID.class));
                                    }
                                }
                                return recorded;
                            }
                        });
    }

    /** {@link #recordAspects} for many just-counted mentions, in one statement. */
    public void recordAllAspects(Map<UUID, ? extends Collection<String>> aspectsByMention) {
        var ids = new ArrayList<String>();
        var aspects = new ArrayList<String>();
        aspectsByMention.forEach(
                (id, names) ->
                        names.forEach(
                                name -> {
                                    ids.add(id.toString());
                                    aspects.add(name);
                                }));
        if (ids.isEmpty()) {
            return;
        }
        getEntityManager()
                .unwrap(Session.class)
                .doWork(
                        c -> {
                            try (var insert =
                                    c.prepareStatement(
                                            "INSERT INTO counted_mention_aspect (mention_id, aspect)"
                                                    + " SELECT CAST(a.mention_id AS uuid), a.aspect"
                                                    + " FROM unnest(CAST(? AS text[]), CAST(? AS"
                                                    + " text[])) AS a(mention_id, aspect)"
                                                    + " ON CONFLICT DO NOTHING")) {
                                insert.setArray(1, c.createArrayOf("text", ids.toArray()));
                                insert.setArray(2, c.createArrayOf("text", aspects.toArray()));
                                insert.executeUpdate();
                            }
                        });
    }

    /**
     * {@link #erased(UUID)} for many mentions: waits for an erasure being applied to commit, then
     * tells which of {@code mentionIds} were erased, in one read.
     */
    public Set<UUID> erasedAmong(Collection<UUID> mentionIds) {
        getEntityManager()
                .createNativeQuery("LOCK TABLE erased_mention IN ROW EXCLUSIVE MODE")
                .executeUpdate();
        if (mentionIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> erased =
                getEntityManager()
                        .createNativeQuery(
                                "SELECT mention_id FROM erased_mention WHERE mention_id ="
                                        + " ANY(CAST(string_to_array(:ids, ',') AS uuid[]))")
                        .setParameter(
                                "ids",
                                mentionIds.stream()
                                        .map(UUID::toString)
                                        .collect(Collectors.joining(",")))
                        .getResultList();
        return new HashSet<>(erased);
    }

    /**
     * How a mention was counted: where (brand, facility, bucket), as what and how sure, at which
     * revision.
     *
     * @param facilityId null for a brand-wide mention
     */
    public record Counted(
            String brandId,
            String facilityId,
            Instant bucketStart,
            SentimentLabel label,
            int revision,
            Certainty certainty) {}

    /**
     * The counted mention, its row locked until the transaction ends, or empty when it was never
     * counted (or already purged). The lock is what makes a revision move a mention exactly once: a
     * second delivery of the same revision waits here and then reads the revision the first one
     * wrote.
     */
    public Optional<Counted> lockCounted(UUID mentionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                getEntityManager()
                        .createNativeQuery(
                                """
                                SELECT brand_id, facility_id, bucket_start, label, revision,
                                       certainty
                                FROM counted_mention WHERE mention_id = :mentionId FOR UPDATE
                                """)
                        .setParameter("mentionId", mentionId)
                        .getResultList();
        return rows.stream()
                .findFirst()
                .map(
                        r ->
                                new Counted(
                                        (String) r[0],
                                        (String) r[1],
                                        toInstant(r[2]),
                                        SentimentLabel.valueOf((String) r[3]),
                                        ((Number) r[4]).intValue(),
                                        Certainty.valueOf((String) r[5])));
    }

    /**
     * Records a later revision of a counted (and locked) mention: its label, certainty and
     * revision, and its excerpt kept only while it is negative. A new excerpt replaces the stored
     * one; without one (no text in the event) a negative mention keeps what it had. A mention whose
     * text the retention purge blanked never gets one back.
     */
    public void recordRevision(
            UUID mentionId,
            SentimentLabel label,
            Certainty certainty,
            int revision,
            String excerpt) {
        getEntityManager()
                .createNativeQuery(
                        """
                        UPDATE counted_mention SET label = :label, revision = :revision,
                            certainty = :certainty,
                            excerpt = CASE WHEN :negative AND text_purged_at IS NULL
                                THEN coalesce(CAST(:excerpt AS varchar), excerpt)
                                ELSE NULL END
                        WHERE mention_id = :mentionId
                        """)
                .setParameter("label", label.name())
                .setParameter("revision", revision)
                .setParameter("certainty", certainty.name())
                .setParameter("negative", label == SentimentLabel.NEGATIVE)
                .setParameter("excerpt", excerpt)
                .setParameter("mentionId", mentionId)
                .executeUpdate();
    }

    /** Replaces the negative aspects recorded for a counted mention by {@code aspects}. */
    public void replaceAspects(UUID mentionId, Collection<String> aspects) {
        getEntityManager()
                .createNativeQuery(
                        "DELETE FROM counted_mention_aspect WHERE mention_id = :mentionId")
                .setParameter("mentionId", mentionId)
                .executeUpdate();
        recordAspects(mentionId, aspects);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value);
    }

    /** Records the aspects a just-counted mention is negative about. */
    public void recordAspects(UUID mentionId, Collection<String> aspects) {
        for (var aspect : aspects) {
            getEntityManager()
                    .createNativeQuery(
                            "INSERT INTO counted_mention_aspect (mention_id, aspect) VALUES"
                                    + " (:mentionId, :aspect) ON CONFLICT DO NOTHING")
                    .setParameter("mentionId", mentionId)
                    .setParameter("aspect", aspect)
                    .executeUpdate();
        }
    }

    /**
     * The SQL condition (on {@code counted_mention} as {@code m}) for a mention the negative
     * triggers count as negative under {@code policy}: a certain NEGATIVE, and under {@code
     * NEGATIVE} an uncertain mention of any label too; never one in a language the model does not
     * read.
     */
    static String countedNegative(UncertainPolicy policy) {
        // Constant text chosen by the enum, never input.
        return policy == UncertainPolicy.NEGATIVE
                ? "((m.label = 'NEGATIVE' AND m.certainty = 'CERTAIN') OR m.certainty = 'UNCERTAIN')"
                : "(m.label = 'NEGATIVE' AND m.certainty = 'CERTAIN')";
    }

    /**
     * The aspects the mentions of a series in {@code [from, to)} counted negative under {@code
     * policy} are negative about, most frequent first: (aspect, number of those mentions).
     */
    public List<Object[]> negativeAspects(
            String brandId,
            String facilityId,
            Instant from,
            Instant to,
            int limit,
            UncertainPolicy policy) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                getEntityManager()
                        .createNativeQuery(
                                """
                                SELECT a.aspect, count(*) FROM counted_mention_aspect a
                                JOIN counted_mention m ON m.mention_id = a.mention_id
                                WHERE m.brand_id = :brandId
                                  AND (CAST(:facilityId AS varchar) IS NULL
                                       OR m.facility_id = CAST(:facilityId AS varchar))
                                  AND m.bucket_start >= :from AND m.bucket_start < :to
                                  AND %s
                                GROUP BY a.aspect
                                ORDER BY count(*) DESC, a.aspect
                                LIMIT :limit
                                """
                                        .formatted(countedNegative(policy)))
                        .setParameter("brandId", brandId)
                        .setParameter("facilityId", facilityId)
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .setParameter("limit", limit)
                        .getResultList();
        return rows;
    }

    /**
     * Waits for an erasure being applied to commit and tells whether the mention was erased; the
     * counting transaction calls it before recording the mention (see {@code ErasureService}).
     */
    public boolean erased(UUID mentionId) {
        // ROW EXCLUSIVE does not conflict with other counting transactions, only with the SHARE
        // ROW EXCLUSIVE lock an erasure holds while it tombstones and blanks its mentions: a
        // mention is either counted before the erasure looks (and blanked by it) or sees its
        // tombstone here (this statement runs after the lock is granted, with a fresh snapshot).
        getEntityManager()
                .createNativeQuery("LOCK TABLE erased_mention IN ROW EXCLUSIVE MODE")
                .executeUpdate();
        return !getEntityManager()
                .createNativeQuery("SELECT 1 FROM erased_mention WHERE mention_id = :id")
                .setParameter("id", mentionId)
                .getResultList()
                .isEmpty();
    }

    /**
     * A few mentions of a series in {@code [from, to)} counted negative under {@code policy},
     * newest first: (id, url, excerpt).
     */
    public List<Object[]> negativeSamples(
            String brandId,
            String facilityId,
            Instant from,
            Instant to,
            int limit,
            UncertainPolicy policy) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                getEntityManager()
                        .createNativeQuery(
                                """
                                SELECT CAST(m.mention_id AS varchar), m.url, m.excerpt
                                FROM counted_mention m
                                WHERE m.brand_id = :brandId
                                  AND (CAST(:facilityId AS varchar) IS NULL
                                       OR m.facility_id = CAST(:facilityId AS varchar))
                                  AND m.bucket_start >= :from AND m.bucket_start < :to
                                  AND %s
                                ORDER BY m.bucket_start DESC, m.counted_at DESC
                                LIMIT :limit
                                """
                                        .formatted(countedNegative(policy)))
                        .setParameter("brandId", brandId)
                        .setParameter("facilityId", facilityId)
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .setParameter("limit", limit)
                        .getResultList();
        return rows;
    }
}
