package org.caresignal.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * MentionScored's optional aspects, from the golden file through the real broker: the negative ones
 * of each counted mention are stored, and the alerts their window raises list the top aspects of
 * the window's negative mentions in the REST detail and on alerts.v1.
 */
@QuarkusTest
class MentionAspectsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theGoldenMentionsNegativeAspectDrivesTheCriticalPostsExplanation() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        // The golden event as published (aspects: emergency-wait NEGATIVE, nursing-care
        // POSITIVE), with a critical text and two more aspects: one negative, one not a slug.
        var event = ScoredMentions.goldenFor(brand);
        event.put("text", Scenario.BREACH);
        var aspects = event.withArray("aspects");
        aspects.addObject().put("aspect", "billing").put("label", "NEGATIVE").put("score", -0.4);
        aspects.addObject().put("aspect", "Not A Slug").put("label", "NEGATIVE").put("score", -1);
        KafkaTestClient.send(ScoredMentions.TOPIC, brand, event.toString());

        var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        assertThat(incidents.getString("[0].kind")).isEqualTo("CRITICAL_POST");
        var expected =
                List.of(
                        Map.of("aspect", "billing", "negative", 1, "share", 1.0f),
                        Map.of("aspect", "emergency-wait", "negative", 1, "share", 1.0f));
        assertThat(incidents.getList("[0].explanation.aspects")).isEqualTo(expected);

        var raised = Alerts.readUntil(brand, Alerts.ofType("AlertRaised")).get(0);
        Alerts.assertMatchesGolden(raised, "AlertRaised");
        assertThat(MAPPER.convertValue(raised.get("aspects"), List.class))
                .isEqualTo(
                        List.of(
                                Map.of("aspect", "billing", "negative", 1, "share", 1.0),
                                Map.of("aspect", "emergency-wait", "negative", 1, "share", 1.0)));
    }

    @Test
    void aSpikesExplanationListsTheTopAspectsOfItsNegativeMentionsWithCountsAndShares() {
        var brand = ScoredMentions.uniqueBrand();
        var values = new ArrayList<String>();
        values.add(mention(brand, "NEUTRAL", Scenario.T0.plusSeconds(60), List.of()));
        for (var start : List.of(Scenario.SPIKE.plusSeconds(60), Scenario.SPIKE.plusSeconds(360))) {
            for (int i = 0; i < 16; i++) {
                var at = start.plusSeconds(i);
                if (i < 8) {
                    values.add(mention(brand, "NEGATIVE", at, List.of("emergency-wait")));
                } else if (i < 11) {
                    values.add(mention(brand, "NEGATIVE", at, List.of("billing")));
                } else if (i < 12) {
                    values.add(mention(brand, "NEGATIVE", at, List.of()));
                } else {
                    // Negative about parking, but not a negative mention: not in the explanation.
                    values.add(mention(brand, "NEUTRAL", at, List.of("parking")));
                }
            }
        }
        values.add(mention(brand, "NEUTRAL", Scenario.SPIKE.plusSeconds(13 * 60), List.of()));
        KafkaTestClient.send(ScoredMentions.TOPIC, brand, values.toArray(String[]::new));

        var open = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        var id = open.getString("[0].id");
        var detail =
                Api.asViewer()
                        .get("/api/incidents/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        long negative = detail.getLong("incident.explanation.counts.negative");
        // Each firing bucket holds 12 negatives: 8 about waits, 3 about billing, 1 about nothing.
        assertThat(negative % 12).isZero();
        assertAspects(detail, "incident.explanation.aspects", negative);

        var raised = Alerts.readUntil(brand, Alerts.ofType("AlertRaised")).get(0);
        Alerts.assertMatchesGolden(raised, "AlertRaised");
        var onTheWire = raised.get("aspects");
        assertThat(onTheWire).hasSize(2);
        assertThat(onTheWire.get(0).get("aspect").asText()).isEqualTo("emergency-wait");
        assertThat(onTheWire.get(0).get("negative").asLong()).isEqualTo(negative * 8 / 12);
        assertThat(onTheWire.get(0).get("share").asDouble()).isEqualTo(0.67);
        assertThat(onTheWire.get(1).get("aspect").asText()).isEqualTo("billing");
        assertThat(onTheWire.get(1).get("share").asDouble()).isEqualTo(0.25);
    }

    private static void assertAspects(JsonPath json, String path, long negative) {
        assertThat(json.getList(path + ".aspect", String.class))
                .containsExactly("emergency-wait", "billing");
        assertThat(json.getLong(path + "[0].negative")).isEqualTo(negative * 8 / 12);
        assertThat(json.getLong(path + "[1].negative")).isEqualTo(negative * 3 / 12);
        assertThat(json.getDouble(path + "[0].share")).isEqualTo(0.67);
        assertThat(json.getDouble(path + "[1].share")).isEqualTo(0.25);
    }

    /** A golden-file mention whose aspects are {@code negativeAspects}, each NEGATIVE. */
    private static String mention(
            String brand, String label, Instant at, List<String> negativeAspects) {
        try {
            var event =
                    (ObjectNode)
                            MAPPER.readTree(ScoredMentions.at(brand, label, at, Scenario.ANGRY));
            var aspects = event.putArray("aspects");
            for (var aspect : negativeAspects) {
                aspects.addObject()
                        .put("aspect", aspect)
                        .put("label", "NEGATIVE")
                        .put("score", -0.5);
            }
            return event.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
