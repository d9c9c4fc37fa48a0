package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.caresignal.alert.repository.DetectorStateRepository;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * While a backlog is worked off, hours of event time pass in seconds and scoring delivers mentions
 * slightly out of order: the settle time keeps a bucket open for its stragglers.
 */
@QuarkusTest
@TestProfile(SettleDetectionTest.Settle.class)
class SettleDetectionTest {

    /** The production behaviour: a newest event time closes buckets only after it has stood. */
    public static class Settle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("caresignal.alert.detection.settle", "PT2S");
        }
    }

    private static final Instant T0 = Instant.parse("2026-02-03T08:00:00Z");

    @Inject DetectionService detection;
    @Inject DetectorStateRepository states;
    @Inject ObjectMapper mapper;

    @Test
    void aMentionScoredJustAfterALaterOneIsStillCountedInItsBucket() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        var values = new ArrayList<String>();
        for (int i = 0; i < 12; i++) {
            values.add(
                    ScoredMentions.at(
                            brand, "NEGATIVE", T0.plusSeconds(20L * i + 5), "Waited for hours."));
        }
        // Half an hour later in event time, a moment later on the topic...
        values.add(ScoredMentions.at(brand, "NEUTRAL", T0.plus(Duration.ofMinutes(30)), "Fine."));
        // ...then a mention of the first bucket that a scoring worker finished a little late.
        values.add(
                ScoredMentions.at(
                        brand, "NEGATIVE", T0.plus(Duration.ofMinutes(2)), "Still waiting."));
        KafkaTestClient.send(ScoredMentions.TOPIC, brand, values.toArray(String[]::new));

        // Closed through 08:20 (08:30 - 2 min grace - 5 min bucket, floored) once 08:30 settled.
        var closedThrough = Instant.parse("2026-02-03T08:20:00Z");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            detection.closeIdle(Instant.now());
                            return closedThrough.equals(lastBucket(brand));
                        });

        var ring = mapper.readTree(snapshot(brand)).get("ringTotal");
        long firstBucket =
                StreamSupport.stream(ring.spliterator(), false)
                        .mapToLong(n -> n.asLong())
                        .max()
                        .orElseThrow();
        assertThat(firstBucket).as("mentions the detector saw in 08:00-08:05").isEqualTo(13);
    }

    private Instant lastBucket(String brand) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            var state = states.read(brand, null);
                            return state == null ? null : state.lastBucket();
                        });
    }

    private String snapshot(String brand) {
        return QuarkusTransaction.requiringNew().call(() -> states.read(brand, null).snapshot());
    }
}
