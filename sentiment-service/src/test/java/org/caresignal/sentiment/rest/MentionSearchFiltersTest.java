package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The explorer's filters of GET /api/mentions: facility, language, uncertain, ids, and CSV columns.
 */
@QuarkusTest
class MentionSearchFiltersTest {

    private static final Instant AT = Instant.parse("2026-06-03T10:00:00Z");

    @Inject ScoredMentionRepository repository;

    @Test
    void facilityLanguageUncertainAndIdsNarrowTheSearch() {
        var brand = Mentions.freshBrand();
        var north = row(brand, "riverside-north", "en", false, 0);
        var south = row(brand, "riverside-south", "es", true, 1);
        var other = row(brand, "riverside-north", "es", false, 2);
        var elsewhere = row(Mentions.freshBrand(), "riverside-north", "en", false, 3);

        assertThat(search(brand, "facility", "riverside-north"))
                .containsExactlyInAnyOrder(north.mentionId, other.mentionId);
        assertThat(search(brand, "language", "es"))
                .containsExactlyInAnyOrder(south.mentionId, other.mentionId);
        assertThat(search(brand, "uncertain", "true")).containsExactly(south.mentionId);
        assertThat(search(brand, "uncertain", "false")).hasSize(3);

        // ids: exactly those, whatever the brand and time, repeated or comma-separated.
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("ids", north.mentionId + "," + elsewhere.mentionId)
                .queryParam("ids", south.mentionId.toString())
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body(
                        "items.mentionId",
                        containsInAnyOrder(
                                north.mentionId.toString(),
                                south.mentionId.toString(),
                                elsewhere.mentionId.toString()));
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("ids", "not-a-uuid")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("ids"));
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("sort", "loudest")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("sort"));
    }

    @Test
    void theCsvCarriesTheNewColumns() {
        var brand = Mentions.freshBrand();
        var mention = row(brand, "riverside-north", "en", false, 0);
        var csv =
                given().auth()
                        .oauth2(Tokens.analyst())
                        .queryParam("brand", brand)
                        .queryParam("from", "2026-06-03T00:00:00Z")
                        .queryParam("to", "2026-06-04T00:00:00Z")
                        .queryParam("format", "csv")
                        .when()
                        .get("/api/mentions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        var lines = csv.split("\r?\n");
        assertThat(lines[0])
                .endsWith(
                        ",text,reposts,model_label,model_score,corrected,corrected_by,corrected_at,revision");
        assertThat(lines[1])
                .startsWith(mention.mentionId.toString())
                .endsWith(",0,NEGATIVE,-0.5,false,,,0");
    }

    private List<UUID> search(String brand, String name, String value) {
        return given()
                .auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("from", "2026-06-03T00:00:00Z")
                .queryParam("to", "2026-06-04T00:00:00Z")
                .queryParam(name, value)
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.mentionId", String.class)
                .stream()
                .map(UUID::fromString)
                .toList();
    }

    private ScoredMention row(
            String brand, String facility, String language, boolean uncertain, int minutes) {
        var row =
                Mentions.scored(
                        brand,
                        AT.plusSeconds(60L * minutes),
                        SentimentLabel.NEGATIVE,
                        -0.5,
                        "rss",
                        "The wait was long.");
        row.facilityId = facility;
        row.language = language;
        row.uncertain = uncertain;
        row.modelUncertain = uncertain;
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        return row;
    }
}
