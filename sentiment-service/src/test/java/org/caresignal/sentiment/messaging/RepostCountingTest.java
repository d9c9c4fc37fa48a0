package org.caresignal.sentiment.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.KafkaTestClient;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Amplification from MentionIngested's repostOf through the real broker and database: the
 * original's repost count is right in either arrival order and a redelivered repost is counted
 * once; search by amplification and the top mentions follow it.
 */
@QuarkusTest
class RepostCountingTest {

    @Inject ScoredMentionRepository repository;

    private final KafkaTestClient kafka =
            new KafkaTestClient(
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void repostsAreCountedOnceInEitherOrderAndUnderRedelivery() {
        var brand = Mentions.freshBrand();
        var original = UUID.randomUUID();
        var early = UUID.randomUUID();
        var late = UUID.randomUUID();
        var lone = UUID.randomUUID();

        // A repost arrives before its original...
        send(mention(brand, early, original, "2026-06-01T10:05:00Z"));
        awaitScored(early, 1);
        send(mention(brand, lone, null, "2026-06-01T10:30:00Z"));
        awaitScored(lone, 1);
        send(mention(brand, original, null, "2026-06-01T10:00:00Z"));
        awaitScored(original, 1);
        assertThat(reposts(original)).isEqualTo(1);

        // ... another after it, and then that one again (a redelivery).
        var lateRepost = mention(brand, late, original, "2026-06-01T10:10:00Z");
        send(lateRepost);
        awaitScored(late, 1);
        assertThat(reposts(original)).isEqualTo(2);
        send(lateRepost.put("eventId", UUID.randomUUID().toString()));
        awaitScored(late, 2);
        assertThat(reposts(original)).isEqualTo(2);
        assertThat(reposts(early)).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> repository.findById(late).repostOf))
                .isEqualTo(original);

        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("brand", brand)
                .queryParam("from", "2026-06-01T00:00:00Z")
                .queryParam("to", "2026-06-02T00:00:00Z")
                .queryParam("sort", "amplification")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .body("items[0].mentionId", equalTo(original.toString()))
                .body("items[0].reposts", equalTo(2))
                // Then by time, newest first.
                .body(
                        "items.mentionId",
                        contains(
                                original.toString(),
                                lone.toString(),
                                late.toString(),
                                early.toString()))
                .body("nextCursor", equalTo(null));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("from", "2026-06-01T00:00:00Z")
                .queryParam("to", "2026-06-02T00:00:00Z")
                .queryParam("limit", "2")
                .when()
                .get("/api/brands/{brand}/top-mentions", brand)
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items[0].mentionId", equalTo(original.toString()))
                .body("items[0].reposts", equalTo(2))
                .body("items[0].text", equalTo(null))
                .body("items[1].mentionId", equalTo(lone.toString()));
    }

    private static ObjectNode mention(
            String brand, UUID mentionId, UUID repostOf, String publishedAt) {
        var event = Mentions.ingested(mentionId);
        event.put("brandId", brand);
        event.put("publishedAt", publishedAt);
        if (repostOf == null) {
            event.remove("repostOf");
        } else {
            event.put("repostOf", repostOf.toString());
        }
        return event;
    }

    private void send(ObjectNode event) {
        kafka.send(KafkaTestClient.INGESTED, event.get("brandId").asText(), event.toString());
    }

    private void awaitScored(UUID mentionId, int count) {
        kafka.awaitRecords(
                KafkaTestClient.SCORED, r -> r.value().contains(mentionId.toString()), count);
    }

    private int reposts(UUID mentionId) {
        return QuarkusTransaction.requiringNew().call(() -> repository.findById(mentionId).reposts);
    }
}
