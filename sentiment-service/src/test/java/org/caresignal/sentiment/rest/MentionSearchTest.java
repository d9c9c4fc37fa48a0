package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MentionSearchTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject ScoredMentionRepository repository;

    private ScoredMention store(
            String brand,
            String at,
            SentimentLabel label,
            String source,
            String text,
            String... aspects) {
        var row = Mentions.scored(brand, Instant.parse(at), label, 0.0, source, text, aspects);
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        return row;
    }

    @Test
    void mentionsAreFilteredSortedNewestFirstAndPaged() {
        var brand = Mentions.freshBrand();
        var older =
                store(
                        brand,
                        "2026-06-01T10:00:00Z",
                        SentimentLabel.NEGATIVE,
                        "mastodon",
                        "Parking was 100% awful",
                        "parking:NEGATIVE");
        var newer =
                store(
                        brand,
                        "2026-06-01T12:00:00Z",
                        SentimentLabel.NEGATIVE,
                        "mastodon",
                        "The PARKING again",
                        "parking:NEGATIVE");
        store(
                brand,
                "2026-06-01T11:00:00Z",
                SentimentLabel.POSITIVE,
                "mastodon",
                "Lovely nurses",
                "nursing-care:POSITIVE");
        store(
                brand,
                "2026-06-01T11:30:00Z",
                SentimentLabel.NEGATIVE,
                "bluesky",
                "parking",
                "parking:NEGATIVE");

        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("from", "2026-06-01T00:00:00Z")
                .queryParam("to", "2026-06-02T00:00:00Z")
                .queryParam("label", "negative")
                .queryParam("aspect", "parking")
                .queryParam("source", "mastodon")
                .queryParam("q", "parking")
                .queryParam("size", "1")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("size", equalTo(1))
                .body("items", hasSize(1))
                .body("items[0].mentionId", equalTo(newer.mentionId.toString()))
                .body("items[0].aspects[0].aspect", equalTo("parking"))
                .body("items[0].url", startsWith("https://"));

        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("from", "2026-06-01T00:00:00Z")
                .queryParam("to", "2026-06-02T00:00:00Z")
                .queryParam("q", "100%")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .body("items.mentionId", contains(older.mentionId.toString()));
    }

    @Test
    void csvExportQuotesTextAndDefusesFormulas() {
        var brand = Mentions.freshBrand();
        store(
                brand,
                "2026-06-01T10:00:00Z",
                SentimentLabel.NEGATIVE,
                "mastodon",
                "=1+1, \"quoted\"");

        var lines =
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
                        .contentType(startsWith("text/csv"))
                        .extract()
                        .asString()
                        .split("\r\n");

        org.assertj.core.api.Assertions.assertThat(lines).hasSize(2);
        org.assertj.core.api.Assertions.assertThat(lines[0]).startsWith("mention_id,published_at");
        org.assertj.core.api.Assertions.assertThat(lines[1]).endsWith(",\"'=1+1, \"\"quoted\"\"\"");
    }

    @Test
    void aCsvExportMayAskForMoreRowsThanAJsonPageButNotUnbounded() {
        var brand = Mentions.freshBrand();
        for (int i = 0; i < 3; i++) {
            store(
                    brand,
                    "2026-06-01T1" + i + ":00:00Z",
                    SentimentLabel.NEUTRAL,
                    "mastodon",
                    "row " + i);
        }
        var lines =
                given().auth()
                        .oauth2(Tokens.analyst())
                        .queryParam("brand", brand)
                        .queryParam("from", "2026-06-01T00:00:00Z")
                        .queryParam("to", "2026-06-02T00:00:00Z")
                        .queryParam("format", "csv")
                        .queryParam("size", "10000")
                        .when()
                        .get("/api/mentions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString()
                        .split("\r\n");
        org.assertj.core.api.Assertions.assertThat(lines).hasSize(4);
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("format", "csv")
                .queryParam("size", "10001")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("size"));
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("size", "10000")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("size"));
    }

    @Test
    void badParametersAreProblems() {
        given().auth()
                .oauth2(Tokens.analyst())
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("brand"));
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", "riverside-health")
                .queryParam("size", "500")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("size"));
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", "riverside-health")
                .queryParam("page", "-1")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("page"));
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", "riverside-health")
                .queryParam("label", "angry")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("label"));
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", "riverside-health")
                .queryParam("from", "2026-06-02T00:00:00Z")
                .queryParam("to", "2026-06-01T00:00:00Z")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("from"));
    }
}
