package org.caresignal.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.UUID;
import org.caresignal.ingest.domain.OutboxEvent;
import org.caresignal.ingest.repository.OutboxRepository;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Management;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Through the real broker and database: an outbox event the broker refuses (larger than Kafka
 * takes) no longer holds the events behind it; after the bounded attempts it is quarantined,
 * reported in health and metrics, listed for admins, and a requeued event goes out again.
 */
@QuarkusTest
class OutboxQuarantineTest {

    private static final String TOPIC = "mentions.ingested.v1";
    // Over the producer's max.request.size (1 MiB), so the broker never takes it.
    private static final String TOO_LARGE = "x".repeat(1_100_000);

    @Inject OutboxRepository outbox;
    @Inject MeterRegistry registry;

    private final int maxAttempts =
            ConfigProvider.getConfig()
                    .getValue("caresignal.ingest.outbox.max-attempts", Integer.class);

    @Test
    void anEventThatKeepsFailingIsQuarantinedWhileTheEventsBehindItGoOut() {
        var brand = "outbox-" + UUID.randomUUID().toString().substring(0, 8);
        long stuck = insert(brand, TOO_LARGE, null);
        var behind = new ArrayList<String>();

        // Events keep arriving behind the stuck one; each relay round sends them past it.
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> {
                            var probe = "probe-" + UUID.randomUUID();
                            behind.add(probe);
                            insert(brand, "{\"probe\":\"" + probe + "\"}", null);
                            return find(stuck).quarantinedAt != null;
                        });

        var quarantined = find(stuck);
        assertThat(quarantined.attempts).isEqualTo(maxAttempts);
        assertThat(quarantined.lastError).isEqualTo(OutboxRelay.QUARANTINE_REASON);
        var last = behind.get(behind.size() - 1);
        var sent =
                KafkaTestClient.readUntil(
                        TOPIC, r -> brand.equals(r.key()), r -> r.value().contains(last));
        assertThat(sent)
                .extracting(r -> r.value())
                .allMatch(v -> v.startsWith("{\"probe\""))
                .hasSize(behind.size());
        // The relay no longer picks it up, and the operator sees it.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                Management.given()
                                        .get("/q/health/ready")
                                        .then()
                                        .body(
                                                "checks.find { it.name == 'Kafka outbox relay' }"
                                                        + ".data.quarantined",
                                                greaterThanOrEqualTo(1)));
        assertThat(Management.metrics()).contains("caresignal_outbox_quarantined");
        var listed =
                Api.asAdmin()
                        .get("/api/outbox/quarantined")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(listed.getList("outboxId", Long.class)).contains(stuck);
        assertThat(listed.getString("find { it.outboxId == " + stuck + " }.key")).isEqualTo(brand);
        assertThat(listed.getString("find { it.outboxId == " + stuck + " }.reason"))
                .isEqualTo(OutboxRelay.QUARANTINE_REASON);
        assertThat(listed.getMap("[0]")).doesNotContainKey("payload");
        Api.asViewer().get("/api/outbox/quarantined").then().statusCode(403);
    }

    @Test
    void twoEventsThatKeepFailingInARowAreBothQuarantinedWhileTheEventsBehindThemGoOut() {
        var brand = "outbox-" + UUID.randomUUID().toString().substring(0, 8);
        long first = insert(brand, TOO_LARGE, null);
        long second = insert(brand, TOO_LARGE, null);
        var behind = new ArrayList<String>();

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> {
                            var probe = "probe-" + UUID.randomUUID();
                            behind.add(probe);
                            insert(brand, "{\"probe\":\"" + probe + "\"}", null);
                            return find(first).quarantinedAt != null
                                    && find(second).quarantinedAt != null;
                        });

        assertThat(find(first).attempts).isEqualTo(maxAttempts);
        assertThat(find(second).attempts).isEqualTo(maxAttempts);
        var last = behind.get(behind.size() - 1);
        var sent =
                KafkaTestClient.readUntil(
                        TOPIC, r -> brand.equals(r.key()), r -> r.value().contains(last));
        // Each probe once, none lost behind the two stuck events.
        assertThat(sent)
                .extracting(r -> r.value())
                .allMatch(v -> v.startsWith("{\"probe\""))
                .doesNotHaveDuplicates()
                .hasSize(behind.size());
    }

    @Test
    void aRequeuedEventIsSentAndTheRequeueIsAudited() {
        var brand = "outbox-" + UUID.randomUUID().toString().substring(0, 8);
        var probe = "probe-" + UUID.randomUUID();
        // Quarantined earlier, for a cause since fixed.
        long id = insert(brand, "{\"probe\":\"" + probe + "\"}", Instant.now());

        Api.asAdmin()
                .post("/api/outbox/quarantined/" + id + "/requeue")
                .then()
                .statusCode(200)
                .body("outboxId", equalTo((int) id))
                .body("attempts", equalTo(0));

        KafkaTestClient.readUntil(
                TOPIC, r -> brand.equals(r.key()), r -> r.value().contains(probe));
        await().atMost(Duration.ofSeconds(10)).until(() -> find(id) == null);
        Api.asAdmin()
                .get("/api/audit?action=outbox.requeue")
                .then()
                .statusCode(200)
                .body("items.find { it.target == '" + id + "' }.action", equalTo("outbox.requeue"));
        Api.asAdmin()
                .post("/api/outbox/quarantined/" + id + "/requeue")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theAgeOfTheOldestWaitingEventIsExportedWhileItWaits() {
        var brand = "outbox-" + UUID.randomUUID().toString().substring(0, 8);
        // Written ten minutes ago and refused by the broker, so it waits.
        long stuck = insert(brand, TOO_LARGE, null, Instant.now().minus(10, ChronoUnit.MINUTES));
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(oldestAge()).isGreaterThanOrEqualTo(600));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> outbox.deleteById(stuck));
        }
        // Gone from the outbox: the next round reads no such old event (after its backoff).
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(oldestAge()).isLessThan(600));
    }

    private double oldestAge() {
        return registry.get("caresignal.outbox.oldest.age").gauge().value();
    }

    private long insert(String key, String payload, Instant quarantinedAt) {
        return insert(key, payload, quarantinedAt, Instant.now());
    }

    private long insert(String key, String payload, Instant quarantinedAt, Instant createdAt) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            var event = new OutboxEvent();
                            event.eventId = UUID.randomUUID();
                            event.topic = TOPIC;
                            event.key = key;
                            event.payload = payload;
                            event.createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
                            event.attempts = quarantinedAt == null ? 0 : maxAttempts;
                            event.quarantinedAt = quarantinedAt;
                            event.lastError =
                                    quarantinedAt == null ? null : OutboxRelay.QUARANTINE_REASON;
                            outbox.persist(event);
                            return event.id;
                        });
    }

    private OutboxEvent find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.findById(id));
    }
}
