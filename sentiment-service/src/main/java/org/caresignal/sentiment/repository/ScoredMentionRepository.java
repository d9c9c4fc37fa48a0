package org.caresignal.sentiment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.caresignal.sentiment.domain.MentionCursor;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SearchKeys;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.hibernate.Session;

/** Reads and writes {@link ScoredMention} rows, keyed by mention id. */
@ApplicationScoped
public class ScoredMentionRepository implements PanacheRepositoryBase<ScoredMention, UUID> {

    /**
     * Filters of the history and search queries; null means "any". {@code uncertain} true keeps
     * only uncertain verdicts; {@code ids}, when given, are exactly the mentions wanted (the search
     * then ignores the time range and, when null, the brand).
     */
    public record Filter(
            String brandId,
            Instant from,
            Instant to,
            String facilityId,
            String source,
            String aspect,
            SentimentLabel label,
            String text,
            String language,
            Boolean uncertain,
            List<UUID> ids) {

        public Filter(
                String brandId,
                Instant from,
                Instant to,
                String facilityId,
                String source,
                String aspect,
                SentimentLabel label,
                String text) {
            this(brandId, from, to, facilityId, source, aspect, label, text, null, null, null);
        }

        /** The same filter over [from, to). */
        public Filter withRange(Instant from, Instant to) {
            return new Filter(
                    brandId,
                    from,
                    to,
                    facilityId,
                    source,
                    aspect,
                    label,
                    text,
                    language,
                    uncertain,
                    ids);
        }
    }

    /** The order of a search page. */
    public enum Sort {
        /** Newest first, mention id breaking ties; pages by cursor or number. */
        TIME,
        /** Most reposted first, then newest, then mention id; pages by number only. */
        AMPLIFICATION
    }

    /** One scored point for the history: when, which label, which score. */
    public record Point(Instant publishedAt, SentimentLabel label, double score) {}

    /**
     * The (published at, label, score) of every matching mention, streamed; with an aspect, the
     * aspect's own label and score.
     */
    public Stream<Point> points(Filter filter) {
        var sql =
                filter.aspect() == null
                        ? where(
                                filter,
                                "select m.publishedAt, m.label, m.score from ScoredMention m where ")
                        : where(
                                        filter,
                                        "select m.publishedAt, a.label, a.score from ScoredMention m"
                                                + " join m.aspects a where a.aspect = :aspect and ")
                                .parameter("aspect", filter.aspect());
        var params = sql.parameters();
        var query = getEntityManager().createQuery(sql.sql(), Object[].class);
        params.forEach(query::setParameter);
        query.setHint("org.hibernate.fetchSize", 1000);
        query.setHint("org.hibernate.readOnly", true);
        return query.getResultStream()
                .map(r -> new Point((Instant) r[0], (SentimentLabel) r[1], (Double) r[2]));
    }

    /**
     * A search statement in SQL with its parameters: the form the search runs in, so that a test
     * can ask PostgreSQL for its plan.
     */
    public record SearchSql(String sql, Map<String, Object> parameters) {}

    /**
     * Up to {@code limit} matching mentions, newest first (mention id breaking ties), starting
     * right after {@code after} when given, else after skipping {@code offset} rows. The text
     * filter runs on the full-text index (V5): each word of it, or a word starting with it.
     */
    public List<ScoredMention> search(Filter filter, MentionCursor after, int offset, int limit) {
        return search(filter, Sort.TIME, after, offset, limit);
    }

