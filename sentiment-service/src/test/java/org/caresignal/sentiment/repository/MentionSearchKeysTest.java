package org.caresignal.sentiment.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.caresignal.sentiment.domain.MentionCursor;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.repository.ScoredMentionRepository.Filter;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The word search on the brand-and-month keys of V12 against the search it replaced: for a seeded
 * random set of posts over three months (several brands, labels, sources, facilities, posts without
 * text), every query gives the same mentions in the same order, page after page, as the words
 * matched on the text itself ({@code to_tsvector('simple', text) @@ ...}, the V5 expression) with
 * the filters in plain SQL; and the total is counted up to 10,000 only.
 */
@QuarkusTest
class MentionSearchKeysTest {

    private static final String[] TEXTS = {
        "Parking at the hospital was a nightmare",
        "The parking garage is closed, park on the street",
        "Ambulance bay blocked again",
        "The ambulance crew was kind, parking was easy",
        "Night nurse was wonderful",
        "Billing charged twice for the ambulance",
        "PARKING fees doubled",
        "Visiting hours changed"
    };
    private static final String[] SOURCES = {"mastodon", "reddit", "rss"};
    private static final Instant START = Instant.parse("2026-04-20T00:00:00Z");

    @Inject ScoredMentionRepository repository;
    @Inject EntityManager em;
    @Inject SentimentScorer scorer;

