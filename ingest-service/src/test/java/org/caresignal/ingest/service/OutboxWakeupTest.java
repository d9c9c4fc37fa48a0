package org.caresignal.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Mentions;
import org.junit.jupiter.api.Test;

/**
 * A committed intake wakes the outbox relay: with the scheduled tick an hour apart (it runs once at
 * start, then not again within this test), accepted mentions still reach Kafka.
 */
@QuarkusTest
@TestProfile(OutboxWakeupTest.HourlyTick.class)
class OutboxWakeupTest {

    public static class HourlyTick implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("caresignal.ingest.outbox.poll-interval", "1h");
        }
    }

    @Test
    void acceptedMentionsAreSentWithoutWaitingForTheTick() {
        for (int round = 0; round < 3; round++) {
            var brand = Mentions.uniqueBrand();
            String mentionId =
                    Integrations.webhook()
                            .body(Map.of("mentions", List.of(Mentions.valid(brand))))
                            .post("/api/mentions/batch")
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("results[0].mentionId");

            var records =
                    KafkaTestClient.readUntil(
                            "mentions.ingested.v1",
                            r -> brand.equals(r.key()),
                            r -> r.value().contains(mentionId));
            assertThat(records).hasSize(1);
        }
    }
}