    /** As {@link #search(Filter, MentionCursor, int, int)}, in the given order. */
    public List<ScoredMention> search(
            Filter filter, Sort sort, MentionCursor after, int offset, int limit) {
        if (sort != Sort.TIME || offset != 0 || filter.text() == null || filter.ids() != null) {
            return searchOnce(filter, sort, after, offset, limit);
        }
        // A word search, newest first: the last day of the range, then the six days before, then
        // the rest. PostgreSQL fetches every match of a range to sort them; a frequent word fills
        // a page from its last day alone instead of from its 16,000 matches of a month, and a
        // rare one costs one or two more index reads. The same rows in the same order as one
        // query over the whole range: the ranges are disjoint and taken newest first.
        var top = filter.to();
        if (after != null && after.publishedAt().plusNanos(1000).isBefore(top)) {
            top = after.publishedAt().plusNanos(1000);
        }
        var rows = new ArrayList<ScoredMention>();
        for (var back : WINDOWS) {
            var from = back == null ? filter.from() : top.minus(back);
            if (from.isBefore(filter.from())) {
                from = filter.from();
            }
            if (!from.isBefore(top)) {
                continue;
            }
            rows.addAll(
                    searchOnce(filter.withRange(from, top), sort, after, 0, limit - rows.size()));
            if (rows.size() >= limit || from.equals(filter.from())) {
                break;
            }
            top = from;
        }
        return rows;
    }

    /**
     * How far back each step of a word search's first pages reaches; null: to the range's start.
     */
    private static final List<Duration> WINDOWS =
            Arrays.asList(Duration.ofDays(1), Duration.ofDays(7), null);

    @SuppressWarnings("unchecked")
    private List<ScoredMention> searchOnce(
            Filter filter, Sort sort, MentionCursor after, int offset, int limit) {
        var sql = searchSql(filter, sort, after, offset, limit, false);
        if (sql == null) {
            return List.of();
        }
        planForTheseValues(filter);
        var query = getEntityManager().createNativeQuery(sql.sql(), ScoredMention.class);
        sql.parameters().forEach(query::setParameter);
        return query.getResultList();
    }

    /**
     * The most a count goes to: page numbers reach row 10,000, and counting a brand's millions of
     * matches to the last one would cost what keyset paging saves.
     */
    public static final int COUNTED_AT_MOST = 10_000;

    /**
     * How many mentions match the filter (any position), counted up to {@link #COUNTED_AT_MOST} +
     * 1: a result over {@link #COUNTED_AT_MOST} means "more than that many".
     */
    public long countMatching(Filter filter) {
        var sql = searchSql(filter, Sort.TIME, null, 0, 0, true);
        if (sql == null) {
            return 0;
        }
        planForTheseValues(filter);
        var query = getEntityManager().createNativeQuery(sql.sql());
        sql.parameters().forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }

    /**
     * The statement {@link #search} runs (or, with {@code count}, {@link #countMatching}); null
     * when the text filter holds no word, so nothing can match.
     */
    public SearchSql searchSql(
            Filter f, MentionCursor after, int offset, int limit, boolean count) {
        return searchSql(f, Sort.TIME, after, offset, limit, count);
    }

