package org.caresignal.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

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
}
