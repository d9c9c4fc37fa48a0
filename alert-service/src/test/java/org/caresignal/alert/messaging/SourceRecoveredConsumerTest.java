package org.caresignal.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Routes;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * The consumer side of the {@code SourceRecovered} contract: the golden file through the real
 * broker resolves the connector's {@code SOURCE_SILENT} incident as {@code system:source-health}
 * (audited, {@code AlertResolved} published, the resolve routed to the operations channel), once
 * per event id; a recovery without an incident changes nothing; unknown event types and poison go
 * to the DLQ.
 */
@QuarkusTest
class SourceRecoveredConsumerTest {

    private static final String TOPIC = "sources.silent.v1";
    private static final String DLQ = "sources.silent.v1.dlq";

    private static ObjectNode golden(String event, String brand) {
        try {
            var node =
                    (ObjectNode)
                            Channels.mapper()
                                    .readTree(
                                            Files.readString(
                                                    Path.of("../docs/events/" + event + ".v1.json"),
                                                    StandardCharsets.UTF_8));
            node.put("eventId", UUID.randomUUID().toString());
            node.put("brandId", brand);
            return node;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath detail(String incident) {
        return Api.asViewer()
                .get("/api/incidents/" + incident)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void theGoldenRecoveryResolvesTheConnectorsAcknowledgedIncidentOnceAndNotifiesOperations() {
        var brand = ScoredMentions.uniqueBrand();
        var ops = Routes.webhook("operations", "http://127.0.0.1:1/never-called-in-this-test");
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
            var silent = golden("SourceSilent", brand);
            var otherSilent = golden("SourceSilent", brand);
            otherSilent.put("connectorId", "riverside-reddit");
            otherSilent.put("source", "reddit");
            KafkaTestClient.send(TOPIC, brand, silent.toString(), otherSilent.toString());
            var raised = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 2);
            var incident = raised.getString("find { it.subject == 'riverside-x' }.id");
            var other = raised.getString("find { it.subject == 'riverside-reddit' }.id");
            Channels.act("ops@riverside.example", incident, "acknowledge", "{}");

            var recovered = golden("SourceRecovered", brand);
            recovered.put("silenceEventId", silent.get("eventId").asText());
            KafkaTestClient.send(TOPIC, brand, recovered.toString());

            var after =
                    Scenario.awaitIncidents(
                            brand,
                            j ->
                                    "RESOLVED"
                                            .equals(
                                                    j.getString(
                                                            "find { it.id == '"
                                                                    + incident
                                                                    + "' }.status")));
            // Only the recovered connector's incident is resolved.
            assertThat(after.getString("find { it.id == '" + other + "' }.status"))
                    .isEqualTo("OPEN");
            var trail = detail(incident);
            assertThat(trail.getList("audit.action", String.class))
                    .containsExactly("RAISED", "ACKNOWLEDGED", "RESOLVED");
            assertThat(trail.getString("audit[2].actor")).isEqualTo("system:source-health");
            assertThat(trail.getString("audit[2].detail"))
                    .contains(
                            "riverside-x",
                            "delivers again since 2026-12-01T00:00:07Z",
                            "PT153H57M7S");
            assertThat(trail.getString("incident.resolvedBy")).isEqualTo("system:source-health");

            var resolved =
                    Alerts.readUntil(
                                    brand,
                                    n ->
                                            "AlertResolved".equals(n.path("eventType").asText())
                                                    && incident.equals(
                                                            n.path("incidentId").asText()))
                            .stream()
                            .filter(Alerts.ofType("AlertResolved"))
                            .toList();
            assertThat(resolved).hasSize(1);
            Alerts.assertMatchesGolden(resolved.get(0), "AlertResolved");
            assertThat(resolved.get(0).get("actor").asText()).isEqualTo("system:source-health");
            assertThat(resolved.get(0).get("kind").asText()).isEqualTo("SOURCE_SILENT");

            var log =
                    Channels.awaitDeliveries(
                            incident,
                            ops,
                            j -> j.getList("change", String.class).contains("RESOLVED"));
            assertThat(log.getList("change", String.class)).contains("RAISED", "RESOLVED");

            // The connector goes silent again; the old recovery redelivered must not resolve it.
            var again = golden("SourceSilent", brand);
            KafkaTestClient.send(TOPIC, brand, again.toString());
            Scenario.awaitIncidents(
                    brand,
                    j ->
                            j.getList(
                                                    "findAll { it.subject == 'riverside-x'"
                                                            + " && it.status != 'RESOLVED' }")
                                            .size()
                                    == 1);
            var marker = golden("SourceSilent", brand);
            marker.put("connectorId", "riverside-rss");
            marker.put("source", "rss");
            KafkaTestClient.send(TOPIC, brand, recovered.toString(), marker.toString());
            var settled =
                    Scenario.awaitIncidents(
                            brand,
                            j ->
                                    j.getList("findAll { it.subject == 'riverside-rss' }").size()
                                            == 1);
            assertThat(
                            settled.getList(
                                    "findAll { it.subject == 'riverside-x'"
                                            + " && it.status != 'RESOLVED' }"))
                    .hasSize(1);
        } finally {
            routes.forEach(Routes::delete);
            Channels.delete(ops);
        }
    }

    @Test
    void anOperatorsDeleteOrDisableResolvesTheIncidentWithAnAuditSayingSo() {
        var brand = ScoredMentions.uniqueBrand();
        var silent = golden("SourceSilent", brand);
        var otherSilent = golden("SourceSilent", brand);
        otherSilent.put("connectorId", "riverside-reddit");
        otherSilent.put("source", "reddit");
        otherSilent.put("reason", "FAILING");
        otherSilent.putNull("rateLimitedUntil");
        KafkaTestClient.send(TOPIC, brand, silent.toString(), otherSilent.toString());
        var raised = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 2);
        var deletedIncident = raised.getString("find { it.subject == 'riverside-x' }.id");
        var disabledIncident = raised.getString("find { it.subject == 'riverside-reddit' }.id");
        assertThat(
                        raised.getString(
                                "find { it.subject == 'riverside-reddit' }.explanation.summary"))
                .contains("is failing");

        // As ingest-service publishes them in the transaction of the operator's change.
        var deleted = golden("SourceRecovered", brand);
        deleted.put("silenceEventId", silent.get("eventId").asText());
        deleted.put("resolution", "DELETED");
        deleted.putNull("firstItemAt");
        var disabled = golden("SourceRecovered", brand);
        disabled.put("connectorId", "riverside-reddit");
        disabled.put("source", "reddit");
        disabled.put("silenceEventId", otherSilent.get("eventId").asText());
        disabled.put("resolution", "DISABLED");
        disabled.putNull("firstItemAt");
        KafkaTestClient.send(
                TOPIC, brand, deleted.toString(), disabled.toString(), deleted.toString());

        Scenario.awaitIncidents(
                brand, j -> j.getList("findAll { it.status == 'RESOLVED' }").size() == 2);
        var trail = detail(deletedIncident);
        assertThat(trail.getList("audit.action", String.class))
                .containsExactly("RAISED", "RESOLVED");
        assertThat(trail.getString("audit[1].actor")).isEqualTo("system:source-health");
        assertThat(trail.getString("audit[1].detail"))
                .startsWith("connector deleted by an operator: source x (connector riverside-x)")
                .contains("2026-11-24T14:03:00Z");
        assertThat(trail.getString("incident.resolvedBy")).isEqualTo("system:source-health");
        var other = detail(disabledIncident);
        assertThat(other.getList("audit.action", String.class))
                .containsExactly("RAISED", "RESOLVED");
        assertThat(other.getString("audit[1].detail"))
                .startsWith("connector disabled by an operator: source reddit");
    }