    /** As {@link #searchSql(Filter, MentionCursor, int, int, boolean)}, in the given order. */
    public SearchSql searchSql(
            Filter f, Sort sort, MentionCursor after, int offset, int limit, boolean count) {
        // The count selects no column, so that PostgreSQL may count from the index alone.
        var sql = new FilterSql(count ? "select from" : "select m.* from");
        sql.append(" scored_mention m where true");
        if (f.ids() != null) {
            sql.and(
                    "m.mention_id = any(cast(string_to_array(:ids, ',') as uuid[]))",
                    "ids",
                    String.join(",", f.ids().stream().map(UUID::toString).toList()));
        } else {
            sql.and("m.published_at >= :from", "from", f.from())
                    .and("m.published_at < :to", "to", f.to());
        }
        sql.equal("m.brand_id", "brand", f.brandId()).equal("m.language", "language", f.language());
        if (Boolean.TRUE.equals(f.uncertain())) {
            sql.and("m.uncertain");
        }
        sql.equal("m.facility_id", "facility", f.facilityId())
                .equal("m.source", "source", f.source())
                .equal("m.label", "label", f.label() == null ? null : f.label().name());
        if (f.text() != null) {
            var words = lexemes(f.text());
            if (words.isEmpty()) {
                return null;
            }
            var keys =
                    f.ids() != null
                            ? null
                            : SearchKeys.query(
                                    f.brandId(),
                                    f.from(),
                                    f.to(),
                                    words,
                                    f.facilityId(),
                                    f.source(),
                                    f.label() == null ? null : f.label().name());
            if (keys != null) {
                // The expression of the index of V12, so that PostgreSQL can use it: only the
                // brand's posts of the range's months holding the words (and the label, source
                // and facility asked for) come out of the index.
                var months = new ArrayList<String>();
                for (int i = 0; i < keys.size(); i++) {
                    months.add(
                            "scored_mention_search_keys(m.brand_id, m.published_at,"
                                    + " m.facility_id, m.source, m.label, m.text) @@ cast(:keys"
                                    + i
                                    + " as tsquery)");
                    sql.parameter("keys" + i, keys.get(i));
                }
                sql.and("(" + String.join(" or ", months) + ")");
            } else {
                // Up to 50 mentions by id (or a brand that is no slug): the words on the text.
                sql.and(
                        "to_tsvector('simple', m.text) @@ to_tsquery('simple', :words)",
                        "words",
                        SearchKeys.words(words));
            }
        }
        if (f.aspect() != null) {
            sql.and(
                    "exists (select 1 from mention_aspect a where a.mention_id = m.mention_id and"
                            + " a.aspect = :aspect)",
                    "aspect",
                    f.aspect());
        }
        if (count) {
            return new SearchSql(
                    "select count(*) from (" + sql.sql() + " limit :cap) c",
                    Map.copyOf(sql.parameter("cap", COUNTED_AT_MOST + 1).parameters()));
        }
        if (after != null) {
            sql.and(
                            "(m.published_at < :afterAt or (m.published_at = :afterAt and"
                                    + " m.mention_id > :afterId))",
                            "afterAt",
                            after.publishedAt())
                    .parameter("afterId", after.mentionId());
        }
        sql.append(
                        sort == Sort.AMPLIFICATION
                                ? " order by m.reposts desc, m.published_at desc, m.mention_id"
                                : " order by m.published_at desc, m.mention_id")
                .append(" limit :limit offset :offset")
                .parameter("limit", limit)
                .parameter("offset", offset);
        return new SearchSql(sql.sql(), sql.parameters());
    }

    /**
     * For the rest of the transaction, plans made for the statement's values. The driver prepares a
     * statement run five times, and PostgreSQL may then keep one plan for any values: for a word
     * search that is walking the brand's newest rows and splitting each post (seconds for a rare
     * word of a busy brand) instead of asking the index of V12 (tens of milliseconds).
     */
    private void planForTheseValues(Filter filter) {
        if (filter.text() != null) {
            getEntityManager()
                    .createNativeQuery("set local plan_cache_mode = force_custom_plan")
                    .executeUpdate();
        }
    }

    /**
     * The words of a search text, split by PostgreSQL exactly as the index splits the post text.
     * Lexemes holding a quote or backslash are left out rather than escaped for tsquery.
     */
    private List<String> lexemes(String text) {
        @SuppressWarnings("unchecked")
        List<String> words =
                getEntityManager()
                        .createNativeQuery(
                                "select lexeme from unnest(to_tsvector('simple', :text))"
                                        + " where strpos(lexeme, chr(39)) = 0"
                                        + " and strpos(lexeme, chr(92)) = 0")
                        .setParameter("text", text)
                        .getResultList();
        return words;
    }

