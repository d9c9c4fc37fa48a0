package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SentimentHistoryResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject ScoredMentionRepository repository;

    private void store(
            String brand, String at, SentimentLabel label, double score, String... aspects) {
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                repository.persist(
                                        Mentions.scored(
                                                brand,
                                                Instant.parse(at),
                                                label,
                                                score,
                                                "mastodon",
                                                "a post",
                                                aspects)));
    }

    @Test
    void dayBucketsOfNewYorkLast23HoursInMarchAnd25InNovember() {
        var brand = Mentions.freshBrand();
        // 23:30 on March 7 in New York (EST), then 23:30 on March 8 (EDT): both late evening.
        store(brand, "2026-03-08T04:30:00Z", SentimentLabel.NEGATIVE, -0.5);
        store(brand, "2026-03-09T03:30:00Z", SentimentLabel.POSITIVE, 0.75);
        store(brand, "2026-03-09T03:40:00Z", SentimentLabel.NEUTRAL, 0.25);

        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("from", "2026-03-07T05:00:00Z")
                .queryParam("to", "2026-03-10T04:00:00Z")
                .queryParam("bucket", "day")
                .queryParam("tz", "America/New_York")
                .when()
                .get("/api/brands/{brand}/sentiment", brand)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("tz", equalTo("America/New_York"))
                .body("buckets", hasSize(3))
                .body("buckets[0].start", equalTo("2026-03-07T00:00:00-05:00"))
                .body("buckets[0].volume", equalTo(1))
                .body("buckets[0].negative", equalTo(1))
                .body("buckets[1].start", equalTo("2026-03-08T00:00:00-05:00"))
                .body("buckets[1].end", equalTo("2026-03-09T00:00:00-04:00"))
                .body("buckets[1].volume", equalTo(2))
                .body("buckets[1].positive", equalTo(1))
                .body("buckets[1].neutral", equalTo(1))
                .body("buckets[1].meanScore", equalTo(0.5f))
                .body("buckets[2].volume", equalTo(0))
                .body("buckets[2].meanScore", nullValue());

        store(brand, "2026-11-02T04:30:00Z", SentimentLabel.NEGATIVE, -1.0);
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("from", "2026-11-01T04:00:00Z")
                .queryParam("to", "2026-11-02T05:00:00Z")
                .queryParam("bucket", "day")
                .queryParam("tz", "America/New_York")
                .when()
                .get("/api/brands/{brand}/sentiment", brand)
                .then()
                .statusCode(200)
                .body("buckets", hasSize(1))
                .body("buckets[0].start", equalTo("2026-11-01T00:00:00-04:00"))
                .body("buckets[0].end", equalTo("2026-11-02T00:00:00-05:00"))
                .body("buckets[0].volume", equalTo(1));
    }

    @Test
    void anAspectFilterCountsTheAspectsOwnSentiment() {
        var brand = Mentions.freshBrand();
        store(brand, "2026-06-01T10:05:00Z", SentimentLabel.POSITIVE, 0.5, "parking:NEGATIVE");
        store(brand, "2026-06-01T10:10:00Z", SentimentLabel.NEGATIVE, -0.5, "food:NEGATIVE");

        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("from", "2026-06-01T10:00:00Z")
                .queryParam("to", "2026-06-01T11:00:00Z")
                .queryParam("aspect", "parking")
                .when()
                .get("/api/brands/{brand}/sentiment", brand)
                .then()
                .statusCode(200)
                .body("bucket", equalTo("hour"))
                .body("buckets", hasSize(1))
                .body("buckets[0].volume", equalTo(1))
                .body("buckets[0].negative", equalTo(1));
    }

    @Test
    void csvExportHasAHeaderAndOneRowPerBucket() {
        var brand = Mentions.freshBrand();
        store(brand, "2026-06-01T10:05:00Z", SentimentLabel.POSITIVE, 0.5);

        var body =
                given().auth()
                        .oauth2(Tokens.analyst())
                        .header("Accept", "text/csv")
                        .queryParam("from", "2026-06-01T10:00:00Z")
                        .queryParam("to", "2026-06-01T12:00:00Z")
                        .when()
                        .get("/api/brands/{brand}/sentiment", brand)
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/csv"))
                        .extract()
                        .asString();

        org.assertj.core.api.Assertions.assertThat(body.split("\r\n"))
                .containsExactly(
                        "start,end,volume,negative,neutral,positive,mean_score",
                        "2026-06-01T10:00Z,2026-06-01T11:00Z,1,0,0,1,0.5",
                        "2026-06-01T11:00Z,2026-06-01T12:00Z,0,0,0,0,");
    }

    @Test
    void badRangesBucketsAndZonesAreProblems() {
        expectProblem("from", "2026-06-02T00:00:00Z", "to", "2026-06-01T00:00:00Z", "from");
        expectProblem("bucket", "week", "from", "2026-06-01T00:00:00Z", "bucket");
        expectProblem("bucket", "minute", "from", "2026-01-01T00:00:00Z", "bucket");
        expectProblem("tz", "Mars/Olympus", "from", "2026-06-01T00:00:00Z", "tz");
        expectProblem("from", "yesterday", "to", "2026-06-01T00:00:00Z", "from");
        expectProblem("from", "2000-01-01T00:00:00Z", "to", "2026-06-01T00:00:00Z", "to");
    }

    private static void expectProblem(
            String name, String value, String otherName, String otherValue, String field) {
        var request =
                given().auth()
                        .oauth2(Tokens.analyst())
                        .queryParam(name, value)
                        .queryParam(otherName, otherValue);
        if (!name.equals("to") && !otherName.equals("to")) {
            request = request.queryParam("to", "2026-06-03T00:00:00Z");
        }
        request.when()
                .get("/api/brands/{brand}/sentiment", "riverside-health")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(field));
    }
}
