package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.ErasureMatchService;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * POST /api/erasure-matches: phrase (case-insensitive substring, inside words too) within brand and
 * [from, to), or exact URL; erased and purged mentions never match; ids only, capped at 10,001;
 * audited without the phrase; problems for bad input.
 */
@QuarkusTest
class ErasureMatchResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject ScoredMentionRepository repository;
    @Inject EntityManager entityManager;
    @Inject SentimentScorer scorer;

    private ScoredMention store(String brand, String at, String text, String url) {
        var row =
                Mentions.scored(
                        brand, Instant.parse(at), SentimentLabel.NEGATIVE, -0.5, "mastodon", text);
        row.url = url;
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        return row;
    }

    private static io.restassured.response.ValidatableResponse match(
            String token, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/erasure-matches")
                .then();
    }

    @Test
    void aPhraseMatchesCaseInsensitivelyAnywhereInTheTextWithinBrandAndRangeOldestFirst() {
        var brand = Mentions.freshBrand();
        var later = store(brand, "2026-06-02T10:00:00Z", "My mother JOHNSTON was on ward 4", null);
        var first = store(brand, "2026-06-01T10:00:00Z", "ask for mrs johnston at the desk", null);
        store(brand, "2026-06-01T11:00:00Z", "nothing about her", null);
        store(brand, "2026-05-31T23:59:59Z", "johnston before the range", null);
        store(brand, "2026-06-03T00:00:00Z", "johnston at the end, excluded", null);
        store(Mentions.freshBrand(), "2026-06-01T10:00:00Z", "johnston of another brand", null);

        var user = Tokens.freshUser("eraser");
        var ids =
                match(
                                Tokens.of(user, Roles.ADMIN),
                                Map.of(
                                        "brandId", brand,
                                        "phrase", "ohnsto",
                                        "from", "2026-06-01T00:00:00Z",
                                        "to", "2026-06-03T00:00:00Z"))
                        .statusCode(200)
                        .contentType("application/json")
                        .body("count", equalTo(2))
                        .extract()
                        .jsonPath()
                        .getList("mentionIds", String.class);
        assertThat(ids).containsExactly(first.mentionId.toString(), later.mentionId.toString());

        var audit =
                given().auth()
                        .oauth2(Tokens.admin())
                        .queryParam("user", user)
                        .when()
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .body("items", hasSize(1))
                        .body("items[0].action", equalTo("erasure.match"))
                        .body("items[0].rowCount", equalTo(2))
                        .body("items[0].detail", equalTo("phraseLength=6"))
                        .extract()
                        .asString();
        assertThat(audit).contains(brand).doesNotContainIgnoringCase("ohnsto");
    }

    @Test
    void aUrlMatchesExactlyAndAnErasedOrPurgedMentionNeverMatches() {
        var brand = Mentions.freshBrand();
        var url = "https://mastodon.example/@someone/" + UUID.randomUUID();
        var held = store(brand, "2026-06-01T10:00:00Z", "a post with a phrase", url);
        store(brand, "2026-06-01T10:00:00Z", "a post with a phrase", url + "/more");
        var erased = store(brand, "2026-06-01T10:00:00Z", "a post with a phrase", url);
        var purged = store(brand, "2026-06-01T10:00:00Z", "a post with a phrase", url);
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            entityManager
                                    .createNativeQuery(
                                            "update scored_mention set text = null, url = null,"
                                                    + " erased_at = now() where mention_id = :id")
                                    .setParameter("id", erased.mentionId)
                                    .executeUpdate();
                            entityManager
                                    .createNativeQuery(
                                            "update scored_mention set text = null, url = null,"
                                                    + " text_purged_at = now() where mention_id ="
                                                    + " :id")
                                    .setParameter("id", purged.mentionId)
                                    .executeUpdate();
                        });

        match(Tokens.admin(), Map.of("url", " " + url + " "))
                .statusCode(200)
                .body("count", equalTo(1))
                .body("mentionIds", equalTo(List.of(held.mentionId.toString())));
        match(
                        Tokens.admin(),
                        Map.of(
                                "brandId", brand,
                                "phrase", "WITH A PHRASE",
                                "from", "2026-06-01T00:00:00Z",
                                "to", "2026-06-02T00:00:00Z"))
                .statusCode(200)
                .body("count", equalTo(2));
    }

    @Test
    void atMost10001IdsAreReturnedSoTheCallerSeesTooMany() {
        var brand = Mentions.freshBrand();
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "insert into scored_mention (mention_id, brand_id,"
                                                        + " source, text, published_at, score, label,"
                                                        + " model_version, scored_at, scored_event_id)"
                                                        + " select gen_random_uuid(), :brand, 'rss',"
                                                        + " 'the same complaint ' || n,"
                                                        + " timestamptz '2026-06-01T00:00:00Z' + n *"
                                                        + " interval '1 second', -0.5, 'NEGATIVE',"
                                                        + " :model, now(), gen_random_uuid() from"
                                                        + " generate_series(1, 10005) n")
                                        .setParameter("brand", brand)
                                        // The running model's: re-scoring tests leave them alone.
                                        .setParameter("model", scorer.modelVersion())
                                        .executeUpdate());

        match(
                        Tokens.admin(),
                        Map.of(
                                "brandId", brand,
                                "phrase", "same complaint",
                                "from", "2026-06-01T00:00:00Z",
                                "to", "2026-06-02T00:00:00Z"))
                .statusCode(200)
                .body("count", equalTo(ErasureMatchService.MAX_IDS))
                .body("mentionIds", hasSize(ErasureMatchService.MAX_IDS));
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        expectProblem(Map.of(), "phrase");
        expectProblem(
                Map.of(
                        "phrase",
                        "johnston",
                        "from",
                        "2026-06-01T00:00:00Z",
                        "to",
                        "2026-06-02T00:00:00Z"),
                "brandId");
        expectProblem(
                Map.of("brandId", "b", "phrase", "johnston", "to", "2026-06-02T00:00:00Z"), "from");
        expectProblem(
                Map.of(
                        "brandId",
                        "b",
                        "phrase",
                        "jo",
                        "from",
                        "2026-06-01T00:00:00Z",
                        "to",
                        "2026-06-02T00:00:00Z"),
                "phrase");
        expectProblem(
                Map.of(
                        "brandId",
                        "b",
                        "phrase",
                        "johnston",
                        "from",
                        "2026-06-02T00:00:00Z",
                        "to",
                        "2026-06-01T00:00:00Z"),
                "from");
        expectProblem(
                Map.of(
                        "brandId",
                        "b",
                        "phrase",
                        "johnston",
                        "from",
                        "2025-01-01T00:00:00Z",
                        "to",
                        "2026-06-01T00:00:00Z"),
                "to");
        expectProblem(Map.of("brandId", "Not A Slug", "url", "https://example.org/p/1"), "brandId");
        expectProblem(Map.of("url", "https://example.org/p/1", "from", "yesterday"), "from");

        given().auth()
                .oauth2(Tokens.admin())
                .contentType("application/json")
                .body("{not json")
                .when()
                .post("/api/erasure-matches")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON);
    }

    private static void expectProblem(Map<String, Object> body, String field) {
        match(Tokens.admin(), body)
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(field));
    }
}