    /**
     * Mentions that still hold their text and were scored by another model than {@code
     * modelVersion} or under other phrase rules than their brand's current ones, after {@code
     * after}, oldest id first.
     */
    public List<ScoredMention> toRescore(String modelVersion, UUID after, int limit) {
        @SuppressWarnings("unchecked")
        List<ScoredMention> rows =
                getEntityManager()
                        .createNativeQuery(
                                "select m.* from scored_mention m"
                                        + TO_RESCORE
                                        + " and m.mention_id > :after order by m.mention_id"
                                        + " limit :limit",
                                ScoredMention.class)
                        .setParameter("version", modelVersion)
                        .setParameter("after", after)
                        .setParameter("limit", limit)
                        .getResultList();
        return rows;
    }

    /** How many mentions {@link #toRescore} has left to give. */
    public long countToRescore(String modelVersion) {
        return ((Number)
                        getEntityManager()
                                .createNativeQuery(
                                        "select count(*) from scored_mention m" + TO_RESCORE)
                                .setParameter("version", modelVersion)
                                .getSingleResult())
                .longValue();
    }

    /**
     * Mentions holding text that another model scored, or that were scored under other phrase rules
     * than their brand's current ones (a brand without a rule set has none: ''). A lookup per row
     * rather than a join, so the scan stays the primary key's, in the order the batches need.
     */
    private static final String TO_RESCORE =
            " where m.text is not null and (m.model_version <> :version or m.phrase_rules <>"
                    + " coalesce((select s.fingerprint from phrase_rule_set s where s.brand_id ="
                    + " m.brand_id), ''))";

    /**
     * The ids of mentions still holding text that an erasure would take: within the brand and
     * [from, to) on publication when given, whose text contains {@code phrase} (case-insensitive
     * substring) when given and whose URL is exactly {@code url} when given; oldest first, at most
     * {@code limit}. An erased or purged mention never matches.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> erasureMatches(
            String brandId, Instant from, Instant to, String phrase, String url, int limit) {
        var params = new HashMap<String, Object>();
        var sql =
                new StringBuilder(
                        "select m.mention_id from scored_mention m where m.text is not null");
        if (brandId != null) {
            sql.append(" and m.brand_id = :brand");
            params.put("brand", brandId);
        }
        if (from != null) {
            sql.append(" and m.published_at >= :from");
            params.put("from", from);
        }
        if (to != null) {
            sql.append(" and m.published_at < :to");
            params.put("to", to);
        }
        if (url != null) {
            sql.append(" and m.url = :url");
            params.put("url", url);
        }
        if (phrase != null) {
            // Narrowed by the brand and time index, not by the word index (V5): a phrase may start
            // or end inside a word ("ohn Smit"), which a word index does not find, and an erasure
            // must not miss a post. The range is bounded by the caller.
            sql.append(" and position(lower(:phrase) in lower(m.text)) > 0");
            params.put("phrase", phrase);
        }
        sql.append(" order by m.published_at, m.mention_id limit :limit");
        params.put("limit", limit);
        var query = getEntityManager().createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        return query.getResultList();
    }

    /**
     * Advisory lock namespace of the repost counts ("RPST"); two-key locks never meet one-key ones.
     */
    private static final int REPOST_LOCK = 0x52505354;

    /**
     * Takes the transaction's lock on the repost count of {@code original}: storing the original
     * and storing a repost of it take the same lock, so whichever commits second counts the other.
     */
    public void lockReposts(UUID original) {
        getEntityManager()
                .createNativeQuery(
                        "select count(*) from (select pg_advisory_xact_lock(:ns,"
                                + " hashtext(cast(:id as text)))) l")
                .setParameter("ns", REPOST_LOCK)
                .setParameter("id", original.toString())
                .getSingleResult();
    }

    /**
     * Sets the original's repost count to the number of stored mentions reposting it: counted, not
     * incremented, so that doing it again changes nothing. No row when it is not stored.
     */
    public void recountReposts(UUID original) {
        recountReposts(List.of(original));
    }

