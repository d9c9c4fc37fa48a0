package org.caresignal.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Mentions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MentionResourceTest {

    private static final String TOPIC = "mentions.ingested.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anAcceptedMentionIsPublishedKeyedByBrandWithExactlyTheGoldenFields() throws Exception {
        var brand = Mentions.uniqueBrand();
        var mentionId =
                given().contentType(ContentType.JSON)
                        .body(Mentions.valid(brand))
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
        assertThat(Instant.parse(published.get("occurredAt").asText()))
                .isCloseTo(
                        Instant.now(),
                        org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    }

    @Test
    void theSamePostSubmittedTwiceKeepsItsMentionIdAndIsPublishedOnce() {
        var brand = Mentions.uniqueBrand();
        var body = Mentions.valid(brand);
        String first =
                given().contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/mentions")
                        .path("mentionId");
        String second =
                given().contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/mentions")
                        .path("mentionId");
        assertThat(second).isEqualTo(first);

        String markerId =
                given().contentType(ContentType.JSON)
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
        given().contentType(ContentType.JSON)
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
                given().contentType(ContentType.JSON)
                        .body(marker)
                        .post("/api/mentions")
                        .path("mentionId");
        var records =
                KafkaTestClient.readUntil(
                        TOPIC, r -> brand.equals(r.key()), r -> r.value().contains(markerId));
        assertThat(records).hasSize(1);
    }

    @Test
    void everyInvalidFieldIsNamed() {
        var body = Mentions.valid(Mentions.uniqueBrand());
        body.put("brandId", "Not A Slug");
        body.put("url", "javascript:alert(1)");
        body.remove("externalId");
        given().contentType(ContentType.JSON)
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
        given().contentType(ContentType.JSON)
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
        given().contentType(ContentType.JSON)
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
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("publishedAt"));
    }

    @Test
    void anEmptyBodyIsRefused() {
        given().contentType(ContentType.JSON)
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        given().get("/api/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().get("/api/mentions").then().statusCode(405).contentType("application/problem+json");
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
