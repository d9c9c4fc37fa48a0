package org.caresignal.alert.support;

import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Mention series sent through the real broker: a quiet day then a burst of negative mentions in two
 * consecutive buckets (a spike the balanced detector pages), and the quiet that resolves it.
 */
public final class Scenario {

    /** The series starts here (a Monday in the past, so every bucket closes by event time). */
    public static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    /** The first spike bucket, after the detector's one-day warm-up. */
    public static final Instant SPIKE = T0.plus(Duration.ofHours(26));

    public static final String CALM = "Visited the clinic today, all fine.";
    public static final String ANGRY =
            "Waited 6 hours in the ER last night, nobody told us anything.";
    public static final String BREACH =
            "Patient records were leaked online after the hospital got hacked";

    private Scenario() {}

    /** {@link #spike} with every mention at {@code facility}. */
    public static void spikeAt(String brand, String facility) {
        var values = new ArrayList<String>();
        values.add(ScoredMentions.atFacility(brand, facility, "NEUTRAL", T0.plusSeconds(60), CALM));
        for (var start : List.of(SPIKE.plusSeconds(60), SPIKE.plusSeconds(360))) {
            for (int i = 0; i < 16; i++) {
                values.add(
                        ScoredMentions.atFacility(
                                brand,
                                facility,
                                i < 12 ? "NEGATIVE" : "NEUTRAL",
                                start.plusSeconds(i),
                                ANGRY));
            }
        }
        values.add(
                ScoredMentions.atFacility(
                        brand, facility, "NEUTRAL", SPIKE.plusSeconds(13 * 60), CALM));
        KafkaTestClient.send(ScoredMentions.TOPIC, brand, values.toArray(String[]::new));
    }

    /** A quiet first mention, two bursts of 16 (12 negative) and a later one closing them. */
    public static void spike(String brand) {
        var values = new ArrayList<String>();
        values.add(ScoredMentions.at(brand, "NEUTRAL", T0.plusSeconds(60), CALM));
        burst(values, brand, SPIKE.plusSeconds(60));
        burst(values, brand, SPIKE.plusSeconds(360));
        values.add(ScoredMentions.at(brand, "NEUTRAL", SPIKE.plusSeconds(13 * 60), CALM));
        KafkaTestClient.send(ScoredMentions.TOPIC, brand, values.toArray(String[]::new));
    }

    /** 12 negative and 4 neutral mentions within one bucket, from {@code at}. */
    private static void burst(List<String> values, String brand, Instant at) {
        for (int i = 0; i < 16; i++) {
            values.add(
                    ScoredMentions.at(
                            brand, i < 12 ? "NEGATIVE" : "NEUTRAL", at.plusSeconds(i), ANGRY));
        }
    }

    /** More negatives while the episode is still open: must not page again. */
    public static void moreOfTheSame(String brand) {
        var values = new ArrayList<String>();
        for (int i = 0; i < 6; i++) {
            values.add(ScoredMentions.at(brand, "NEGATIVE", SPIKE.plusSeconds(15 * 60 + i), ANGRY));
        }
        values.add(ScoredMentions.at(brand, "NEUTRAL", SPIKE.plusSeconds(23 * 60), CALM));
        KafkaTestClient.send(ScoredMentions.TOPIC, brand, values.toArray(String[]::new));
    }

    /** A calm mention two hours later: the quiet buckets in between resolve the episode. */
    public static void calmLater(String brand) {
        KafkaTestClient.send(
                ScoredMentions.TOPIC,
                brand,
                ScoredMentions.at(brand, "NEUTRAL", SPIKE.plus(Duration.ofHours(2)), CALM));
    }

    /** One critical post for {@code brand} at {@code at}. */
    public static void criticalPost(String brand, Instant at) {
        KafkaTestClient.send(
                ScoredMentions.TOPIC, brand, ScoredMentions.at(brand, "NEGATIVE", at, BREACH));
    }

    /** The brand's incidents from the API. */
    public static JsonPath incidents(String brand) {
        return Api.asViewer()
                .queryParam("brand", brand)
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Polls the brand's incidents until {@code done} holds (or 60 s pass). */
    public static JsonPath awaitIncidents(String brand, Predicate<JsonPath> done) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> incidents(brand), done);
    }
}
