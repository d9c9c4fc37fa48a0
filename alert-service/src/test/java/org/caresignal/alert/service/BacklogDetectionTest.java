package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.caresignal.alert.repository.DetectorStateRepository;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * The idle tick must not close the buckets of a series that is still counting a backlog (a
 * backfill, or a catch-up after downtime): only a series quiet for the idle-close time is closed by
 * the clock.
 */
@QuarkusTest
class BacklogDetectionTest {

    private static final Instant T0 = Instant.parse("2026-02-02T08:00:00Z");

    @Inject DetectionService detection;
    @Inject DetectorStateRepository states;

    @Test
    void aSeriesCountingOldMentionsClosesByEventTimeUntilItHasBeenQuietForTheIdleTime() {
        var brand = ScoredMentions.uniqueBrand();
        var values = new ArrayList<String>();
        for (int i = 0; i < 24; i++) {
            values.add(
                    ScoredMentions.at(
                            brand,
                            "NEUTRAL",
                            T0.plus(Duration.ofMinutes(5L * i + 1)),
                            "Visited the clinic today, all fine."));
        }
        KafkaTestClient.send(ScoredMentions.TOPIC, brand, values.toArray(String[]::new));
        // The newest mention is at 09:56; with 2 min grace the last closed bucket is 09:45.
        var closedByEventTime = Instant.parse("2026-02-02T09:45:00Z");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> closedByEventTime.equals(lastBucket(brand)));

        // A tick right after: the series was counting a moment ago, so the clock closes nothing.
        detection.closeIdle(Instant.now());
        assertThat(lastBucket(brand)).isEqualTo(closedByEventTime);

        // Once quiet for longer than the idle-close time, the clock closes the rest: through the
        // bucket holding later - idle-close (10 min) - grace (2 min) - bucket (5 min), floored.
        var later = Instant.now().plus(Duration.ofMinutes(11));
        detection.closeIdle(later);
        assertThat(lastBucket(brand)).isAfter(later.minus(Duration.ofMinutes(23)));
    }

    private Instant lastBucket(String brand) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            var state = states.read(brand, null);
                            return state == null ? null : state.lastBucket();
                        });
    }
}
