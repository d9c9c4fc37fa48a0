package org.caresignal.sentiment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.UUID;
import org.caresignal.local.stack.TestStacks;
import org.caresignal.sentiment.support.EventShapes;
import org.caresignal.sentiment.support.KafkaTestClient;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusIntegrationTest
class MentionScoringIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    // The packaged app runs in its own process; the broker it was pointed at runs in this one.
    private final KafkaTestClient kafka =
            new KafkaTestClient(TestStacks.shared().kafkaBootstrapServers());

    @Test
    void ingestedMentionIsScoredStoredPublishedAndServed() throws Exception {
        var mentionId = UUID.randomUUID();

        kafka.send(
                KafkaTestClient.INGESTED,
                Mentions.brandId(),
                Mentions.ingested(mentionId).toString());

        var record =
                kafka.awaitRecords(
                                KafkaTestClient.SCORED,
                                r -> r.value().contains(mentionId.toString()),
                                1)
                        .get(0);
        assertThat(record.key()).isEqualTo(Mentions.brandId());
        var published = JSON.readTree(record.value());
        assertThat(EventShapes.shape(published))
                .isEqualTo(EventShapes.shape(Mentions.golden("MentionScored")));

        given().when()
                .get("/api/mentions/{id}", mentionId)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.analyst())
                .when()
                .get("/api/mentions/{id}", mentionId)
                .then()
                .statusCode(200)
                .body("mentionId", equalTo(mentionId.toString()))
                .body("label", equalTo(published.get("label").asText()))
                .body("modelVersion", equalTo(published.get("modelVersion").asText()))
                .body(
                        "modelVersion",
                        equalTo(Mentions.golden("MentionScored").get("modelVersion").asText()));
    }

    @Test
    void malformedRecordIsDeadLetteredAndTheNextOneIsScored() {
        var marker = UUID.randomUUID();
        var valid = UUID.randomUUID();

        kafka.send(KafkaTestClient.INGESTED, Mentions.brandId(), Mentions.malformed(marker));
        kafka.send(
                KafkaTestClient.INGESTED, Mentions.brandId(), Mentions.ingested(valid).toString());

        kafka.awaitRecords(KafkaTestClient.SCORED, r -> r.value().contains(valid.toString()), 1);
        assertThat(
                        kafka.awaitRecords(
                                KafkaTestClient.INGESTED_DLQ,
                                r -> r.value().contains(marker.toString()),
                                1))
                .hasSize(1);
        given().auth()
                .oauth2(Tokens.responder())
                .when()
                .get("/api/mentions/{id}", marker)
                .then()
                .statusCode(404);
    }
}
