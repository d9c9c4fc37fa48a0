package org.caresignal.sentiment.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.caresignal.sentiment.domain.SentimentLabel.NEUTRAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caresignal.sentiment.domain.PhraseRules;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.KafkaTestClient;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A brand's phrase rules through the real broker and database: a rule changes the published verdict
 * of that brand's mentions only (the scorer's cache of texts included), the stored and published
 * text stays the post's, and a re-score after the rule is deleted gives the model's verdict back.
 */
@QuarkusTest
class PhraseRuleScoringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A trauma centre's staff talking shop: the words are the job, not a complaint. */
    private static final String TEXT =
            "Friday night in the trauma bay was a bloody war zone, total carnage.";

    @Inject ScoredMentionRepository repository;
    @Inject SentimentScorer scorer;

    private final KafkaTestClient kafka =
            new KafkaTestClient(
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void aRuleChangesTheVerdictOfItsBrandsMentionsOnlyUntilItIsDeletedAndTheyAreRescored()
            throws Exception {
        var traumaCentre = Mentions.freshBrand();
        var other = Mentions.freshBrand();
        var war = addRule(traumaCentre, "Bloody  War Zone");
        var carnage = addRule(traumaCentre, "total carnage");

        // The other brand first, between and last: neither brand's text may answer from the
        // scorer's cache for the other.
        var before = score(other, TEXT);
        var ruled = score(traumaCentre, TEXT);
        var after = score(other, TEXT);

        assertThat(before.get("label").asText()).isEqualTo("NEGATIVE");
        assertThat(after.get("label").asText()).isEqualTo("NEGATIVE");
        assertThat(ruled.get("label").asText()).isEqualTo("NEUTRAL");
        assertThat(ruled.get("text").asText()).isEqualTo(TEXT);
        var ruledId = UUID.fromString(ruled.get("mentionId").asText());
        var row = find(ruledId);
        assertThat(row.text).isEqualTo(TEXT);
        assertThat(row.phraseRules)
                .isEqualTo(
                        PhraseRules.of(
                                        List.of(
                                                new PhraseRules.Rule("bloody war zone", NEUTRAL),
                                                new PhraseRules.Rule("Total Carnage", NEUTRAL)))
                                .fingerprint())
                .isNotEmpty();
        assertThat(find(UUID.fromString(before.get("mentionId").asText())).phraseRules).isEmpty();

        // Deleting the rules leaves stored mentions as they are; a re-score applies the change.
        deleteRule(traumaCentre, war);
        deleteRule(traumaCentre, carnage);
        assertThat(find(ruledId).label.name()).isEqualTo("NEUTRAL");
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("limit", "10000")
                .when()
                .post("/api/rescore")
                .then()
                .statusCode(200);

        var rescored = find(ruledId);
        assertThat(rescored.label.name()).isEqualTo("NEGATIVE");
        assertThat(rescored.phraseRules).isEmpty();
        assertThat(rescored.revision).isEqualTo(1);
        var events =
                kafka.awaitRecords(
                        KafkaTestClient.SCORED, r -> r.value().contains(ruledId.toString()), 2);
        var republished = JSON.readTree(events.get(1).value());
        assertThat(republished.get("label").asText()).isEqualTo("NEGATIVE");
        assertThat(republished.get("revision").asInt()).isEqualTo(1);
        assertThat(republished.get("eventId").asText())
                .isEqualTo(
                        ScoredMention.scoredEventId(ruledId, scorer.modelVersion(), 1).toString());
        // The other brand's mentions had nothing to re-score.
        assertThat(find(UUID.fromString(before.get("mentionId").asText())).revision).isZero();
    }

    @Test
    void positiveAndNegativeRulesMoveANeutralPostOfTheirBrandOnly() throws Exception {
        // "Magnet" is a nursing-excellence award and "code black" a bomb threat: words the model
        // reads as neutral, each brand's communications team knows better.
        var text = "The clinic moved its magnet status review after a code black last year.";
        var proud = Mentions.freshBrand();
        var alarmed = Mentions.freshBrand();
        var other = Mentions.freshBrand();
        addRule(proud, "magnet status", "positive");
        addRule(alarmed, "code black", "negative");

        assertThat(score(other, text).get("label").asText()).isEqualTo("NEUTRAL");
        var praised = score(proud, text);
        assertThat(praised.get("label").asText()).isEqualTo("POSITIVE");
        assertThat(praised.get("text").asText()).isEqualTo(text);
        assertThat(score(alarmed, text).get("label").asText()).isEqualTo("NEGATIVE");
    }

    private static String addRule(String brand, String phrase) {
        return addRule(brand, phrase, "neutral");
    }

    private static String addRule(String brand, String phrase, String polarity) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType("application/json")
                .body(Map.of("phrase", phrase, "polarity", polarity))
                .when()
                .post("/api/brands/{brand}/phrase-rules", brand)
                .then()
                .statusCode(201)
                .extract()
                .path("ruleId");
    }

    private static void deleteRule(String brand, String ruleId) {
        given().auth()
                .oauth2(Tokens.admin())
                .when()
                .delete("/api/brands/{brand}/phrase-rules/{rule}", brand, ruleId)
                .then()
                .statusCode(204);
    }

    /** Sends a mention of the brand and returns its MentionScored. */
    private JsonNode score(String brand, String text) throws Exception {
        var mentionId = UUID.randomUUID();
        var event = Mentions.ingested(mentionId);
        event.put("brandId", brand);
        event.put("text", text);
        kafka.send(KafkaTestClient.INGESTED, brand, event.toString());
        var record =
                kafka.awaitRecords(
                                KafkaTestClient.SCORED,
                                r -> r.value().contains(mentionId.toString()),
                                1)
                        .get(0);
        assertThat(record.key()).isEqualTo(brand);
        return JSON.readTree(record.value());
    }

    private ScoredMention find(UUID mentionId) {
        return QuarkusTransaction.requiringNew().call(() -> repository.findById(mentionId));
    }
}
