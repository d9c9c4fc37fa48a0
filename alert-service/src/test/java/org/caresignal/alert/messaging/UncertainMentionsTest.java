package org.caresignal.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.Stats;
import org.junit.jupiter.api.Test;

/**
 * Uncertain mentions through the real broker: counted apart from certain ones, read under the
 * brand's uncertain policy by the stats, the live detector and the backtest; posts in a language
 * the model does not read are left out of the negative triggers under every policy; a revision of
 * an uncertain mention moves it exactly once.
 */
@QuarkusTest
class UncertainMentionsTest {

    private static final Instant AT = Instant.parse("2026-11-24T14:03:00Z");
    private static final String DAY_FROM = "2026-11-24T00:00:00Z";
    private static final String DAY_TO = "2026-11-25T00:00:00Z";

    private static String mention(String brand, String label, boolean uncertain, String lang) {
        return ScoredMentions.uncertain(
                ScoredMentions.atFacility(brand, "north", label, AT, Scenario.ANGRY),
                uncertain,
                lang);
    }

    private static void policy(String brand, String policy) {
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"policy\": \"" + policy + "\"}")
                .put("/api/rules/uncertain-mentions/" + brand)
                .then()
                .statusCode(200);
    }

    private static JsonPath day(String brand) {
        return Stats.get(brand, DAY_FROM, DAY_TO);
    }

    private static JsonPath awaitDay(String brand, long total) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> day(brand), j -> j.getLong("totals.total") == total);
    }

    @Test
    void uncertainMentionsAreCountedApartAndEachPolicyReadsThem() {
        var brand = ScoredMentions.uniqueBrand();
        var uncertainNegative = mention(brand, "NEGATIVE", true, "en");
        KafkaTestClient.send(
                ScoredMentions.TOPIC,
                brand,
                mention(brand, "NEGATIVE", false, "en"),
                uncertainNegative,
                mention(brand, "POSITIVE", true, "und"),
                // Spanish: published NEUTRAL and uncertain, never read by the model.
                mention(brand, "NEUTRAL", true, "es"),
                mention(brand, "NEUTRAL", false, "en"));

        // Default EXCLUDE: the two uncertain and the unread post are out of the negative triggers.
        var stats = awaitDay(brand, 5);
        assertThat(stats.getString("uncertainPolicy")).isEqualTo("EXCLUDE");
        assertThat(stats.getLong("totals.negative")).as("labels as published").isEqualTo(2);
        assertThat(stats.getLong("totals.uncertain")).isEqualTo(2);
        assertThat(stats.getLong("totals.unreadLanguage")).isEqualTo(1);
        assertThat(stats.getLong("totals.triggerTotal")).isEqualTo(2);
        assertThat(stats.getLong("totals.triggerNegative")).isEqualTo(1);
        assertThat(stats.getLong("buckets[0].triggerTotal")).isEqualTo(2);

        // NEGATIVE: both uncertain ones count as negative (the positive too); the Spanish post
        // stays out.
        policy(brand, "NEGATIVE");
        stats = day(brand);
        assertThat(stats.getString("uncertainPolicy")).isEqualTo("NEGATIVE");
        assertThat(stats.getLong("totals.triggerTotal")).isEqualTo(4);
        assertThat(stats.getLong("totals.triggerNegative")).isEqualTo(3);

        // NEUTRAL: they take part as neutral.
        policy(brand, "NEUTRAL");
        stats = day(brand);
        assertThat(stats.getLong("totals.triggerTotal")).isEqualTo(4);
        assertThat(stats.getLong("totals.triggerNegative")).isEqualTo(1);
        assertThat(stats.getLong("totals.total")).as("the volume never changes").isEqualTo(5);

        // An analyst confirms the uncertain negative (revision 1, corrected: certain now), the
        // event is delivered twice and an older revision arrives late: it moves once.
        var confirmed = ScoredMentions.revised(uncertainNegative, 1, true);
        KafkaTestClient.send(
                ScoredMentions.TOPIC,
                brand,
                confirmed,
                confirmed,
                ScoredMentions.revised(uncertainNegative, 0, false),
                // A marker behind them: once it is counted, the three before it were handled.
                mention(brand, "POSITIVE", false, "en"));
        stats = awaitDay(brand, 6);
        assertThat(stats.getLong("totals.negative")).isEqualTo(2);
        assertThat(stats.getLong("totals.uncertain")).isEqualTo(1);
        assertThat(stats.getLong("totals.triggerNegative")).isEqualTo(2);
        assertThat(stats.getLong("totals.triggerTotal")).isEqualTo(5);
    }

    /** Two bursts of 16 mentions (12 NEGATIVE) after a quiet day, the 12 as {@code uncertain}. */
    private static void uncertainSpike(String brand, String label, String language) {
        var values = new ArrayList<String>();
        values.add(ScoredMentions.at(brand, "NEUTRAL", Scenario.T0.plusSeconds(60), Scenario.CALM));
        for (var start : List.of(Scenario.SPIKE.plusSeconds(60), Scenario.SPIKE.plusSeconds(360))) {
            for (int i = 0; i < 16; i++) {
                var at = start.plusSeconds(i);
                values.add(
                        i < 12
                                ? ScoredMentions.uncertain(
                                        ScoredMentions.at(brand, label, at, Scenario.ANGRY),
                                        true,
                                        language)
                                : ScoredMentions.at(brand, "NEUTRAL", at, Scenario.CALM));
            }
        }
        values.add(
                ScoredMentions.at(
                        brand, "NEUTRAL", Scenario.SPIKE.plusSeconds(13 * 60), Scenario.CALM));
        KafkaTestClient.send(ScoredMentions.TOPIC, brand, values.toArray(String[]::new));
    }

    private static JsonPath backtest(String brand, String policy) {
        return Api.asAnalyst()
                .contentType(ContentType.JSON)
                .body(
                        "{\"brandId\": \""
                                + brand
                                + "\", \"from\": \"2026-01-05T00:00:00Z\", \"to\":"
                                + " \"2026-01-07T00:00:00Z\""
                                + (policy == null
                                        ? ""
                                        : ", \"uncertainPolicy\": \"" + policy + "\"")
                                + "}")
                .post("/api/backtest")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<String> triggers(JsonPath answer) {
        return answer.getList("incidents[0].triggers", String.class);
    }

    @Test
    void theLiveDetectorAndTheBacktestFollowTheBrandsPolicy() {
        // Saved before anything is counted, so the live detector reads the spike with it.
        var paging = ScoredMentions.uniqueBrand();
        policy(paging, "NEGATIVE");
        var excluding = ScoredMentions.uniqueBrand();
        uncertainSpike(paging, "NEGATIVE", "en");
        uncertainSpike(excluding, "NEGATIVE", "en");

        var paged = Scenario.awaitIncidents(paging, j -> j.getList("$").size() == 1);
        assertThat(paged.getList("[0].explanation.triggers", String.class))
                .contains("NEGATIVE_VOLUME", "NEGATIVE_SHARE");
        assertThat(paged.getString("[0].severity")).isEqualTo("HIGH");
        assertThat(paged.getList("[0].explanation.samples"))
                .as("the uncertain mentions it counted as negative are cited")
                .isNotEmpty();
        // EXCLUDE (the default): 24 more mentions than usual, none of them negative to the
        // detector: a volume incident only.
        var volume = Scenario.awaitIncidents(excluding, j -> j.getList("$").size() == 1);
        assertThat(volume.getList("[0].explanation.triggers", String.class))
                .containsExactly("TOTAL_VOLUME");
        assertThat(volume.getString("[0].severity")).isEqualTo("LOW");
        assertThat(volume.getList("[0].explanation.samples"))
                .as("no mention counted negative, none cited as one")
                .isEmpty();
        assertThat(volume.getList("[0].explanation.aspects")).isEmpty();

        // The backtest replays the brand's saved policy, or the request's.
        var saved = backtest(excluding, null);
        assertThat(saved.getString("uncertainPolicy")).isEqualTo("EXCLUDE");
        assertThat(triggers(saved)).containsExactly("TOTAL_VOLUME");
        var whatIf = backtest(excluding, "NEGATIVE");
        assertThat(whatIf.getString("uncertainPolicy")).isEqualTo("NEGATIVE");
        assertThat(triggers(whatIf)).contains("NEGATIVE_VOLUME", "NEGATIVE_SHARE");
        assertThat(triggers(backtest(excluding, "neutral"))).containsExactly("TOTAL_VOLUME");
        var pagingSaved = backtest(paging, null);
        assertThat(pagingSaved.getString("uncertainPolicy")).isEqualTo("NEGATIVE");
        assertThat(triggers(pagingSaved)).contains("NEGATIVE_VOLUME");
    }

    @Test
    void postsInALanguageTheModelDoesNotReadNeverCountAsNegativeWhateverThePolicy() {
        var brand = ScoredMentions.uniqueBrand();
        policy(brand, "NEGATIVE");
        // 24 Spanish posts, published NEUTRAL and uncertain as sentiment-service does.
        uncertainSpike(brand, "NEUTRAL", "es");

        var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        assertThat(incidents.getList("[0].explanation.triggers", String.class))
                .containsExactly("TOTAL_VOLUME");
        for (var policy : List.of("NEGATIVE", "NEUTRAL", "EXCLUDE")) {
            var answer = backtest(brand, policy);
            assertThat(triggers(answer)).as(policy).containsExactly("TOTAL_VOLUME");
        }
        var stats = Stats.get(brand, "2026-01-06T02:00:00Z", "2026-01-06T02:10:00Z");
        assertThat(stats.getLong("totals.unreadLanguage")).isEqualTo(24);
        assertThat(stats.getLong("totals.triggerNegative")).isZero();
        assertThat(stats.getLong("totals.triggerTotal")).isEqualTo(8);
    }
}
