package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The examples in {@code docs/api-examples/sentiment} (which alert-service's console stubs its
 * WireMock with) carry exactly the field names of the live responses, at every depth.
 */
@QuarkusTest
class ApiExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "docs", "api-examples", "sentiment");
    private static final String FROM = "2026-06-05T00:00:00Z";
    private static final String TO = "2026-06-06T00:00:00Z";

    @Inject ScoredMentionRepository repository;

    @Test
    void liveResponsesHaveExactlyTheExamplesFieldNames() throws Exception {
        var brand = Mentions.freshBrand();
        var row =
                Mentions.scored(
                        brand,
                        Instant.parse("2026-06-05T10:00:00Z"),
                        SentimentLabel.NEGATIVE,
                        -0.5,
                        "webhook",
                        "Waited 6 hours in the ER.",
                        "emergency-wait:NEGATIVE",
                        "nursing-care:POSITIVE");
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        var id = row.mentionId;

        var corrected =
                given().auth()
                        .oauth2(Tokens.analyst())
                        .contentType("application/json")
                        .body(Map.of("label", "NEUTRAL"))
                        .when()
                        .post("/api/mentions/{id}/correction", id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertSameFields("mention.json", corrected);
        assertSameFields("mention.json", get(Tokens.analyst(), "/api/mentions/" + id, Map.of()));
        assertSameFields(
                "mention-page.json",
                get(
                        Tokens.analyst(),
                        "/api/mentions",
                        Map.of("brand", brand, "from", FROM, "to", TO)));
        assertSameFields(
                "history.json",
                get(
                        Tokens.viewer(),
                        "/api/brands/" + brand + "/sentiment",
                        Map.of("from", FROM, "to", TO, "tz", "America/Chicago")));
        assertSameFields(
                "aspects.json",
                get(
                        Tokens.viewer(),
                        "/api/brands/" + brand + "/aspects",
                        Map.of("from", FROM, "to", TO)));
        assertSameFields(
                "top-mentions.json",
                get(
                        Tokens.viewer(),
                        "/api/brands/" + brand + "/top-mentions",
                        Map.of("from", FROM, "to", TO)));
        assertSameFields(
                "agreement.json",
                get(Tokens.viewer(), "/api/brands/" + brand + "/corrections/agreement", Map.of()));
    }

    @Test
    void phraseRuleResponsesHaveExactlyTheExamplesFieldNames() throws Exception {
        var brand = Mentions.freshBrand();
        var created =
                given().auth()
                        .oauth2(Tokens.admin())
                        .contentType("application/json")
                        .body(Map.of("phrase", "war zone", "polarity", "NEUTRAL", "note", "busy"))
                        .when()
                        .post("/api/brands/{brand}/phrase-rules", brand)
                        .then()
                        .statusCode(201)
                        .extract()
                        .asString();
        assertSameFields("phrase-rule.json", created);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType("application/json")
                .body(Map.of("phrase", "Dr. Payne", "polarity", "NEUTRAL"))
                .when()
                .post("/api/brands/{brand}/phrase-rules", brand)
                .then()
                .statusCode(201);
        assertSameFields(
                "phrase-rules.json",
                get(Tokens.analyst(), "/api/brands/" + brand + "/phrase-rules", Map.of()));
    }

    @Test
    void theComparisonSeesAMissingOrExtraField() throws Exception {
        var example = JSON.readTree("{\"a\":1,\"b\":[{\"c\":1,\"d\":2}]}");
        assertThat(differences(example, JSON.readTree("{\"a\":1,\"b\":[{\"c\":1,\"d\":2}]}"), "$"))
                .isEmpty();
        assertThat(differences(example, JSON.readTree("{\"a\":1,\"b\":[{\"c\":1}]}"), "$"))
                .containsExactly("$.b[0]: fields [c, d] in the example, [c] live");
        assertThat(differences(example, JSON.readTree("{\"a\":1,\"e\":2,\"b\":[]}"), "$"))
                .containsExactly("$: fields [a, b] in the example, [a, b, e] live");
    }

    private static String get(String token, String path, Map<String, String> query) {
        return given().auth()
                .oauth2(token)
                .accept("application/json")
                .queryParams(query)
                .when()
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static void assertSameFields(String example, String live) throws Exception {
        var expected = JSON.readTree(EXAMPLES.resolve(example).toFile());
        assertThat(differences(expected, JSON.readTree(live), "$"))
                .as("field names of %s vs. the live response %s", example, live)
                .isEmpty();
    }

    /** Where the field names differ: objects by their key sets, array items against the first. */
    static List<String> differences(JsonNode example, JsonNode live, String at) {
        var found = new ArrayList<String>();
        if (example.isObject() && live.isObject()) {
            var expectedNames = new TreeSet<String>();
            example.fieldNames().forEachRemaining(expectedNames::add);
            var liveNames = new TreeSet<String>();
            live.fieldNames().forEachRemaining(liveNames::add);
            if (!expectedNames.equals(liveNames)) {
                found.add(
                        at
                                + ": fields "
                                + expectedNames
                                + " in the example, "
                                + liveNames
                                + " live");
                return found;
            }
            for (var name : expectedNames) {
                found.addAll(differences(example.get(name), live.get(name), at + "." + name));
            }
        } else if (example.isArray() && live.isArray() && !example.isEmpty()) {
            for (int i = 0; i < live.size(); i++) {
                found.addAll(differences(example.get(0), live.get(i), at + "[" + i + "]"));
            }
        }
        return found;
    }
}
