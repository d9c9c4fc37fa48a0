package org.caresignal.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.FlakyFailures;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.Stats;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Through the real broker and database: a transient processing failure in either consumer is
 * retried and the record processed, not dead-lettered; only when every attempt fails does it reach
 * the DLQ, from where replaying it is safe.
 */
@QuarkusTest
class TransientFailureRetryTest {

    private static final String SILENT_TOPIC = "sources.silent.v1";
    private static final String SILENT_DLQ = "sources.silent.v1.dlq";
    private static final Path SILENT_GOLDEN = Path.of("../docs/events/SourceSilent.v1.json");

    private final int maxAttempts =
            ConfigProvider.getConfig()
                    .getValue("caresignal.alert.consumer.retry.max-attempts", Integer.class);

    @Test
    void aMentionWhoseCountingFailsTransientlyIsRetriedAndCountedNotDeadLettered() {
        var brand = ScoredMentions.uniqueBrand();
        var event = ScoredMentions.goldenFor(brand);
        var mentionId = UUID.fromString(event.get("mentionId").asText());
        FlakyFailures.failNext(mentionId, maxAttempts - 1);

        KafkaTestClient.send(ScoredMentions.TOPIC, brand, ScoredMentions.json(event));

        Stats.awaitGoldenDay(brand, s -> s.getInt("totals.total") == 1);
        assertThat(FlakyFailures.calls(mentionId)).isEqualTo(maxAttempts);
        // A poison record sent after it reaches the DLQ at once: had the mention been
        // dead-lettered, it would be there before it, on the same partition.
        var poison = "{\"brandId\": \"" + brand + "\", not json";
        KafkaTestClient.send(ScoredMentions.TOPIC, brand, poison);
        var dead =
                KafkaTestClient.readUntil(
                        ScoredMentions.DLQ,
                        r -> brand.equals(r.key()),
                        r -> poison.equals(r.value()));
        assertThat(dead).extracting(r -> r.value()).containsExactly(poison);
    }

    @Test
    void aMentionWhoseCountingAlwaysFailsIsDeadLetteredAndItsReplayIsCounted() {
        var brand = ScoredMentions.uniqueBrand();
        var event = ScoredMentions.goldenFor(brand);
        var mentionId = UUID.fromString(event.get("mentionId").asText());
        var value = ScoredMentions.json(event);
        FlakyFailures.failNext(mentionId, Integer.MAX_VALUE);

        KafkaTestClient.send(ScoredMentions.TOPIC, brand, value);

        var dead =
                KafkaTestClient.readUntil(
                        ScoredMentions.DLQ,
                        r -> brand.equals(r.key()),
                        r -> value.equals(r.value()));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(FlakyFailures.calls(mentionId)).isEqualTo(maxAttempts);
        assertThat(Stats.goldenDay(brand).getInt("totals.total")).isZero();

        // The outage is over: replaying the dead letter counts the mention once.
        FlakyFailures.failNext(mentionId, 0);
        KafkaTestClient.send(ScoredMentions.TOPIC, brand, dead.get(0).value());
        Stats.awaitGoldenDay(brand, s -> s.getInt("totals.total") == 1);
    }

    @Test
    void aSourceSilentWhoseProcessingFailsTransientlyIsRetriedAndRaisesItsIncident() {
        var brand = ScoredMentions.uniqueBrand();
        var event = silentFor(brand);
        var eventId = UUID.fromString(event.get("eventId").asText());
        FlakyFailures.failNext(eventId, maxAttempts - 1);

        KafkaTestClient.send(SILENT_TOPIC, brand, event.toString());

        var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        assertThat(incidents.getString("[0].kind")).isEqualTo("SOURCE_SILENT");
        assertThat(FlakyFailures.calls(eventId)).isEqualTo(maxAttempts);
        var poison = "{\"brandId\": \"" + brand + "\", not json";
        KafkaTestClient.send(SILENT_TOPIC, brand, poison);
        var dead =
                KafkaTestClient.readUntil(
                        SILENT_DLQ, r -> brand.equals(r.key()), r -> poison.equals(r.value()));
        assertThat(dead).extracting(r -> r.value()).containsExactly(poison);
    }

    private static ObjectNode silentFor(String brand) {
        try {
            var node = (ObjectNode) Channels.mapper().readTree(SILENT_GOLDEN.toFile());
            node.put("eventId", UUID.randomUUID().toString());
            node.put("brandId", brand);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