    @Test
    void aRecoveryWithoutAnIncidentChangesNothingAndUnknownTypesAndPoisonAreDeadLettered() {
        var brand = ScoredMentions.uniqueBrand();
        var unknown = golden("SourceSilent", brand);
        unknown.put("eventType", "SourceExploded");
        var missing = golden("SourceRecovered", brand);
        missing.remove("connectorId");
        var badTime = golden("SourceRecovered", brand);
        badTime.put("firstItemAt", "yesterday");

        // Nothing open for the brand: the recovery is a no-op, not an error.
        var lonely = golden("SourceRecovered", brand);
        var marker = golden("SourceSilent", brand);
        marker.put("connectorId", "riverside-rss");
        KafkaTestClient.send(
                TOPIC,
                brand,
                lonely.toString(),
                unknown.toString(),
                missing.toString(),
                badTime.toString(),
                marker.toString());

        var dead = deadLetters(brand, 3);
        assertThat(dead)
                .extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder(
                        unknown.toString(), missing.toString(), badTime.toString());
        assertThat(dead)
                .extracting(r -> KafkaTestClient.header(r, "dead-letter-reason"))
                .anySatisfy(
                        h ->
                                assertThat(h)
                                        .contains(
                                                "eventType SourceExploded is not SourceSilent or"
                                                        + " SourceRecovered"))
                .anySatisfy(h -> assertThat(h).contains("connectorId is missing"))
                .anySatisfy(h -> assertThat(h).contains("firstItemAt has the wrong type"));
        var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        assertThat(incidents.getString("[0].subject")).isEqualTo("riverside-rss");
        assertThat(incidents.getString("[0].status")).isEqualTo("OPEN");
        assertThat(incidents.getInt("[0].updates")).isZero();
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String brand, int count) {
        return KafkaTestClient.firstKeyed(DLQ, brand, count);
    }
}
