package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.domain.StockSentimentScorer;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.support.KafkaTestClient;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RescoreResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject ScoredMentionRepository repository;
    @Inject SentimentScorer scorer;

    private final KafkaTestClient kafka =
            new KafkaTestClient(
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void mentionsOfAnOlderModelAreUpdatedInPlaceAndRepublishedWithANewEventId() throws Exception {
        var brand = Mentions.freshBrand();
        var old =
                Mentions.scored(
                        brand,
                        Instant.parse("2026-06-01T10:00:00Z"),
                        SentimentLabel.POSITIVE,
                        0.5,
                        "mastodon",
                        "The parking was a horrible nightmare and the nurses were rude.");
        QuarkusTransaction.requiringNew().run(() -> repository.persist(old));
        var oldEventId = old.scoredEventId;

        var admin = Tokens.freshUser("rescorer");
        given().auth()
                .oauth2(Tokens.of(admin, Roles.ADMIN))
                .queryParam("limit", "10000")
                .when()
                .post("/api/rescore")
                .then()
                .statusCode(200)
                .body("modelVersion", equalTo(scorer.modelVersion()))
                .body("rescored", greaterThanOrEqualTo(1))
                .body("remaining", equalTo(0));

        var row = find(old);
        assertThat(row.modelVersion).isEqualTo(scorer.modelVersion());
        assertThat(row.label).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(row.aspects).extracting(a -> a.aspect).contains("parking");
        // POSITIVE became NEGATIVE: the effective verdict changed, so the revision went up and
        // the event id is that of revision 1.
        assertThat(row.revision).isEqualTo(1);
        assertThat(row.modelLabel).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(row.publishPending).isFalse();
        assertThat(row.scoredEventId)
                .isNotEqualTo(oldEventId)
                .isEqualTo(ScoredMention.scoredEventId(old.mentionId, scorer.modelVersion(), 1));
        var published =
                kafka.awaitRecords(
                        KafkaTestClient.SCORED,
                        r -> r.value().contains(old.mentionId.toString()),
                        1);
        var event = JSON.readTree(published.get(0).value());
        assertThat(published.get(0).key()).isEqualTo(brand);
        assertThat(event.get("eventId").asText()).isEqualTo(row.scoredEventId.toString());
        assertThat(event.get("modelVersion").asText()).isEqualTo(scorer.modelVersion());
        assertThat(event.get("revision").asInt()).isEqualTo(1);
        assertThat(event.get("corrected").asBoolean()).isFalse();
        assertThat(QuarkusTransaction.requiringNew().call(() -> repository.count("brandId", brand)))
                .isEqualTo(1);

        given().auth()
                .oauth2(Tokens.admin())
                .when()
                .post("/api/rescore")
                .then()
                .statusCode(200)
                .body("rescored", equalTo(0))
                .body("remaining", equalTo(0));
        assertThat(find(old).scoredAt).isEqualTo(row.scoredAt);
        assertThat(StockSentimentScorer.MODEL_VERSION).isNotEqualTo(scorer.modelVersion());

        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("user", admin)
                .when()
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].action", equalTo("rescore.run"))
                .body("items[0].subject", equalTo(Tokens.subjectOf(admin)))
                .body("items[0].target", equalTo("limit=10000"))
                .body("items[0].rowCount", nullValue())
                .body("items[0].detail", startsWith("modelVersion=" + scorer.modelVersion()))
                .body("items[0].detail", containsString(" remaining=0"));
    }

    @Test
    void aLimitOutOfBoundsIsAProblem() {
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("limit", "0")
                .when()
                .post("/api/rescore")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("limit"));
    }

    private ScoredMention find(ScoredMention mention) {
        return QuarkusTransaction.requiringNew()
                .call(() -> repository.findByIdOptional(mention.mentionId).orElseThrow());
    }
}