    /**
     * {@link #recountReposts(UUID)} for each of {@code originals}, in one statement. A row whose
     * count is right already is not written: a new mention nobody reposts (nearly all of them)
     * would otherwise be written twice, and an update of {@code reposts} is not HOT (an index holds
     * it), so it would put every index entry of the row, the costly search keys included, in twice.
     */
    public void recountReposts(Collection<UUID> originals) {
        if (originals.isEmpty()) {
            return;
        }
        getEntityManager()
                .createNativeQuery(
                        "update scored_mention m set reposts = c.n from (select id, (select"
                                + " count(*) from scored_mention r where r.repost_of = id) as n"
                                + " from unnest(cast(string_to_array(:ids, ',') as uuid[])) id) c"
                                + " where m.mention_id = c.id and m.reposts <> c.n")
                .setParameter("ids", join(originals))
                .executeUpdate();
    }

    /**
     * One more repost of each original for each time it is named in {@code originals}, in one
     * statement; no row for one that is not stored.
     */
    public void addReposts(Collection<UUID> originals) {
        if (originals.isEmpty()) {
            return;
        }
        getEntityManager()
                .createNativeQuery(
                        "update scored_mention m set reposts = m.reposts + d.n from (select id,"
                                + " count(*) as n from unnest(cast(string_to_array(:ids, ',') as"
                                + " uuid[])) id group by id) d where m.mention_id = d.id")
                .setParameter("ids", join(originals))
                .executeUpdate();
    }

    /**
     * {@link #lockReposts(UUID)} for each of {@code originals}, in their order, in one statement:
     * the caller gives the order every transaction locks in (no deadlock between two of them).
     */
    public void lockReposts(List<UUID> originals) {
        if (originals.isEmpty()) {
            return;
        }
        // unnest yields the array in its order, and each row's lock is taken as it is read.
        getEntityManager()
                .createNativeQuery(
                        "select count(*) from (select pg_advisory_xact_lock(:ns, hashtext(k)) from"
                                + " unnest(string_to_array(:keys, ',')) k) l")
                .setParameter("ns", REPOST_LOCK)
                .setParameter("keys", join(originals))
                .getSingleResult();
    }

    /** The stored rows among {@code mentionIds}, by id, read at once. */
    public Map<UUID, ScoredMention> findAllById(Collection<UUID> mentionIds) {
        var found = new HashMap<UUID, ScoredMention>();
        if (!mentionIds.isEmpty()) {
            list("mentionId in ?1", List.copyOf(mentionIds))
                    .forEach(m -> found.put(m.mentionId, m));
        }
        return found;
    }

