package org.caresignal.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.Erasures;
import org.caresignal.alert.support.FlakyFailures;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.Stats;
import org.caresignal.local.run.DlqReplay;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Through the real broker and database: a database failure in either consumer is waited out however
 * often it repeats and the record processed, never dead-lettered; an unexpected failure is retried
 * a bounded number of times, then dead-lettered, and the dead letter's replay is counted once.
 */
@QuarkusTest
class TransientFailureRetryTest {

    private static final String SILENT_TOPIC = "sources.silent.v1";
    private static final String SILENT_DLQ = "sources.silent.v1.dlq";
    private static final Path SILENT_GOLDEN = Path.of("../docs/events/SourceSilent.v1.json");

    // Tries of an unexpected failure: the first plus the bounded retries.
    private final int boundedAttempts =
            1
                    + ConfigProvider.getConfig()
                            .getValue(
                                    "quarkus.fault-tolerance.\""
                                            + OutageTolerantProcessing.class.getName()
                                            + "/attempt\".retry.max-retries",
                                    Integer.class);

    @Test
    void aMentionWhoseCountingMeetsADatabaseOutageWaitsAndIsCountedNotDeadLettered() {
        var brand = ScoredMentions.uniqueBrand();
        var event = ScoredMentions.goldenFor(brand);
        var mentionId = UUID.fromString(event.get("mentionId").asText());
        int failures = boundedAttempts * 3;
        FlakyFailures.failNext(mentionId, failures);

        KafkaTestClient.send(ScoredMentions.TOPIC, brand, ScoredMentions.json(event));

        Stats.awaitGoldenDay(brand, s -> s.getInt("totals.total") == 1);
        assertThat(FlakyFailures.calls(mentionId)).isEqualTo(failures + 1);
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
    void aMentionWhoseCountingFailsUnexpectedlyIsDeadLetteredAndItsReplayIsCountedOnce()
            throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        var event = ScoredMentions.goldenFor(brand);
        var mentionId = UUID.fromString(event.get("mentionId").asText());
        var value = ScoredMentions.json(event);
        FlakyFailures.failNextUnexpectedly(mentionId, Integer.MAX_VALUE);

        KafkaTestClient.send(ScoredMentions.TOPIC, brand, value);

        var dead =
                KafkaTestClient.readUntil(
                        ScoredMentions.DLQ,
                        r -> brand.equals(r.key()),
                        r -> value.equals(r.value()));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(FlakyFailures.calls(mentionId)).isEqualTo(boundedAttempts);
        assertThat(Stats.goldenDay(brand).getInt("totals.total")).isZero();

        // The bug is fixed: the operator's replay counts the mention; a second copy of the same
        // record, sent behind a marker's check, leaves the count at one.
        FlakyFailures.failNext(mentionId, 0);
        var replay =
                DlqReplay.Options.parse(
                        "--bootstrap-servers",
                        KafkaTestClient.bootstrapServers(),
                        "--from",
                        ScoredMentions.DLQ);
        assertThat(DlqReplay.replay(replay)).isPositive();
        Stats.awaitGoldenDay(brand, s -> s.getInt("totals.total") == 1);
        // Same key, same partition: once the marker behind the copy is counted, so was the copy.
        var marker = ScoredMentions.goldenFor(brand);
        KafkaTestClient.send(ScoredMentions.TOPIC, brand, value, ScoredMentions.json(marker));
        Stats.awaitGoldenDay(brand, s -> s.getInt("totals.total") >= 2);
        assertThat(Stats.goldenDay(brand).getInt("totals.total")).isEqualTo(2);
    }

    @Test
    void aSourceSilentWhoseProcessingMeetsADatabaseOutageWaitsAndRaisesItsIncident() {
        var brand = ScoredMentions.uniqueBrand();
        var event = silentFor(brand);
        var eventId = UUID.fromString(event.get("eventId").asText());
        int failures = boundedAttempts * 2;
        FlakyFailures.failNext(eventId, failures);

        KafkaTestClient.send(SILENT_TOPIC, brand, event.toString());

        var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        assertThat(incidents.getString("[0].kind")).isEqualTo("SOURCE_SILENT");
        assertThat(FlakyFailures.calls(eventId)).isEqualTo(failures + 1);
        var poison = "{\"brandId\": \"" + brand + "\", not json";
        KafkaTestClient.send(SILENT_TOPIC, brand, poison);
        var dead =
                KafkaTestClient.readUntil(
                        SILENT_DLQ, r -> brand.equals(r.key()), r -> poison.equals(r.value()));
        assertThat(dead).extracting(r -> r.value()).containsExactly(poison);
    }

    @Test
    void anErasureThatMeetsADatabaseOutageWaitsAndIsConfirmedNotDeadLettered() {
        var erasureId = UUID.randomUUID();
        int failures = boundedAttempts * 2;
        FlakyFailures.failNext(erasureId, failures);

        Erasures.send(
                erasureId,
                Erasures.of(
                        erasureId, "some-brand", java.util.List.of(UUID.randomUUID().toString())));

        var confirmed = Erasures.awaitConfirmations(erasureId, 1).get(0);
        assertThat(confirmed.get("service").asText()).isEqualTo("alert-service");
        assertThat(FlakyFailures.calls(erasureId)).isEqualTo(failures + 1);
        // A poison record behind it on the same key reaches the DLQ alone: the erasure was not
        // dead-lettered before it.
        var poison = "{\"erasureId\": \"" + erasureId + "\", not json";
        Erasures.send(erasureId, poison);
        var dead =
                KafkaTestClient.readUntil(
                        Erasures.DLQ,
                        r -> erasureId.toString().equals(r.key()),
                        r -> poison.equals(r.value()));
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
