package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository.Filter;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The mention search pages by cursor (keyset: no row lost or repeated, even with rows arriving
 * between pages), bounds page numbers, and finds words through the full-text index.
 */
@QuarkusTest
class MentionSearchPagingTest {

    @Inject ScoredMentionRepository repository;
    @Inject EntityManager em;
    @Inject SentimentScorer scorer;

    @Test
    void followingNextCursorVisitsEveryMatchOnceInOrderEvenWithTiesAndNewArrivals() {
        var brand = Mentions.freshBrand();
        var rows = new ArrayList<ScoredMention>();
        // Three share one instant: the mention id breaks the tie.
        for (var at :
                List.of(
                        "2026-06-01T10:00:00Z",
                        "2026-06-01T11:00:00Z",
                        "2026-06-01T11:00:00Z",
                        "2026-06-01T11:00:00Z",
                        "2026-06-01T12:00:00Z",
                        "2026-06-01T13:00:00Z",
                        "2026-06-01T14:00:00Z")) {
            rows.add(store(brand, at, "Parking garage full again"));
        }
        var expected =
                rows.stream()
                        .sorted(
                                Comparator.comparing((ScoredMention m) -> m.publishedAt)
                                        .reversed()
                                        .thenComparing(m -> m.mentionId.toString()))
                        .map(m -> m.mentionId.toString())
                        .toList();

        var first = page(brand, "park", null);
        assertThat(first.<Integer>path("total")).isEqualTo(7);
        var seen = new ArrayList<String>(first.<List<String>>path("items.mentionId"));
        String cursor = first.path("nextCursor");
        // A newer post arriving now would shift an OFFSET page by one; the cursor does not care.
        store(brand, "2026-06-01T15:00:00Z", "Parking again");
        while (cursor != null) {
            var next = page(brand, "park", cursor);
            assertThat(next.<Object>path("total")).isNull();
            seen.addAll(next.<List<String>>path("items.mentionId"));
            cursor = next.path("nextCursor");
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void wordsMatchWholeOrAsPrefixCaseInsensitiveAndAllMustMatch() {
        var brand = Mentions.freshBrand();
        var parking = store(brand, "2026-06-01T10:00:00Z", "The PARKING lot was a nightmare");
        var garage = store(brand, "2026-06-01T11:00:00Z", "Garage parking, 100% full");
        store(brand, "2026-06-01T12:00:00Z", "Lovely nurses on 4B");

        assertThat(search(brand, "parking")).containsExactly(id(garage), id(parking));
        assertThat(search(brand, "park")).containsExactly(id(garage), id(parking));
        assertThat(search(brand, "park garage")).containsExactly(id(garage));
        assertThat(search(brand, "100%")).containsExactly(id(garage));
        assertThat(search(brand, "o'brien")).isEmpty();
        assertThat(search(brand, "arking")).isEmpty();
    }

    @Test
    void pageNumbersStopAtRowTenThousandAndACursorIsCheckedAndExclusive() {
        var brand = Mentions.freshBrand();
        problem(brand, "page", "201", null, null, "page");
        problem(brand, "page", "51", "size", "200", null);
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("page", "200")
                .get("/api/mentions")
                .then()
                .statusCode(200);
        problem(brand, "cursor", "bm90IGEgY3Vyc29y", null, null, "cursor");
        problem(brand, "q", "%%% !!", null, null, "q");
        var any = store(brand, "2026-06-01T10:00:00Z", "x");
        var token =
                new org.caresignal.sentiment.domain.MentionCursor(any.publishedAt, any.mentionId)
                        .token();
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("cursor", token)
                .queryParam("page", "1")
                .get("/api/mentions")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("cursor"));
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("from", "2026-06-01T00:00:00Z")
                .queryParam("to", "2026-06-02T00:00:00Z")
                .queryParam("cursor", token)
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .body("items", org.hamcrest.Matchers.empty())
                .body("nextCursor", nullValue());
    }

    @Test
    void theTextSearchRunsOnTheFullTextIndex() {
        var brand = Mentions.freshBrand();
        // Enough rows that the planner has a choice, one of them holding the word; scored by the
        // current model, so that a re-scoring run elsewhere leaves them alone.
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                em.createNativeQuery(
                                                "insert into scored_mention (mention_id,"
                                                        + " brand_id, source, text, published_at,"
                                                        + " score, label, model_version,"
                                                        + " scored_at, scored_event_id) select"
                                                        + " gen_random_uuid(), :brand, 'rss',"
                                                        + " 'routine post number ' || n,"
                                                        + " timestamptz '2026-06-01T00:00:00Z' +"
                                                        + " n * interval '1 second', 0,"
                                                        + " 'NEUTRAL', :model, now(),"
                                                        + " gen_random_uuid() from"
                                                        + " generate_series(1, 5000) n")
                                        .setParameter("brand", brand)
                                        .setParameter("model", scorer.modelVersion())
                                        .executeUpdate());
        store(brand, "2026-06-01T03:00:00Z", "A zebracrossing outside the ER");
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("analyze scored_mention").executeUpdate());

        var filter =
                new Filter(
                        brand,
                        Instant.parse("2026-06-01T00:00:00Z"),
                        Instant.parse("2026-06-02T00:00:00Z"),
                        null,
                        null,
                        null,
                        null,
                        "zebra");
        var plan =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    em.createNativeQuery("set local enable_seqscan = off")
                                            .executeUpdate();
                                    var sql = repository.searchSql(filter, null, 0, 51, false);
                                    var explain = em.createNativeQuery("explain " + sql.sql());
                                    sql.parameters().forEach(explain::setParameter);
                                    return String.join(
                                            "\n",
                                            explain.getResultList().stream()
                                                    .map(Object::toString)
                                                    .toList());
                                });
        assertThat(plan).contains("scored_mention_search_keys_idx").doesNotContain("like");
        assertThat(search(brand, "zebra")).hasSize(1);
    }

    private ScoredMention store(String brand, String at, String text) {
        var row =
                Mentions.scored(
                        brand, Instant.parse(at), SentimentLabel.NEGATIVE, -0.5, "rss", text);
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        return row;
    }

    private static String id(ScoredMention m) {
        return m.mentionId.toString();
    }

    private static ExtractableResponse<Response> page(String brand, String q, String cursor) {
        var request =
                given().auth()
                        .oauth2(Tokens.analyst())
                        .queryParam("brand", brand)
                        .queryParam("from", "2026-06-01T00:00:00Z")
                        .queryParam("to", "2026-06-02T00:00:00Z")
                        .queryParam("q", q)
                        .queryParam("size", "3");
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/mentions").then().statusCode(200).extract();
    }

    private static List<String> search(String brand, String q) {
        return given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("from", "2026-06-01T00:00:00Z")
                .queryParam("to", "2026-06-02T00:00:00Z")
                .queryParam("q", q)
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .extract()
                .path("items.mentionId");
    }

    private static void problem(
            String brand, String name, String value, String name2, String value2, String field) {
        var request =
                given().auth()
                        .oauth2(Tokens.analyst())
                        .queryParam("brand", brand)
                        .queryParam(name, value);
        if (name2 != null) {
            request.queryParam(name2, value2);
        }
        var then = request.get("/api/mentions").then().statusCode(400);
        then.contentType("application/problem+json")
                .body("violations[0].field", equalTo(field == null ? name : field));
    }
}
