package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

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

/**
 * GET /api/brands/{id}/aspects counts the aspect rows by the brand, facility and publication time
 * they carry (copied from their mention on insert) and by the mention's source.
 */
@QuarkusTest
class AspectCountsTest {

    private static final Instant DAY = Instant.parse("2026-06-01T00:00:00Z");

    @Inject ScoredMentionRepository repository;

    @Test
    void aspectsAreCountedByRangeFacilityAndSourceOfTheirMention() {
        var brand = Mentions.freshBrand();
        store(brand, "north", "mastodon", "2026-06-01T10:00:00Z", "emergency-wait:NEGATIVE");
        store(brand, "north", "reddit", "2026-06-01T11:00:00Z", "emergency-wait:NEGATIVE");
        store(brand, "south", "mastodon", "2026-06-01T12:00:00Z", "parking:POSITIVE");
        // Outside the range, and another brand's: not counted.
        store(brand, "north", "mastodon", "2026-06-02T10:00:00Z", "billing:NEGATIVE");
        store(
                Mentions.freshBrand(),
                "north",
                "mastodon",
                "2026-06-01T10:00:00Z",
                "billing:NEGATIVE");

        aspects(brand, null, null)
                .body("aspects.aspect", contains("emergency-wait", "parking"))
                .body("aspects[0].negative", equalTo(2))
                .body("aspects[1].positive", equalTo(1));
        aspects(brand, "south", null)
                .body("aspects.aspect", contains("parking"))
                .body("aspects[0].total", equalTo(1));
        aspects(brand, "north", "reddit")
                .body("aspects.aspect", contains("emergency-wait"))
                .body("aspects[0].negative", equalTo(1));
    }

    private io.restassured.response.ValidatableResponse aspects(
            String brand, String facility, String source) {
        var request =
                given().auth()
                        .oauth2(Tokens.viewer())
                        .queryParam("from", DAY.toString())
                        .queryParam("to", DAY.plusSeconds(86_400).toString());
        if (facility != null) {
            request = request.queryParam("facility", facility);
        }
        if (source != null) {
            request = request.queryParam("source", source);
        }
        return request.when().get("/api/brands/{brand}/aspects", brand).then().statusCode(200);
    }

    private void store(
            String brand, String facility, String source, String publishedAt, String aspect) {
        ScoredMention row =
                Mentions.scored(
                        brand,
                        Instant.parse(publishedAt),
                        SentimentLabel.NEUTRAL,
                        0.0,
                        source,
                        "text of " + aspect,
                        aspect);
        row.facilityId = facility;
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
    }
}
