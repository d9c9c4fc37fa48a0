package org.caresignal.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.service.MentionCountService;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.FailingResource;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BrandStatsResourceTest {

    @Inject MentionCountService counting;

    private static ValidatableResponse stats(String brand, String query) {
        return Api.asViewer().get("/api/brands/" + brand + "/stats" + query).then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("status", equalTo(status))
                .body("title", not(nullValue()));
    }

    @Test
    void servesTotalsAndTheNonEmptyBucketsOldestFirst() {
        var brand = ScoredMentions.uniqueBrand();
        counting.count(
                ScoredMentions.mention(brand, SentimentLabel.POSITIVE, "2026-11-24T14:12:00Z"));
        counting.count(
                ScoredMentions.mention(brand, SentimentLabel.NEGATIVE, "2026-11-24T14:03:00Z"));
        counting.count(
                ScoredMentions.mention(brand, SentimentLabel.NEUTRAL, "2026-11-24T14:04:59Z"));
        counting.count(
                ScoredMentions.mention(brand, SentimentLabel.NEGATIVE, "2026-11-24T14:00:00Z"));
        // Outside the window asked for below.
        counting.count(
                ScoredMentions.mention(brand, SentimentLabel.NEGATIVE, "2026-11-24T15:00:00Z"));

        stats(brand, "?from=2026-11-24T14:00:00Z&to=2026-11-24T15:00:00Z")
                .statusCode(200)
                .contentType("application/json")
                .body("brandId", equalTo(brand))
                .body("from", equalTo("2026-11-24T14:00:00Z"))
                .body("to", equalTo("2026-11-24T15:00:00Z"))
                .body("bucketMinutes", equalTo(5))
                .body("totals.total", equalTo(4))
                .body("totals.negative", equalTo(2))
                .body("totals.neutral", equalTo(1))
                .body("totals.positive", equalTo(1))
                .body("buckets.start", contains("2026-11-24T14:00:00Z", "2026-11-24T14:10:00Z"))
                .body("buckets.total", contains(3, 1))
                .body("buckets.negative", contains(2, 0))
                .body("buckets.neutral", contains(1, 0))
                .body("buckets.positive", contains(0, 1));
    }

    @Test
    void aBucketOverlappingTheStartOfTheWindowIsIncluded() {
        var brand = ScoredMentions.uniqueBrand();
        counting.count(
                ScoredMentions.mention(brand, SentimentLabel.NEUTRAL, "2026-11-24T14:01:00Z"));

        stats(brand, "?from=2026-11-24T14:02:00Z&to=2026-11-24T14:10:00Z")
                .statusCode(200)
                .body("totals.total", equalTo(1))
                .body("buckets.start", contains("2026-11-24T14:00:00Z"));
    }

    @Test
    void anUnknownBrandHasZeroTotalsAndNoBuckets() {
        stats(ScoredMentions.uniqueBrand(), "")
                .statusCode(200)
                .body("bucketMinutes", equalTo(5))
                .body("totals.total", equalTo(0))
                .body("totals.negative", equalTo(0))
                .body("totals.neutral", equalTo(0))
                .body("totals.positive", equalTo(0))
                .body("buckets", empty());
    }

    @Test
    void withoutParametersTheWindowIsTheLast24Hours() {
        var body = stats(ScoredMentions.uniqueBrand(), "").statusCode(200).extract().jsonPath();

        var from = Instant.parse(body.getString("from"));
        var to = Instant.parse(body.getString("to"));
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(24));
        assertThat(to).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void aBrandIdThatIsNotASlugIs400() {
        problem(stats("Riverside_Health", ""), 400)
                .body("detail", containsString("brandId"))
                .body("violations.field", contains("brandId"))
                .body("instance", equalTo("/api/brands/Riverside_Health/stats"));
    }

    @Test
    void anUnparseableFromIs400NamingFrom() {
        problem(stats(ScoredMentions.uniqueBrand(), "?from=yesterday"), 400)
                .body("detail", containsString("from must be an ISO-8601 instant"))
                .body("violations.field", contains("from"));
    }

    @Test
    void anUnparseableToIs400NamingTo() {
        problem(stats(ScoredMentions.uniqueBrand(), "?to=2026-11-24"), 400)
                .body("detail", containsString("to must be an ISO-8601 instant"))
                .body("violations.field", contains("to"));
    }

    @Test
    void fromEqualToToIs400() {
        problem(
                        stats(
                                ScoredMentions.uniqueBrand(),
                                "?from=2026-11-24T00:00:00Z&to=2026-11-24T00:00:00Z"),
                        400)
                .body("detail", containsString("from must be before to"))
                .body("violations.field", contains("from"));
    }

    @Test
    void fromAfterToIs400() {
        problem(
                        stats(
                                ScoredMentions.uniqueBrand(),
                                "?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z"),
                        400)
                .body("detail", containsString("from must be before to"));
    }

    @Test
    void aRangeOver92DaysIs400() {
        problem(
                        stats(
                                ScoredMentions.uniqueBrand(),
                                "?from=2026-08-23T23:59:59Z&to=2026-11-24T00:00:00Z"),
                        400)
                .body("detail", containsString("at most 92 days"))
                .body("violations.field", contains("from"));
    }

    @Test
    void anUnknownPathIs404Problem() {
        problem(Api.asViewer().get("/api/nothing-here").then(), 404);
    }

    @Test
    void anUnsupportedMethodIs405Problem() {
        problem(Api.asViewer().post("/api/brands/riverside-health/stats").then(), 405);
    }

    @Test
    void anUnexpectedErrorIs500WithoutInternals() {
        problem(given().get("/test-only/failure").then(), 500)
                .body(not(containsString(FailingResource.SECRET)))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at org.")));
    }
}