    /**
     * Inserts new mention rows with their aspect rows: two statements for the whole list, so that
     * the statement-level rollup triggers of V11 run once per batch rather than once per mention. A
     * row whose id is stored already fails the statement (as a persist would): the caller checked
     * first, and only a concurrent insert of the same mention can get there.
     */
    public void insertAll(List<ScoredMention> rows) {
        if (rows.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(c -> insertAll(c, rows));
    }

    private static final String INSERT_MENTIONS =
            "insert into scored_mention (mention_id, brand_id, facility_id, source, external_id,"
                    + " url, text, published_at, language, score, label, uncertain, model_version,"
                    + " scored_at, scored_event_id, model_label, model_score, model_uncertain,"
                    + " revision, phrase_rules, corrected, publish_pending, repost_of)"
                    + " select cast(r.mention_id as uuid), r.brand_id, r.facility_id, r.source,"
                    + " r.external_id, r.url, r.text, cast(r.published_at as timestamptz),"
                    + " r.language, r.score, r.label, r.uncertain, r.model_version,"
                    + " cast(r.scored_at as timestamptz), cast(r.scored_event_id as uuid),"
                    + " r.model_label, r.model_score, r.model_uncertain, r.revision,"
                    + " r.phrase_rules, r.corrected, r.publish_pending, cast(r.repost_of as uuid)"
                    + " from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]),"
                    + " cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as"
                    + " text[]), cast(? as text[]), cast(? as text[]), cast(? as float8[]),"
                    + " cast(? as text[]), cast(? as boolean[]), cast(? as text[]), cast(? as"
                    + " text[]), cast(? as text[]), cast(? as text[]), cast(? as float8[]),"
                    + " cast(? as boolean[]), cast(? as int4[]), cast(? as text[]), cast(? as"
                    + " boolean[]), cast(? as boolean[]), cast(? as text[])) as r(mention_id,"
                    + " brand_id, facility_id, source, external_id, url, text, published_at,"
                    + " language, score, label, uncertain, model_version, scored_at,"
                    + " scored_event_id, model_label, model_score, model_uncertain, revision,"
                    + " phrase_rules, corrected, publish_pending, repost_of)";

    // The mention's brand, facility, time and source are filled in by V9/V11's trigger.
    private static final String INSERT_ASPECTS =
            "insert into mention_aspect (mention_id, aspect, label, score, model_label,"
                    + " model_score) select cast(a.mention_id as uuid), a.aspect, a.label, a.score,"
                    + " a.model_label, a.model_score from unnest(cast(? as text[]), cast(? as"
                    + " text[]), cast(? as text[]), cast(? as float8[]), cast(? as text[]), cast(?"
                    + " as float8[])) as a(mention_id, aspect, label, score, model_label,"
                    + " model_score)";

    private static void insertAll(Connection c, List<ScoredMention> rows) throws SQLException {
        int n = rows.size();
        var columns = new Object[23][];
        for (int k = 0; k < columns.length; k++) {
            columns[k] =
                    switch (k) {
                        case 9, 16 -> new Double[n];
                        case 11, 17, 20, 21 -> new Boolean[n];
                        case 18 -> new Integer[n];
                        default -> new String[n];
                    };
        }
        var aspectRows = new ArrayList<Object[]>();
        for (int i = 0; i < n; i++) {
            var m = rows.get(i);
            Object[] values = {
                m.mentionId.toString(),
                m.brandId,
                m.facilityId,
                m.source,
                m.externalId,
                m.url,
                m.text,
                m.publishedAt.toString(),
                m.language,
                m.score,
                m.label.name(),
                m.uncertain,
                m.modelVersion,
                m.scoredAt.toString(),
                m.scoredEventId.toString(),
                m.modelLabel.name(),
                m.modelScore,
                m.modelUncertain,
                m.revision,
                m.phraseRules,
                m.corrected,
                m.publishPending,
                m.repostOf == null ? null : m.repostOf.toString()
            };
            for (int k = 0; k < values.length; k++) {
                columns[k][i] = values[k];
            }
            for (var a : m.aspects) {
                aspectRows.add(
                        new Object[] {
                            m.mentionId.toString(),
                            a.aspect,
                            a.label.name(),
                            a.score,
                            a.modelLabel == null ? null : a.modelLabel.name(),
                            a.modelScore
                        });
            }
        }
        try (var insert = c.prepareStatement(INSERT_MENTIONS)) {
            for (int k = 0; k < columns.length; k++) {
                insert.setArray(k + 1, c.createArrayOf(sqlType(columns[k]), columns[k]));
            }
            insert.executeUpdate();
        }
        if (aspectRows.isEmpty()) {
            return;
        }
        int a = aspectRows.size();
        Object[][] aspectColumns = {
            new String[a], new String[a], new String[a], new Double[a], new String[a], new Double[a]
        };
        for (int i = 0; i < a; i++) {
            for (int k = 0; k < aspectColumns.length; k++) {
                aspectColumns[k][i] = aspectRows.get(i)[k];
            }
        }
        try (var insert = c.prepareStatement(INSERT_ASPECTS)) {
            for (int k = 0; k < aspectColumns.length; k++) {
                insert.setArray(
                        k + 1, c.createArrayOf(sqlType(aspectColumns[k]), aspectColumns[k]));
            }
            insert.executeUpdate();
        }
    }

    private static String sqlType(Object[] column) {
        if (column instanceof Double[]) {
            return "float8";
        }
        if (column instanceof Boolean[]) {
            return "bool";
        }
        if (column instanceof Integer[]) {
            return "int4";
        }
        return "text";
    }

    // A UUID's text holds no comma; one string parameter instead of one bind variable per id.
    private static String join(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    /** One more repost of {@code original}; no row when it is not stored. */
    public void addRepost(UUID original) {
        getEntityManager()
                .createNativeQuery(
                        "update scored_mention set reposts = reposts + 1 where mention_id = :id")
                .setParameter("id", original)
                .executeUpdate();
    }

    /** One aspect of a brand's mentions: how many mention it, by the aspect's (effective) label. */
    public record AspectCount(
            String aspect, long total, long negative, long neutral, long positive) {}

    /**
     * The aspects of the mentions matching the brand, time range, facility and source, most
     * negative first, then by name.
     */
    public List<AspectCount> aspectCounts(Filter f) {
        var params = new HashMap<String, Object>();
        var sql =
                new StringBuilder(
                        "select a.aspect, count(*), count(*) filter (where a.label = 'NEGATIVE'),"
                                + " count(*) filter (where a.label = 'NEUTRAL'), count(*) filter"
                                + " (where a.label = 'POSITIVE') from mention_aspect a where"
                                + " a.brand_id = :brand and a.published_at >= :from and"
                                + " a.published_at < :to");
        params.put("brand", f.brandId());
        params.put("from", f.from());
        params.put("to", f.to());
        if (f.facilityId() != null) {
            sql.append(" and a.facility_id = :facility");
            params.put("facility", f.facilityId());
        }
        if (f.source() != null) {
            // The aspect rows do not carry the source: only this filter needs the mention.
            sql.append(
                    " and exists (select 1 from scored_mention m where m.mention_id ="
                            + " a.mention_id and m.source = :source)");
            params.put("source", f.source());
        }
        sql.append(" group by a.aspect order by 3 desc, a.aspect");
        var query = getEntityManager().createNativeQuery(sql.toString(), Object[].class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(
                        r ->
                                new AspectCount(
                                        (String) r[0],
                                        ((Number) r[1]).longValue(),
                                        ((Number) r[2]).longValue(),
                                        ((Number) r[3]).longValue(),
                                        ((Number) r[4]).longValue()))
                .toList();
    }

    /**
     * Up to {@code limit} mentions matching the brand, time range, facility and label, most
     * reposted first, then newest.
     */
    @SuppressWarnings("unchecked")
    public List<ScoredMention> mostReposted(Filter f, int limit) {
        var sql = searchSql(f, Sort.AMPLIFICATION, null, 0, limit, false);
        var query = getEntityManager().createNativeQuery(sql.sql(), ScoredMention.class);
        sql.parameters().forEach(query::setParameter);
        return query.getResultList();
    }

    /**
     * Mentions whose last change's MentionScored is not acknowledged, changed before {@code
     * before}.
     */
    public List<ScoredMention> publishPending(Instant before, int limit) {
        return find("publishPending = true and scoredAt < ?1 order by scoredAt", before)
                .page(Page.ofSize(limit))
                .list();
    }

    /** Clears the pending mark if the row still carries the event that was acknowledged. */
    public int clearPublishPending(UUID mentionId, UUID eventId) {
        return update(
                "publishPending = false where mentionId = ?1 and scoredEventId = ?2",
                mentionId,
                eventId);
    }

    private static FilterSql where(Filter f, String select) {
        if (f.text() != null) {
            throw new IllegalArgumentException("a text filter runs only in search()");
        }
        return new FilterSql(select)
                .append("m.brandId = :brand")
                .parameter("brand", f.brandId())
                .and("m.publishedAt >= :from", "from", f.from())
                .and("m.publishedAt < :to", "to", f.to())
                .equal("m.facilityId", "facility", f.facilityId())
                .equal("m.source", "source", f.source())
                .equal("m.label", "label", f.label());
    }
}
