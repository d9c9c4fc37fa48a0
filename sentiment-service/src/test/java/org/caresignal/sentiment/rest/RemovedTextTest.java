package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.event.MentionErased;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.ErasureService;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Every reader of post text copes with a mention whose text, URL and external id were erased: one
 * mention, search (JSON, CSV, words), and re-scoring, which leaves it alone.
 */
@QuarkusTest
class RemovedTextTest {

    private static final String TEXT = "Dr. Okafor told my husband Peter Quill to wait outside";

    @Inject ScoredMentionRepository repository;
    @Inject ErasureService erasures;
    @Inject SentimentScorer scorer;

    private ScoredMention storeErased(String brand) {
        var row =
                Mentions.scored(
                        brand,
                        Instant.parse("2026-06-01T10:00:00Z"),
                        SentimentLabel.NEGATIVE,
                        -0.5,
                        "mastodon",
                        TEXT,
                        "staff:NEGATIVE");
        row.url = "https://mastodon.example/@pquill/1";
        row.externalId = "quill-1";
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        erasures.process(
                new MentionErased(
                        UUID.randomUUID(),
                        "MentionErased",
                        1,
                        Instant.now(),
                        UUID.randomUUID(),
                        "REQUEST",
                        java.util.List.of(new MentionErased.ErasedMention(row.mentionId, brand))));
        return row;
    }

    @Test
    void anErasedMentionIsServedWithoutTextUrlOrExternalIdAndSaysWhy() {
        var row = storeErased(Mentions.freshBrand());

        var body =
                given().auth()
                        .oauth2(Tokens.responder())
                        .when()
                        .get("/api/mentions/{id}", row.mentionId)
                        .then()
                        .statusCode(200)
                        .body("text", nullValue())
                        .body("url", nullValue())
                        .body("externalId", nullValue())
                        .body("aspects", hasSize(0))
                        .body("label", equalTo("NEGATIVE"))
                        .body("textRemoved", equalTo("ERASED"))
                        .extract()
                        .asString();
        assertThat(body).doesNotContain("Quill").doesNotContain("pquill").doesNotContain("quill-1");
    }

    @Test
    void searchListsItWithoutTextNeverMatchesItsWordsAndExportsEmptyCells() {
        var brand = Mentions.freshBrand();
        var row = storeErased(brand);

        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("from", "2026-06-01T00:00:00Z")
                .queryParam("to", "2026-06-02T00:00:00Z")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].mentionId", equalTo(row.mentionId.toString()))
                .body("items[0].text", nullValue())
                .body("items[0].url", nullValue());
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("from", "2026-06-01T00:00:00Z")
                .queryParam("to", "2026-06-02T00:00:00Z")
                .queryParam("q", "quill")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .body("total", equalTo(0))
                .body("items", hasSize(0));
        var csv =
                given().auth()
                        .oauth2(Tokens.analyst())
                        .queryParam("brand", brand)
                        .queryParam("from", "2026-06-01T00:00:00Z")
                        .queryParam("to", "2026-06-02T00:00:00Z")
                        .queryParam("format", "csv")
                        .when()
                        .get("/api/mentions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        var lines = csv.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1])
                .startsWith(row.mentionId.toString())
                .endsWith(",")
                .doesNotContain("Quill");
    }

    @Test
    void reScoringLeavesAMentionWithoutTextAlone() {
        var row = storeErased(Mentions.freshBrand());

        given().auth()
                .oauth2(Tokens.of(Tokens.freshUser("rescorer"), Roles.ADMIN))
                .queryParam("limit", "10000")
                .when()
                .post("/api/rescore")
                .then()
                .statusCode(200);

        var after =
                QuarkusTransaction.requiringNew()
                        .call(() -> repository.findByIdOptional(row.mentionId).orElseThrow());
        assertThat(after.modelVersion)
                .isEqualTo(row.modelVersion)
                .isNotEqualTo(scorer.modelVersion());
        assertThat(after.aspects).isEmpty();
        assertThat(after.text).isNull();
    }
}
