package org.caresignal.alert.support;

import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.function.Predicate;

/** Reads the stats endpoint, waiting where counting happens asynchronously. */
public final class Stats {

    private Stats() {}

    /** The stats of {@code brand} on the golden event's day. */
    public static JsonPath goldenDay(String brand) {
        return Api.asViewer()
                .get("/api/brands/" + brand + "/stats" + ScoredMentions.GOLDEN_DAY_QUERY)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Polls {@link #goldenDay} until {@code done} holds (or 30 s pass) and returns that answer. */
    public static JsonPath awaitGoldenDay(String brand, Predicate<JsonPath> done) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> goldenDay(brand), done);
    }

    /** The stats of {@code brand} over {@code [from, to)}. */
    public static JsonPath get(String brand, String from, String to) {
        return Api.asViewer()
                .queryParam("from", from)
                .queryParam("to", to)
                .get("/api/brands/" + brand + "/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
