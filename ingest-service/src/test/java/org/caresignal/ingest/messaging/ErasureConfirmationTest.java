package org.caresignal.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Erasures;
import org.caresignal.ingest.support.GoldenShape;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Mentions;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.Test;

/**
 * The consumer side of ErasureConfirmed, through the real broker: the golden example (with a real
 * erasure id) from sentiment-service and alert-service moves the report from PENDING to CONFIRMED
 * with the deliveries alert-service listed; a second copy changes nothing; a record that cannot be
 * read goes to erasures.confirmed.v1.dlq and does not stop the consumer.
 */
@QuarkusTest
class ErasureConfirmationTest extends TestStack {

    private static final String TOPIC = "erasures.confirmed.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject EntityManager em;

    @Test
    void theReportIsConfirmedOnceBothServicesConfirmedAndACopyChangesNothing() throws Exception {
        var erasureId = erasure();
        Api.asAdmin()
                .get("/api/erasures/" + erasureId)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"));

        KafkaTestClient.send(TOPIC, erasureId, confirmation(erasureId, "sentiment-service", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmations(erasureId) == 1);
        Api.asAdmin()
                .get("/api/erasures/" + erasureId)
                .then()
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"))
                .body(
                        "services.find { it.service == 'sentiment-service' }.erased",
                        org.hamcrest.Matchers.equalTo(1))
                .body(
                        "services.find { it.service == 'alert-service' }.confirmedAt",
                        org.hamcrest.Matchers.nullValue());

        var alert = confirmation(erasureId, "alert-service", 1);
        KafkaTestClient.send(TOPIC, erasureId, alert);
        KafkaTestClient.send(TOPIC, erasureId, alert);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                Api.asAdmin()
                                        .get("/api/erasures/" + erasureId)
                                        .then()
                                        .body(
                                                "status",
                                                org.hamcrest.Matchers.equalTo("CONFIRMED")));
        var golden = GoldenShape.golden("ErasureConfirmed").get("deliveries").get(0);
        var report =
                JSON.readTree(
                        Api.asAdmin()
                                .get("/api/erasures/" + erasureId)
                                .then()
                                .extract()
                                .asString());
        assertThat(report.get("deliveries")).hasSize(1);
        assertThat(report.get("deliveries").get(0)).isEqualTo(golden);
        assertThat(report.get("services").get(2).get("confirmedAt").isNull()).isFalse();
        // The copy was consumed too (a later record is stored), and left one row per service.
        var later = erasure();
        KafkaTestClient.send(TOPIC, later, confirmation(later, "sentiment-service", 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmations(later) == 1);
        assertThat(confirmations(erasureId)).isEqualTo(2);
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAndTheNextOneStillStored() throws Exception {
        var marker = "not-json-" + UUID.randomUUID();
        KafkaTestClient.send(TOPIC, marker, "{" + marker);
        var erasureId = erasure();
        KafkaTestClient.send(TOPIC, erasureId, confirmation(erasureId, "alert-service", 1));

        var dead =
                KafkaTestClient.readUntil(
                        TOPIC + ".dlq", r -> marker.equals(r.key()), r -> marker.equals(r.key()));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo("{" + marker);
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmations(erasureId) == 1);
    }

    /** The golden example for this erasure and service. */
    private static String confirmation(String erasureId, String service, int erased) {
        var event = (ObjectNode) GoldenShape.golden("ErasureConfirmed").deepCopy();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("erasureId", erasureId);
        event.put("service", service);
        event.put("erased", erased);
        if (!"alert-service".equals(service)) {
            event.putArray("deliveries");
        }
        return event.toString();
    }

    /** An erasure of one freshly pushed post, by its id at the source. */
    private static String erasure() {
        var brand = Mentions.uniqueBrand();
        var mention = Mentions.valid(brand);
        Integrations.webhook().body(mention).post("/api/mentions").then().statusCode(202);
        return Erasures.post(Erasures.byPost("webhook", (String) mention.get("externalId")))
                .statusCode(202)
                .extract()
                .path("id");
    }

    private long confirmations(String erasureId) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                ((Number)
                                                em.createNativeQuery(
                                                                "select count(*) from"
                                                                        + " erasure_confirmation"
                                                                        + " where erasure_id = ?1")
                                                        .setParameter(1, UUID.fromString(erasureId))
                                                        .getSingleResult())
                                        .longValue());
    }
}
