package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.caresignal.local.stack.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mention's whole path through the three packaged services, one real broker and one PostgreSQL:
 * pushed with the integration's key, counted as a viewer's token sees it.
 */
class MentionFlowIT {

    private static TestStack stack;
    private static Api api;

    @BeforeAll
    static void startTheSystem() {
        var e2e = E2eSystem.shared();
        stack = e2e.stack;
        api = e2e.api;
    }

    @Test
    void aPostedMentionIsScoredStoredAndCounted() throws Exception {
        var brand = uniqueBrand();
        var publishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var mentionId =
                api.postMention(
                        brand,
                        "post-" + UUID.randomUUID(),
                        "The nurses were wonderful and kind.",
                        publishedAt);

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(
                        () ->
                                assertThat(scoredLabel(mentionId))
                                        .isIn("NEGATIVE", "NEUTRAL", "POSITIVE"));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.totalCount(brand)).isEqualTo(1));
    }

    @Test
    void theSameMentionPostedTwiceIsCountedOnce() throws Exception {
        var brand = uniqueBrand();
        var externalId = "post-" + UUID.randomUUID();
        var first = api.postMention(brand, externalId, "Parking garage full again.", Instant.now());
        var second =
                api.postMention(brand, externalId, "Parking garage full again.", Instant.now());
        assertThat(second).isEqualTo(first);
        // Both copies travel the brand's partition ahead of this marker, so once it is counted they
        // were too.
        var marker =
                api.postMention(
                        brand,
                        "post-" + UUID.randomUUID(),
                        "Flu shot clinic opens Monday.",
                        Instant.now());

        await().atMost(Duration.ofSeconds(90)).until(() -> scoredLabel(marker) != null);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.totalCount(brand)).isEqualTo(2));
        assertThat(scoredRows(first)).isEqualTo(1);
    }

    @Test
    void aMalformedRecordOnEachTopicIsDeadLetteredWhileValidOnesBehindItFlow() throws Exception {
        var brand = uniqueBrand();
        var kafka = new Kafka(stack.kafkaBootstrapServers());
        var badIngested = "not json " + UUID.randomUUID();
        var badScored =
                "{\"eventType\":\"MentionScored\",\"mentionId\":\"" + UUID.randomUUID() + "\"";
        kafka.send("mentions.ingested.v1", brand, badIngested);
        kafka.send("mentions.scored.v1", brand, badScored);
        var valid =
                api.postMention(
                        brand,
                        "post-" + UUID.randomUUID(),
                        "Billing sent me three different bills.",
                        Instant.now());

        assertThat(kafka.awaitValue("mentions.ingested.v1.dlq", brand, badIngested)).isTrue();
        assertThat(kafka.awaitValue("mentions.scored.v1.dlq", brand, badScored)).isTrue();
        await().atMost(Duration.ofSeconds(90)).until(() -> scoredLabel(valid) != null);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.totalCount(brand)).isEqualTo(1));
    }

    private static String scoredLabel(String mentionId) throws SQLException {
        try (var connection =
                        DriverManager.getConnection(
                                stack.database("sentiment"), "sentiment", "sentiment");
                var statement =
                        connection.prepareStatement(
                                "select label from scored_mention where mention_id = ?")) {
            statement.setObject(1, UUID.fromString(mentionId));
            try (var rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static int scoredRows(String mentionId) throws SQLException {
        try (var connection =
                        DriverManager.getConnection(
                                stack.database("sentiment"), "sentiment", "sentiment");
                var statement =
                        connection.prepareStatement(
                                "select count(*) from scored_mention where mention_id = ?")) {
            statement.setObject(1, UUID.fromString(mentionId));
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String uniqueBrand() {
        return Incidents.uniqueBrand("e2e");
    }
}