    private List<ScoredMention> store(String brand, String other, long seed) {
        var random = new Random(seed);
        var rows = new ArrayList<ScoredMention>();
        for (int i = 0; i < 240; i++) {
            var row =
                    Mentions.scored(
                            random.nextInt(5) == 0 ? other : brand,
                            // Whole seconds, a few shared, across April to June (three months).
                            START.plusSeconds(random.nextInt(60 * 24 * 3600 / 600) * 600L),
                            SentimentLabel.values()[random.nextInt(3)],
                            0,
                            SOURCES[random.nextInt(SOURCES.length)],
                            random.nextInt(12) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)]);
            row.facilityId = random.nextInt(4) == 0 ? null : brand + "-site-" + random.nextInt(2);
            // The current model's, so that a re-scoring run of another test leaves them alone.
            row.modelVersion = scorer.modelVersion();
            rows.add(row);
        }
        QuarkusTransaction.requiringNew().run(() -> rows.forEach(repository::persist));
        return rows;
    }

    /** The mention ids the V5 way: the words on the text, filters in SQL, newest first. */
    @SuppressWarnings("unchecked")
    private List<UUID> reference(Filter f) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            var sql =
                                    new StringBuilder(
                                            "select m.mention_id from scored_mention m where"
                                                    + " m.brand_id = :brand and m.published_at >="
                                                    + " :from and m.published_at < :to and"
                                                    + " to_tsvector('simple', m.text) @@"
                                                    + " to_tsquery('simple', :words)");
                            if (f.label() != null) {
                                sql.append(" and m.label = '" + f.label().name() + "'");
                            }
                            if (f.source() != null) {
                                sql.append(" and m.source = '" + f.source() + "'");
                            }
                            if (f.facilityId() != null) {
                                sql.append(" and m.facility_id = '" + f.facilityId() + "'");
                            }
                            sql.append(" order by m.published_at desc, m.mention_id");
                            var words =
                                    String.join(
                                            " & ",
                                            List.of(f.text().toLowerCase().split(" ")).stream()
                                                    .map(w -> "'" + w + "':*")
                                                    .toList());
                            return em.createNativeQuery(sql.toString(), UUID.class)
                                    .setParameter("brand", f.brandId())
                                    .setParameter("from", f.from())
                                    .setParameter("to", f.to())
                                    .setParameter("words", words)
                                    .getResultList();
                        });
    }

    /** Every page of the search by cursor, {@code size} at a time. */
    private List<UUID> paged(Filter f, int size) {
        var ids = new ArrayList<UUID>();
        MentionCursor after = null;
        while (true) {
            var cursor = after;
            var page =
                    QuarkusTransaction.requiringNew()
                            .call(() -> repository.search(f, cursor, 0, size));
            page.forEach(m -> ids.add(m.mentionId));
            if (page.size() < size) {
                return ids;
            }
            var last = page.get(page.size() - 1);
            after = new MentionCursor(last.publishedAt, last.mentionId);
        }
    }

    @Test
    void theBrandAndMonthKeysFindWhatTheWordsOnTheTextFoundInTheSameOrder() {
        var brand = Mentions.freshBrand();
        var other = Mentions.freshBrand();
        store(brand, other, 21);
        var random = new Random(5);
        int compared = 0;
        for (int i = 0; i < 40; i++) {
            var from = START.plus(Duration.ofHours(random.nextInt(50 * 24)));
            var to = from.plus(Duration.ofHours(1 + random.nextInt(40 * 24)));
            var words =
                    List.of("park", "parking", "ambulance", "parking was", "nurse", "zebra")
                            .get(random.nextInt(6));
            var filter =
                    new Filter(
                            brand,
                            from,
                            to,
                            random.nextInt(3) == 0 ? brand + "-site-1" : null,
                            random.nextBoolean() ? SOURCES[random.nextInt(3)] : null,
                            null,
                            random.nextBoolean()
                                    ? SentimentLabel.values()[random.nextInt(3)]
                                    : null,
                            words);
            var expected = reference(filter);
            assertThat(paged(filter, 1 + random.nextInt(7))).as("%s", filter).isEqualTo(expected);
            long counted =
                    QuarkusTransaction.requiringNew().call(() -> repository.countMatching(filter));
            assertThat(counted).isEqualTo(expected.size());
            compared += expected.isEmpty() ? 0 : 1;
        }
        // Most queries match something: not a comparison of empty answers.
        assertThat(compared).isGreaterThan(20);
    }

    @Test
    void theSearchUsesTheBrandAndMonthKeysIndex() {
        var brand = Mentions.freshBrand();
        store(brand, Mentions.freshBrand(), 3);
        // Enough rows without the word that the planner has a choice.
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            em.createNativeQuery(
                                            "insert into scored_mention (mention_id, brand_id,"
                                                    + " source, text, published_at, score, label,"
                                                    + " model_version, scored_at, scored_event_id)"
                                                    + " select gen_random_uuid(), :brand, 'reddit',"
                                                    + " 'routine post number ' || n, timestamptz"
                                                    + " '2026-04-20T00:00:00Z' + n * interval '10"
                                                    + " minutes', 0, 'NEGATIVE', :model, now(),"
                                                    + " gen_random_uuid() from generate_series(1,"
                                                    + " 5000) n")
                                    .setParameter("brand", brand)
                                    .setParameter("model", scorer.modelVersion())
                                    .executeUpdate();
                            em.createNativeQuery("analyze scored_mention").executeUpdate();
                        });
        var filter =
                new Filter(
                        brand,
                        START,
                        START.plus(Duration.ofDays(40)),
                        null,
                        "reddit",
                        null,
                        SentimentLabel.NEGATIVE,
                        "ambulance");
        var plan =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    em.createNativeQuery("set local enable_seqscan = off")
                                            .executeUpdate();
                                    var sql = repository.searchSql(filter, null, 0, 51, true);
                                    var explain = em.createNativeQuery("explain " + sql.sql());
                                    sql.parameters().forEach(explain::setParameter);
                                    return String.join(
                                            "\n",
                                            explain.getResultList().stream()
                                                    .map(Object::toString)
                                                    .toList());
                                });
        assertThat(plan).contains("scored_mention_search_keys_idx");
    }

    @Test
    void theTotalIsCountedUpTo10000AndSaysWhenMoreMatch() {
        var brand = Mentions.freshBrand();
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                em.createNativeQuery(
                                                "insert into scored_mention (mention_id,"
                                                        + " brand_id, source, text, published_at,"
                                                        + " score, label, model_version,"
                                                        + " scored_at, scored_event_id) select"
                                                        + " gen_random_uuid(), :brand,"
                                                        + " case when n <= 10000 then 'rss' else"
                                                        + " 'reddit' end, 'parking full ' || n,"
                                                        + " timestamptz '2026-06-01T00:00:00Z' +"
                                                        + " n * interval '1 second', 0,"
                                                        + " 'NEUTRAL', :model, now(),"
                                                        + " gen_random_uuid() from"
                                                        + " generate_series(1, 10002) n")
                                        .setParameter("brand", brand)
                                        .setParameter("model", scorer.modelVersion())
                                        .executeUpdate());

        // 10,002 match: more than 10,000.
        var all = page(brand, null);
        assertThat(all.<Integer>path("total")).isEqualTo(10_000);
        assertThat(all.<Boolean>path("totalCapped")).isTrue();
        var words = page(brand, "&q=parking");
        assertThat(words.<Integer>path("total")).isEqualTo(10_000);
        assertThat(words.<Boolean>path("totalCapped")).isTrue();
        // Exactly 10,000 match: counted, not capped.
        var rss = page(brand, "&source=rss&q=park");
        assertThat(rss.<Integer>path("total")).isEqualTo(10_000);
        assertThat(rss.<Boolean>path("totalCapped")).isFalse();
        var reddit = page(brand, "&source=reddit");
        assertThat(reddit.<Integer>path("total")).isEqualTo(2);
        assertThat(reddit.<Boolean>path("totalCapped")).isFalse();
        // A cursor's page counts nothing.
        var next =
                page(
                        brand,
                        "&cursor="
                                + java.net.URLEncoder.encode(
                                        all.<String>path("nextCursor"),
                                        java.nio.charset.StandardCharsets.UTF_8));
        assertThat(next.<Object>path("total")).isNull();
        assertThat(next.<Object>path("totalCapped")).isNull();
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response>
            page(String brand, String extra) {
        var query =
                "/api/mentions?brand="
                        + brand
                        + "&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z&size=5"
                        + (extra == null ? "" : extra);
        return given().auth()
                .oauth2(Tokens.analyst())
                .urlEncodingEnabled(false)
                .get(query)
                .then()
                .statusCode(200)
                .extract();
    }
}
