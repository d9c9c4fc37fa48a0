package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.repository.MentionCorrectionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.support.KafkaTestClient;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.caresignal.sentiment.tools.LabelledText;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Analysts' corrections end to end over HTTP, the real database and the real broker: the effective
 * label everywhere, one MentionScored per change with its revision, idempotence, the audit, and the
 * labelled export the tools read.
 */
@QuarkusTest
class CorrectionResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant PUBLISHED = Instant.parse("2026-06-01T10:00:00Z");
    private static final String FROM = "2026-06-01T00:00:00Z";
    private static final String TO = "2026-06-02T00:00:00Z";
    private static final String TEXT = "Four hours in the ER waiting room before anyone saw us.";

    @Inject ScoredMentionRepository repository;
    @Inject MentionCorrectionRepository corrections;
    @Inject SentimentScorer scorer;

    private final KafkaTestClient kafka =
            new KafkaTestClient(
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void aCorrectionChangesTheLabelEverywherePublishesOneRevisionAndIsAuditedOnce()
            throws Exception {
        var brand = Mentions.freshBrand();
        var mention =
                store(
                        Mentions.scored(
                                brand,
                                PUBLISHED,
                                SentimentLabel.NEGATIVE,
                                -0.6,
                                "mastodon",
                                TEXT,
                                "emergency-wait:NEGATIVE"));
        var id = mention.mentionId;
        var analyst = Tokens.freshUser("corrector");
        var token = Tokens.of(analyst, Roles.ANALYST);
        var body =
                Map.of(
                        "label",
                        "positive",
                        "aspects",
                        List.of(Map.of("aspect", "emergency-wait", "label", "POSITIVE")),
                        "note",
                        "praise, not a complaint");

        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/mentions/{id}/correction", id)
                .then()
                .statusCode(200)
                .body("label", equalTo("POSITIVE"))
                .body("score", equalTo(0.5f))
                .body("modelLabel", equalTo("NEGATIVE"))
                .body("modelScore", equalTo(-0.6f))
                .body("corrected", equalTo(true))
                .body("correctedBy", equalTo(analyst))
                .body("revision", equalTo(1))
                .body("aspects[0].aspect", equalTo("emergency-wait"))
                .body("aspects[0].label", equalTo("POSITIVE"));

        var events = scored(id, 1);
        var event = events.get(0);
        assertThat(event.get("revision").asInt()).isEqualTo(1);
        assertThat(event.get("corrected").asBoolean()).isTrue();
        assertThat(event.get("label").asText()).isEqualTo("POSITIVE");
        assertThat(event.get("aspects").get(0).get("label").asText()).isEqualTo("POSITIVE");
        assertThat(event.get("eventId").asText())
                .isEqualTo(ScoredMention.scoredEventId(id, mention.modelVersion, 1).toString());
        assertThat(find(id).publishPending).isFalse();

        // The effective label in history, search and aspects.
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("from", FROM)
                .queryParam("to", TO)
                .queryParam("bucket", "day")
                .when()
                .get("/api/brands/{brand}/sentiment", brand)
                .then()
                .statusCode(200)
                .body("buckets[0].volume", equalTo(1))
                .body("buckets[0].positive", equalTo(1))
                .body("buckets[0].negative", equalTo(0));
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("from", FROM)
                .queryParam("to", TO)
                .queryParam("label", "positive")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].corrected", equalTo(true))
                .body("items[0].correctedBy", equalTo(analyst))
                .body("items[0].modelLabel", equalTo("NEGATIVE"))
                .body("items[0].revision", equalTo(1));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("from", FROM)
                .queryParam("to", TO)
                .when()
                .get("/api/brands/{brand}/aspects", brand)
                .then()
                .statusCode(200)
                .body("aspects[0].aspect", equalTo("emergency-wait"))
                .body("aspects[0].positive", equalTo(1))
                .body("aspects[0].negative", equalTo(0));

        // The same correction again: no revision, no event.
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("label", "POSITIVE"))
                .when()
                .post("/api/mentions/{id}/correction", id)
                .then()
                .statusCode(200)
                .body("revision", equalTo(1));
        assertThat(scoredNow(id)).hasSize(1);

        // Taken away: the model's label again, revision 2, one more event.
        given().auth()
                .oauth2(token)
                .when()
                .delete("/api/mentions/{id}/correction", id)
                .then()
                .statusCode(200)
                .body("label", equalTo("NEGATIVE"))
                .body("score", equalTo(-0.6f))
                .body("corrected", equalTo(false))
                .body("correctedBy", nullValue())
                .body("revision", equalTo(2))
                .body("aspects[0].label", equalTo("NEGATIVE"));
        var after = scored(id, 2);
        assertThat(after.get(1).get("revision").asInt()).isEqualTo(2);
        assertThat(after.get(1).get("corrected").asBoolean()).isFalse();
        assertThat(after.get(1).get("label").asText()).isEqualTo("NEGATIVE");
        assertThat(QuarkusTransaction.requiringNew().call(() -> corrections.findById(id))).isNull();

        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("user", analyst)
                .queryParam("action", "mention.correct")
                .when()
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.target", hasItem(id.toString()))
                .body(
                        "items.detail",
                        hasItem("label=POSITIVE aspects=emergency-wait:POSITIVE revision=1"))
                .body("items.detail", hasItem("unchanged label=POSITIVE revision=1"))
                .body("items.detail", hasItem("cleared label=NEGATIVE revision=2"));
    }

    @Test
    void theExportIsALabelledFileTheToolsReadAndTheAgreementCountsTheModel() throws Exception {
        var brand = Mentions.freshBrand();
        var disagreed =
                store(
                        Mentions.scored(
                                brand, PUBLISHED, SentimentLabel.NEGATIVE, -0.4, "rss", TEXT));
        var agreed =
                store(
                        Mentions.scored(
                                brand,
                                PUBLISHED.plusSeconds(60),
                                SentimentLabel.NEUTRAL,
                                0.0,
                                "rss",
                                "Visiting hours\tchanged\nagain."));
        var erasedLater =
                store(
                        Mentions.scored(
                                brand,
                                PUBLISHED.plusSeconds(120),
                                SentimentLabel.NEGATIVE,
                                -0.3,
                                "rss",
                                "Parking is fine."));
        correct(disagreed.mentionId, "POSITIVE");
        correct(agreed.mentionId, "NEUTRAL");
        correct(erasedLater.mentionId, "POSITIVE");
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            var row = repository.findById(erasedLater.mentionId);
                            row.text = null;
                            row.textPurgedAt = Instant.now();
                        });

        var tsv =
                given().auth()
                        .oauth2(Tokens.analyst())
                        .when()
                        .get("/api/brands/{brand}/corrections", brand)
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/tab-separated-values"))
                        .extract()
                        .asString();
        var file = Files.createTempFile("corrections", ".tsv");
        Files.writeString(file, tsv, StandardCharsets.UTF_8);
        var rows = LabelledText.read(file);
        assertThat(rows)
                .containsExactly(
                        new LabelledText(SentimentLabel.POSITIVE, TEXT),
                        new LabelledText(SentimentLabel.NEUTRAL, "Visiting hours changed again."));

        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("format", "json")
                .when()
                .get("/api/brands/{brand}/corrections", brand)
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items[0].modelLabel", equalTo("NEGATIVE"))
                .body("items[0].label", equalTo("POSITIVE"));

        given().auth()
                .oauth2(Tokens.viewer())
                .when()
                .get("/api/brands/{brand}/corrections/agreement", brand)
                .then()
                .statusCode(200)
                .body("corrections", equalTo(3))
                .body("agreeing", equalTo(1))
                .body("agreement", equalTo(1.0f / 3))
                .body("modelVersion", equalTo(scorer.modelVersion()))
                .body("byLabel.POSITIVE.corrections", equalTo(2))
                .body("byLabel.POSITIVE.agreeing", equalTo(0))
                .body("byLabel.NEUTRAL.agreeing", equalTo(1))
                .body("byLabel.NEGATIVE.corrections", equalTo(0));
        given().auth()
                .oauth2(Tokens.viewer())
                .when()
                .get("/api/brands/{brand}/corrections/agreement", Mentions.freshBrand())
                .then()
                .statusCode(200)
                .body("corrections", equalTo(0))
                .body("agreement", nullValue());
        given().auth()
                .oauth2(Tokens.viewer())
                .when()
                .get("/api/brands/{brand}/corrections", brand)
                .then()
                .statusCode(403);
    }

    @Test
    void aRescoreOfACorrectedMentionUpdatesTheModelsLabelAndKeepsTheCorrection() throws Exception {
        var brand = Mentions.freshBrand();
        var mention =
                store(
                        Mentions.scored(
                                brand,
                                PUBLISHED,
                                SentimentLabel.POSITIVE,
                                0.5,
                                "mastodon",
                                "The parking was a horrible nightmare and the nurses were rude."));
        correct(mention.mentionId, "NEUTRAL");

        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("limit", "10000")
                .when()
                .post("/api/rescore")
                .then()
                .statusCode(200)
                .body("remaining", equalTo(0));

        var row = find(mention.mentionId);
        assertThat(row.modelVersion).isEqualTo(scorer.modelVersion());
        assertThat(row.modelLabel).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(row.label).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(row.corrected).isTrue();
        // The model's new aspects changed the effective verdict: one more revision.
        assertThat(row.aspects).extracting(a -> a.aspect).contains("parking");
        assertThat(row.revision).isEqualTo(2);
        var events = scored(mention.mentionId, 2);
        var last = events.get(1);
        assertThat(last.get("revision").asInt()).isEqualTo(2);
        assertThat(last.get("label").asText()).isEqualTo("NEUTRAL");
        assertThat(last.get("corrected").asBoolean()).isTrue();
        assertThat(last.get("modelVersion").asText()).isEqualTo(scorer.modelVersion());
    }

    @Test
    void refusalsAreProblems() {
        var brand = Mentions.freshBrand();
        var erased =
                store(
                        Mentions.scored(
                                brand, PUBLISHED, SentimentLabel.NEGATIVE, -0.5, "rss", TEXT));
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            var row = repository.findById(erased.mentionId);
                            row.text = null;
                            row.erasedAt = Instant.now();
                        });
        var live =
                store(
                        Mentions.scored(
                                brand, PUBLISHED, SentimentLabel.NEGATIVE, -0.5, "rss", TEXT));

        post(Tokens.analyst(), erased.mentionId, Map.of("label", "POSITIVE"))
                .statusCode(409)
                .contentType(startsWith(ProblemDetail.MEDIA_TYPE));
        post(Tokens.analyst(), UUID.randomUUID(), Map.of("label", "POSITIVE"))
                .statusCode(404)
                .contentType(startsWith(ProblemDetail.MEDIA_TYPE));
        post(Tokens.analyst(), live.mentionId, Map.of("label", "furious"))
                .statusCode(400)
                .contentType(startsWith(ProblemDetail.MEDIA_TYPE))
                .body("violations[0].field", equalTo("label"));
        post(
                        Tokens.analyst(),
                        live.mentionId,
                        Map.of(
                                "label",
                                "NEUTRAL",
                                "aspects",
                                List.of(Map.of("aspect", "no-such-aspect", "label", "NEUTRAL"))))
                .statusCode(400)
                .body("violations[0].field", equalTo("aspects"));
        post(Tokens.analyst(), live.mentionId, Map.of("label", "NEUTRAL", "note", "x".repeat(501)))
                .statusCode(400)
                .body("violations[0].field", equalTo("note"));
        post(Tokens.viewer(), live.mentionId, Map.of("label", "NEUTRAL")).statusCode(403);
        post(Tokens.responder(), live.mentionId, Map.of("label", "NEUTRAL")).statusCode(403);
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("brand", brand)
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.responder())
                .queryParam("brand", brand)
                .queryParam("from", FROM)
                .queryParam("to", TO)
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
        for (var path :
                List.of("/sentiment", "/aspects", "/top-mentions", "/corrections/agreement")) {
            given().auth()
                    .oauth2(Tokens.viewer())
                    .when()
                    .get("/api/brands/" + brand + path)
                    .then()
                    .statusCode(200);
        }
        assertThat(find(live.mentionId).revision).isZero();
        assertThat(scoredNow(live.mentionId)).isEmpty();
    }

    private io.restassured.response.ValidatableResponse post(
            String token, UUID id, Map<String, ?> body) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/mentions/{id}/correction", id)
                .then();
    }

    private void correct(UUID id, String label) {
        post(Tokens.analyst(), id, Map.of("label", label)).statusCode(200);
    }

    private ScoredMention store(ScoredMention row) {
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        return row;
    }

    private ScoredMention find(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            var row = repository.findByIdOptional(id).orElseThrow();
                            row.aspects.size();
                            return row;
                        });
    }

    /** The MentionScored events of the mention, waiting until there are {@code count}. */
    private List<JsonNode> scored(UUID id, int count) {
        return kafka
                .awaitRecords(KafkaTestClient.SCORED, r -> r.value().contains(id.toString()), count)
                .stream()
                .map(r -> read(r.value()))
                .toList();
    }

    /** The MentionScored events of the mention on the topic now. */
    private List<JsonNode> scoredNow(UUID id) {
        return kafka.readAll(KafkaTestClient.SCORED).stream()
                .filter(r -> r.value().contains(id.toString()))
                .map(r -> read(r.value()))
                .toList();
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
