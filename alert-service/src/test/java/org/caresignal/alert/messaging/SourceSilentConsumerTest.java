package org.caresignal.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Routes;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * The consumer side of the {@code SourceSilent} contract: the golden file through the real broker
 * raises one operational incident routed to the operations channel; poison goes to the DLQ.
 */
@QuarkusTest
class SourceSilentConsumerTest {

    private static final String TOPIC = "sources.silent.v1";
    private static final String DLQ = "sources.silent.v1.dlq";
    private static final Path GOLDEN = Path.of("../docs/events/SourceSilent.v1.json");

    private static ObjectNode goldenFor(String brand) {
        try {
            var node =
                    (ObjectNode)
                            Channels.mapper()
                                    .readTree(Files.readString(GOLDEN, StandardCharsets.UTF_8));
            node.put("eventId", UUID.randomUUID().toString());
            node.put("brandId", brand);
            return node;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(ObjectNode node) {
        return node.toString();
    }

    @Test
    void theGoldenEventRaisesAnOperationalIncidentRoutedToOperationsFoldingRepeatsPerConnector() {
        var brand = ScoredMentions.uniqueBrand();
        var ops = Routes.webhook("operations", "http://127.0.0.1:1/never-called-in-this-test");
        var comms = Routes.webhook("comms", "http://127.0.0.1:1/never-called-either");
        var routes = new ArrayList<String>();
        try {
            routes.add(
                    Routes.create(
                            Map.of(
                                    "name",
                                    "source health to operations",
                                    "position",
                                    1,
                                    "kinds",
                                    List.of("SOURCE_SILENT"),
                                    "brandId",
                                    brand,
                                    "channelIds",
                                    List.of(ops))));
            routes.add(
                    Routes.create(
                            Map.of(
                                    "name",
                                    "the rest to comms",
                                    "position",
                                    2,
                                    "brandId",
                                    brand,
                                    "channelIds",
                                    List.of(comms))));
            var golden = goldenFor(brand);
            KafkaTestClient.send(TOPIC, brand, json(golden));

            var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
            assertThat(incidents.getString("[0].kind")).isEqualTo("SOURCE_SILENT");
            assertThat(incidents.getString("[0].severity")).isEqualTo("HIGH");
            assertThat(incidents.getString("[0].status")).isEqualTo("OPEN");
            // The optional reason and rateLimitedUntil of the golden event are in the explanation.
            assertThat(incidents.getList("[0].explanation.triggers", String.class))
                    .containsExactly("SOURCE_SILENT:riverside-x", "REASON:RATE_LIMITED");
            assertThat(incidents.getString("[0].explanation.summary"))
                    .startsWith(
                            "Source x (connector riverside-x) is rate-limited until"
                                    + " 2026-12-01T00:00:00Z")
                    .contains(
                            "2026-11-24T14:03:00Z",
                            "RATE_LIMITED 429: the source is rate limiting us");
            var incident = incidents.getString("[0].id");
            var log = Channels.awaitDeliveries(incident, ops, j -> j.getList("$").size() == 1);
            assertThat(log.getString("[0].change")).isEqualTo("RAISED");
            assertThat(Channels.awaitDeliveries(incident, comms, j -> true).getList("$")).isEmpty();

            // The same event again (redelivery) changes nothing; a new one folds in.
            var again = goldenFor(brand);
            again.put("occurredAt", "2026-11-24T21:05:00Z");
            KafkaTestClient.send(TOPIC, brand, json(golden), json(again));
            var folded = Scenario.awaitIncidents(brand, j -> j.getInt("[0].updates") >= 1);
            assertThat(folded.getList("$")).hasSize(1);
            var trail =
                    org.caresignal.alert.support.Api.asViewer()
                            .get("/api/incidents/" + incident)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
            assertThat(trail.getList("audit.action", String.class))
                    .containsExactly("RAISED", "FOLDED");
            assertThat(trail.getList("audit.actor", String.class))
                    .containsOnly("system:source-health");
            assertThat(folded.getInt("[0].updates")).isEqualTo(1);
            assertThat(folded.getString("[0].subject")).isEqualTo("riverside-x");

            // Another connector of the brand going silent is its own operational incident.
            var other = goldenFor(brand);
            other.put("connectorId", "riverside-reddit");
            other.put("source", "reddit");
            KafkaTestClient.send(TOPIC, brand, json(other));
            var both = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 2);
            assertThat(both.getList("subject", String.class))
                    .containsExactlyInAnyOrder("riverside-x", "riverside-reddit");
        } finally {
            routes.forEach(Routes::delete);
            Channels.delete(ops);
            Channels.delete(comms);
        }
    }

    @Test
    void poisonIsDeadLetteredAndTheNextEventIsProcessed() {
        var brand = ScoredMentions.uniqueBrand();
        var malformed = "{\"brandId\": \"" + brand + "\", not json";
        var missing = goldenFor(brand);
        missing.remove("connectorId");
        var badBrand = goldenFor(brand);
        badBrand.put("brandId", "Not A Slug " + brand);

        KafkaTestClient.send(
                TOPIC, brand, malformed, json(missing), json(badBrand), json(goldenFor(brand)));

        var dead = deadLetters(brand, 3);
        assertThat(dead).extracting(ConsumerRecord::value).contains(malformed, json(missing));
        assertThat(dead)
                .extracting(r -> KafkaTestClient.header(r, "dead-letter-reason"))
                .anySatisfy(h -> assertThat(h).contains("not valid JSON"))
                .anySatisfy(h -> assertThat(h).contains("connectorId is missing"))
                .anySatisfy(h -> assertThat(h).contains("brandId is not a slug"));
        var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        assertThat(incidents.getString("[0].kind")).isEqualTo("SOURCE_SILENT");
        assertThat(incidents.getInt("[0].updates")).isZero();
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String brand, int count) {
        return KafkaTestClient.firstKeyed(DLQ, brand, count);
    }
}
