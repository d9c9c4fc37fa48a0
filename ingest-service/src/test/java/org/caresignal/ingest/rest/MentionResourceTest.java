package org.caresignal.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.caresignal.ingest.domain.MentionIds;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Mentions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MentionResourceTest {

    private static final String TOPIC = "mentions.ingested.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject EntityManager em;

    @Test
    void anAcceptedMentionIsPublishedKeyedByBrandWithExactlyTheGoldenFields() throws Exception {
        var brand = Mentions.uniqueBrand();
        var body = Mentions.valid(brand);
        // Every field filled in, like the golden file: this post quotes another.
        body.put("repostOf", Map.of("externalId", "post-48100"));
        var mentionId =
                Integrations.webhook()
                        .body(body)
                        .when()
                        .post("/api/mentions")
                        .then()
                        .statusCode(202)
                        .body("mentionId", matchesPattern("[0-9a-f-]{36}"))
                        .extract()
                        .path("mentionId");

        var records =
                KafkaTestClient.readUntil(
                        TOPIC,
                        r -> brand.equals(r.key()),
                        r -> r.value().contains(mentionId.toString()));
        assertThat(records).hasSize(1);
        var published = JSON.readTree(records.get(0).value());
        var golden = JSON.readTree(Path.of("../docs/events/MentionIngested.v1.json").toFile());
        assertThat(shape(published)).isEqualTo(shape(golden));
        assertThat(published.get("eventType").asText()).isEqualTo("MentionIngested");
        assertThat(published.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(published.get("brandId").asText()).isEqualTo(brand);
        assertThat(published.get("language").asText()).isEqualTo("en");
        assertThat(published.get("repostOf").asText())
                .isEqualTo(MentionIds.of("webhook", "post-48100").toString());
        assertThat(Instant.parse(published.get("occurredAt").asText()))
                .isCloseTo(
                        Instant.now(),
                        org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    }

    @Test
    void theSamePostSubmittedTwiceKeepsItsMentionIdAndIsPublishedOnce() {
        var brand = Mentions.uniqueBrand();
        var body = Mentions.valid(brand);
        String first = Integrations.webhook().body(body).post("/api/mentions").path("mentionId");
        String second = Integrations.webhook().body(body).post("/api/mentions").path("mentionId");
        assertThat(second).isEqualTo(first);

        String markerId =
                Integrations.webhook()
                        .body(Mentions.valid(brand))
                        .post("/api/mentions")
                        .path("mentionId");
        var records =
                KafkaTestClient.readUntil(
                        TOPIC, r -> brand.equals(r.key()), r -> r.value().contains(markerId));
        assertThat(records).filteredOn(r -> r.value().contains(first)).hasSize(1);
    }

    @Test
    void aMentionWithoutTextIsRefusedNamingTheFieldAndNothingReachesKafka() {
        var brand = Mentions.uniqueBrand();
        Integrations.webhook()
                .body(Mentions.without(brand, "text"))
                .when()
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid request"))
                .body("violations.field", hasItem("text"))
                .body("detail", containsString("text"));

        // Same brand, so the same partition: once this marker is read, the refused one would have
        // been too.
        var marker = Mentions.valid(brand);
        String markerId =
                Integrations.webhook().body(marker).post("/api/mentions").path("mentionId");
        var records =
                KafkaTestClient.readUntil(
                        TOPIC, r -> brand.equals(r.key()), r -> r.value().contains(markerId));
        assertThat(records).hasSize(1);
    }

    @Test
    void aNonEnglishPostIsKeptAndMarkedWithItsLanguageAndStoredSo() throws Exception {
        var brand = Mentions.uniqueBrand();
        var spanish = Mentions.valid(brand);
        spanish.put(
                "text", "Esperé seis horas en urgencias, pésima atención y nadie nos dijo nada.");
        var emoji = Mentions.valid(brand);
        emoji.put("text", "😡😡 https://social.example/p/1");
        String spanishId =
                Integrations.webhook().body(spanish).post("/api/mentions").path("mentionId");
        String emojiId = Integrations.webhook().body(emoji).post("/api/mentions").path("mentionId");

        var records =
                KafkaTestClient.readUntil(
                        TOPIC, r -> brand.equals(r.key()), r -> r.value().contains(emojiId));
        assertThat(records).hasSize(2);
        var first = JSON.readTree(records.get(0).value());
        assertThat(first.get("mentionId").asText()).isEqualTo(spanishId);
        assertThat(first.get("language").asText()).isEqualTo("es");
        assertThat(first.get("repostOf").isNull()).isTrue();
        assertThat(JSON.readTree(records.get(1).value()).get("language").asText()).isEqualTo("und");
        assertThat(storedLanguage(spanishId)).isEqualTo("es");
    }

    @Test
    void aRepostOfWithoutItsExternalIdIsNamedByItsPath() {
        var body = Mentions.valid(Mentions.uniqueBrand());
        body.put("repostOf", Map.of("source", "Not A Source"));
        Integrations.webhook()
                .body(body)
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "violations.field",
                        org.hamcrest.Matchers.containsInAnyOrder(
                                "repostOf.externalId", "repostOf.source"));
    }

    @Test
    void everyInvalidFieldIsNamed() {
        var body = Mentions.valid(Mentions.uniqueBrand());
        body.put("brandId", "Not A Slug");
        body.put("url", "javascript:alert(1)");
        body.remove("externalId");
        Integrations.webhook()
                .body(body)
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "violations.field",
                        org.hamcrest.Matchers.containsInAnyOrder("brandId", "externalId", "url"));
    }

    @Test
    void malformedJsonIsAProblemWithoutInternals() {
        Integrations.webhook()
                .body("{\"brandId\": \"x\", \"text\": ")
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body(not(containsString("jackson")))
                .body(not(containsString("Exception")));
    }

    @Test
    void anUnparseableDateNamesItsField() {
        var body = Mentions.valid(Mentions.uniqueBrand());
        body.put("publishedAt", "yesterday");
        Integrations.webhook()
                .body(body)
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("publishedAt"));
    }

    @Test
    void aPostFromTheFutureIsRefused() {
        var body = Mentions.valid(Mentions.uniqueBrand());
        body.put("publishedAt", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        Integrations.webhook()
                .body(body)
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("publishedAt"));
    }

    @Test
    void anEmptyBodyIsRefused() {
        Integrations.webhook()
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        // Signed in: an anonymous caller gets 401 on any /api path (SecurityMatrixTest).
        Api.asViewer()
                .get("/api/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        Api.asViewer()
                .get("/api/mentions")
                .then()
                .statusCode(405)
                .contentType("application/problem+json");
    }

    private String storedLanguage(String mentionId) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                (String)
                                        em.createNativeQuery(
                                                        "select language from ingested_mention"
                                                                + " where mention_id = ?1")
                                                .setParameter(
                                                        1, java.util.UUID.fromString(mentionId))
                                                .getSingleResult());
    }

    /** Field name to JSON node type, the part of an event both sides agree on. */
    private static TreeMap<String, String> shape(JsonNode node) {
        var shape = new TreeMap<String, String>();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (var name : names) {
            shape.put(name, node.get(name).getNodeType().name());
        }
        return shape;
    }
}
