package org.caresignal.alert.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BacktestResourceTest {

    private static io.restassured.response.ValidatableResponse backtest(String body) {
        return Api.asAnalyst()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/backtest")
                .then();
    }

    @Test
    void replaysStoredCountsAndListsTheIncidentsAConfigurationWouldHaveOpened() {
        var brand = ScoredMentions.uniqueBrand();
        Scenario.spike(brand);
        Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        var range = "\"from\": \"2026-01-05T00:00:00Z\", \"to\": \"2026-01-07T00:00:00Z\"";

        backtest("{\"brandId\": \"" + brand + "\", " + range + "}")
                .statusCode(200)
                .body("sensitivity", equalTo("balanced"))
                .body("bucketMinutes", equalTo(5))
                .body("buckets", equalTo(576))
                .body("pages", equalTo(1))
                .body("incidents[0].pagedAt", equalTo(Scenario.SPIKE.plusSeconds(300).toString()))
                .body("incidents[0].episodeStart", equalTo(Scenario.SPIKE.toString()))
                .body("incidents[0].resolvedAt", equalTo("2026-01-06T03:05:00Z"))
                .body("incidents[0].severity", equalTo("HIGH"))
                .body(
                        "incidents[0].triggers",
                        equalTo(List.of("NEGATIVE_VOLUME", "NEGATIVE_SHARE", "TOTAL_VOLUME")))
                .body("incidents[0].peakScore", equalTo(1.0f))
                .body("incidents[0].reopens", equalTo(0));

        backtest(
                        "{\"brandId\": \""
                                + brand
                                + "\", "
                                + range
                                + ", \"minNegative\": 100, \"minTotal\": 100}")
                .statusCode(200)
                .body("pages", equalTo(0))
                .body("incidents.size()", equalTo(0));
    }

    @Test
    void withoutSettingsTheBrandsSavedConfigurationRunsElseTheDefaultAndTheResponseSaysWhich() {
        var brand = ScoredMentions.uniqueBrand();
        Scenario.spike(brand);
        Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        var range = "\"from\": \"2026-01-05T00:00:00Z\", \"to\": \"2026-01-07T00:00:00Z\"";
        var onlyBrand = "{\"brandId\": \"" + brand + "\", " + range + "}";
        var preset =
                Api.asAdmin()
                        .get("/api/rules/detectors/" + brand)
                        .then()
                        .statusCode(200)
                        .body("custom", equalTo(false))
                        .extract()
                        .jsonPath();

        // Nothing saved: the service default runs.
        backtest(onlyBrand)
                .statusCode(200)
                .body("settingsSource", equalTo("default"))
                .body("sensitivity", equalTo("balanced"))
                .body("settings.sensitivity", equalTo("balanced"))
                .body("settings.minNegative", equalTo(preset.getInt("effective.minNegative")))
                .body("settings.onBuckets", equalTo(preset.getInt("effective.onBuckets")))
                .body("pages", equalTo(1));

        // Saved thresholds too high for this spike: the same request now replays them, no page.
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"sensitivity\": \"low\", \"minNegative\": 100, \"minTotal\": 100}")
                .put("/api/rules/detectors/" + brand)
                .then()
                .statusCode(200);
        try {
            backtest(onlyBrand)
                    .statusCode(200)
                    .body("settingsSource", equalTo("brand"))
                    .body("sensitivity", equalTo("low"))
                    .body("settings.sensitivity", equalTo("low"))
                    .body("settings.minNegative", equalTo(100))
                    .body("settings.minTotal", equalTo(100))
                    .body("pages", equalTo(0))
                    .body("incidents.size()", equalTo(0));

            // Settings in the request win over the saved ones.
            backtest(
                            "{\"brandId\": \""
                                    + brand
                                    + "\", "
                                    + range
                                    + ", \"sensitivity\": \"balanced\"}")
                    .statusCode(200)
                    .body("settingsSource", equalTo("request"))
                    .body("settings.sensitivity", equalTo("balanced"))
                    .body("settings.minNegative", equalTo(preset.getInt("effective.minNegative")))
                    .body("pages", equalTo(1));
            backtest("{\"brandId\": \"" + brand + "\", " + range + ", \"onBuckets\": 3}")
                    .statusCode(200)
                    .body("settingsSource", equalTo("request"))
                    .body("settings.sensitivity", equalTo("balanced"))
                    .body("settings.onBuckets", equalTo(3));
        } finally {
            Api.asAdmin().delete("/api/rules/detectors/" + brand).then().statusCode(204);
        }
        backtest(onlyBrand).statusCode(200).body("settingsSource", equalTo("default"));
    }

    @Test
    void invalidConfigurationsAre400ProblemsNamingTheField() {
        backtest("{\"brandId\": \"x-brand\", \"sensitivity\": \"paranoid\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("sensitivity"));
        backtest("{\"sensitivity\": \"low\"}")
                .statusCode(400)
                .body("violations.field", hasItem("brandId"));
        // The preset is matched without regard to case (written without an inline (?i) flag).
        backtest("{\"brandId\": \"x-brand\", \"sensitivity\": \"HiGh\"}")
                .statusCode(200)
                .body("settings.sensitivity", equalTo("high"));
        backtest("{\"brandId\": \"x-brand\", \"sensitivity\": \"highest\"}")
                .statusCode(400)
                .body("violations.field", hasItem("sensitivity"));
        backtest(
                        "{\"brandId\": \"x-brand\", \"from\": \"2026-01-07T00:00:00Z\","
                                + " \"to\": \"2026-01-05T00:00:00Z\"}")
                .statusCode(400)
                .body("violations.field", hasItem("from"));
        backtest("{\"brandId\": \"x-brand\", \"alphaFire\": 0.2}")
                .statusCode(400)
                .body("violations.field", hasItem("alphaFire"));
        backtest("not json").statusCode(400).contentType("application/problem+json");
    }
}
