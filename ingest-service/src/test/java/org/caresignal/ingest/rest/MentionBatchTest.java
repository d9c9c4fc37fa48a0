package org.caresignal.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Mentions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MentionBatchTest {

    @Test
    void eachItemIsTakenOnItsOwnAndGetsItsOwnResultByIndex() {
        var brand = Mentions.uniqueBrand();
        var first = Mentions.valid(brand);
        var noText = Mentions.without(brand, "text");
        var badDate = Mentions.valid(brand);
        badDate.put("publishedAt", "yesterday");
        var last = Mentions.valid(brand);
        List<Object> items = new ArrayList<>();
        items.add(first);
        items.add(first); // the same post again in the same batch
        items.add(noText);
        items.add(badDate);
        items.add("not an object");
        items.add(last);

        var response =
                Integrations.webhook()
                        .body(Map.of("mentions", items))
                        .post("/api/mentions/batch")
                        .then()
                        .statusCode(200)
                        .contentType(ContentType.JSON)
                        .body("accepted", equalTo(2))
                        .body("duplicates", equalTo(1))
                        .body("rejected", equalTo(3))
                        .body("results.index", contains(0, 1, 2, 3, 4, 5))
                        .body(
                                "results.status",
                                contains(
                                        "accepted",
                                        "duplicate",
                                        "rejected",
                                        "rejected",
                                        "rejected",
                                        "accepted"))
                        .body("results[2].violations.field", contains("text"))
                        .body("results[2].mentionId", nullValue())
                        .body("results[3].violations.field", contains("publishedAt"))
                        .body("results[4].violations.field", contains("body"))
                        .extract();
        String firstId = response.path("results[0].mentionId");
        assertThat(response.<String>path("results[1].mentionId")).isEqualTo(firstId);
        String lastId = response.path("results[5].mentionId");

        var records =
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r -> r.value().contains(lastId));
        assertThat(records).hasSize(2);
        assertThat(records.get(0).value()).contains(firstId);
    }

    @Test
    void sendingTheSameBatchAgainIsSafeEveryItemComesBackAsDuplicate() {
        var brand = Mentions.uniqueBrand();
        var body = Map.of("mentions", List.of(Mentions.valid(brand), Mentions.valid(brand)));
        Integrations.webhook()
                .body(body)
                .post("/api/mentions/batch")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(2));
        Integrations.webhook()
                .body(body)
                .post("/api/mentions/batch")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(2));
    }

    @Test
    void itemsForABrandOutsideTheKeysScopeAreRejectedOthersAccepted() {
        var allowed = Mentions.uniqueBrand();
        var key = Integrations.create(Integrations.uniqueName(), List.of(allowed)).get("key");
        Integrations.webhook(key)
                .body(
                        Map.of(
                                "mentions",
                                List.of(
                                        Mentions.valid(Mentions.uniqueBrand()),
                                        Mentions.valid(allowed))))
                .post("/api/mentions/batch")
                .then()
                .statusCode(200)
                .body("results.status", contains("rejected", "accepted"))
                .body("results[0].violations.field", contains("brandId"))
                .body("results[0].violations.message", hasItem(containsString("may not submit")));
    }

    @Test
    void aBodyThatIsNotABatchIsAProblemNamingMentions() {
        Integrations.webhook()
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("mentions"));
        Integrations.webhook()
                .body(Map.of("mentions", List.of()))
                .post("/api/mentions/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("mentions"));
        Integrations.webhook()
                .body("[1, 2")
                .post("/api/mentions/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void aBatchOverTheLimitIsRefusedWholeAndNothingIsTaken() {
        var brand = Mentions.uniqueBrand();
        var items = new ArrayList<Object>(Collections.nCopies(500, Map.of()));
        items.add(0, Mentions.valid(brand));
        Integrations.webhook()
                .body(Map.of("mentions", items))
                .post("/api/mentions/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("mentions"))
                .body("detail", containsString("at most 500"));

        var marker = Mentions.valid(brand);
        String markerId =
                Integrations.webhook()
                        .body(marker)
                        .post("/api/mentions")
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("mentionId");
        var records =
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r -> r.value().contains(markerId));
        assertThat(records).hasSize(1);
    }

    @Test
    void aFullBatchIsPublishedOnceEachInTheOrderOfItsItems() {
        // More items than one relay round (200) takes: the order holds across rounds too.
        var brand = Mentions.uniqueBrand();
        var items = new ArrayList<Object>();
        for (int i = 0; i < 300; i++) {
            items.add(Mentions.valid(brand));
        }
        List<String> ids =
                Integrations.webhook()
                        .body(Map.of("mentions", items))
                        .post("/api/mentions/batch")
                        .then()
                        .statusCode(200)
                        .body("accepted", equalTo(300))
                        .extract()
                        .path("results.mentionId");
        assertThat(ids).doesNotHaveDuplicates().hasSize(300);

        var last = ids.get(ids.size() - 1);
        KafkaTestClient.readUntil(
                "mentions.ingested.v1", r -> brand.equals(r.key()), r -> r.value().contains(last));
        var published =
                KafkaTestClient.readAll("mentions.ingested.v1", r -> brand.equals(r.key())).stream()
                        .map(r -> mentionId(r.value()))
                        .toList();
        assertThat(published).isEqualTo(ids);
    }

    @Test
    void refusedItemsInsideABatchLeaveTheItemsAroundThemAccepted() {
        var brand = Mentions.uniqueBrand();
        var seenBefore = Mentions.valid(brand);
        String seenBeforeId =
                Integrations.webhook()
                        .body(seenBefore)
                        .post("/api/mentions")
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("mentionId");
        var first = Mentions.valid(brand);
        var unknownFacility = Mentions.valid(brand);
        unknownFacility.put("facilityId", "no-such-facility");
        var unknownBrand = Mentions.valid(Mentions.unknownBrand());
        var future = Mentions.valid(brand);
        future.put("publishedAt", "2999-01-01T00:00:00Z");
        var last = Mentions.valid(brand);

        var response =
                Integrations.webhook()
                        .body(
                                Map.of(
                                        "mentions",
                                        List.of(
                                                first,
                                                unknownFacility,
                                                seenBefore,
                                                unknownBrand,
                                                future,
                                                last)))
                        .post("/api/mentions/batch")
                        .then()
                        .statusCode(200)
                        .body(
                                "results.status",
                                contains(
                                        "accepted",
                                        "rejected",
                                        "duplicate",
                                        "rejected",
                                        "rejected",
                                        "accepted"))
                        .body("results[1].violations.field", contains("facilityId"))
                        .body("results[3].violations.field", contains("brandId"))
                        .body("results[4].violations.field", contains("publishedAt"))
                        .extract();
        assertThat(response.<String>path("results[2].mentionId")).isEqualTo(seenBeforeId);
        String firstId = response.path("results[0].mentionId");
        String lastId = response.path("results[5].mentionId");

        KafkaTestClient.readUntil(
                "mentions.ingested.v1",
                r -> brand.equals(r.key()),
                r -> r.value().contains(lastId));
        var published =
                KafkaTestClient.readAll("mentions.ingested.v1", r -> brand.equals(r.key())).stream()
                        .map(r -> mentionId(r.value()))
                        .toList();
        assertThat(published).containsExactly(seenBeforeId, firstId, lastId);
    }

    private static String mentionId(String json) {
        try {
            return new ObjectMapper().readTree(json).get("mentionId").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
