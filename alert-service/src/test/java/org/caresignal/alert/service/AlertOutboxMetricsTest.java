package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.caresignal.alert.repository.AlertOutboxRepository;
import org.junit.jupiter.api.Test;

/**
 * The outbox gauges through the real relay, broker and database: an event the broker refuses waits,
 * and its age and the backlog show on the metrics until it is gone.
 */
@QuarkusTest
class AlertOutboxMetricsTest {

    // Over the producer's max.request.size (1 MiB): the broker never takes it.
    private static final String TOO_LARGE = "{\"x\":\"" + "x".repeat(1_100_000) + "\"}";

    @Inject AlertOutboxRepository outbox;
    @Inject EntityManager em;
    @Inject MeterRegistry registry;

    @Test
    void anEventThatCannotBeSentShowsInTheBacklogAndItsAgeUntilItIsGone() {
        var eventId = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            outbox.add(
                                    AlertOutboxRepository.ALERTS_TOPIC,
                                    eventId,
                                    "outbox-metrics-" + eventId,
                                    null,
                                    TOO_LARGE);
                            // Written ten minutes ago: the relay has been failing since.
                            em.createNativeQuery(
                                            "UPDATE alert_outbox SET created_at = now() -"
                                                    + " interval '10 minutes' WHERE event_id ="
                                                    + " :id")
                                    .setParameter("id", eventId)
                                    .executeUpdate();
                        });
        try {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> {
                                assertThat(gauge("caresignal.outbox.oldest.age"))
                                        .isGreaterThanOrEqualTo(600);
                                assertThat(gauge("caresignal.outbox.backlog"))
                                        .isGreaterThanOrEqualTo(1);
                            });
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(
                            () ->
                                    em.createNativeQuery(
                                                    "DELETE FROM alert_outbox WHERE event_id = :id")
                                            .setParameter("id", eventId)
                                            .executeUpdate());
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(gauge("caresignal.outbox.oldest.age")).isLessThan(600));
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }
}
