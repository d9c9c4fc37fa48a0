package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.caresignal.local.run.SecretsKeyFile;
import org.caresignal.local.stack.IdentitySecrets;
import org.caresignal.local.stack.KafkaBroker;
import org.caresignal.local.stack.ServiceProcess;
import org.caresignal.local.stack.TestStack;
import org.junit.jupiter.api.Test;

/**
 * The batched consumers killed mid-batch (issue 13): a stream of mentions, one of them unreadable,
 * flows through a sentiment-service and an alert-service of this test's own (own broker, own
 * databases); sentiment-service (while batches are being stored and published) and alert-service
 * (while batches are being counted) are killed together (SIGKILL) and started again. Afterwards
 * every mention is stored once and counted once, the buckets add up to the number of mentions, the
 * unreadable record alone reached the dead-letter topic, and records whose work had been done
 * before the kill were delivered again and recognised (nothing counted twice).
 */
class BatchCrashIT {

    private static final Logger LOG = Logger.getLogger(BatchCrashIT.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MENTIONS = 1200;
    private static final String PREFIX = "crash_";
    private static final List<String> TEXTS =
            List.of(
                    "Waited 6 hours in the ER last night. Staff were kind but overwhelmed.",
                    "The nurses on the maternity ward were wonderful.",
                    "Parking garage full again, missed my appointment.",
                    "Billing sent me three different bills for one visit.",
                    "Flu shot clinic was quick and friendly.");
    private static final Pattern SAMPLE =
            Pattern.compile("^([a-z_]+)(\\{[^}]*\\})? ([0-9.eE+-]+)", Pattern.MULTILINE);

    @Test
    void killedMidBatchNothingIsLostAndNothingCountedTwice() throws Exception {
        var e2e = E2eSystem.shared();
        var dir = Files.createTempDirectory("caresignal-batch-crash-");
        var logs = Path.of("target/e2e-logs/batch-crash").toAbsolutePath();
        var brand = Incidents.uniqueBrand("e2e-crash");
        try (var kafka = KafkaBroker.start(dir.resolve("kafka"), 0, 3)) {
            kafka.ensureTopics(TestStack.TOPIC_RETENTION, 3);
            var topics = new Kafka(kafka.bootstrapServers());
            var rows = new BrandRows(e2e.stack, PREFIX);
            // The same keys at each start, as a restarted instance has.
            var services = new Services(e2e, kafka, logs, SecretsKeyFile.ephemeral());
            var sentiment = services.sentiment();
            var alert = services.alert();
            sentiment.awaitReady(Duration.ofMinutes(6));
            alert.awaitReady(Duration.ofMinutes(6));
            try {
                var golden = golden();
                try (var producer = topics.producer()) {
                    for (int i = 0; i < MENTIONS; i++) {
                        if (i == MENTIONS / 2) {
                            // Unreadable: in the middle of a batch, it must not take the batch
                            // with it.
                            producer.send(
                                    new ProducerRecord<>(
                                            "mentions.ingested.v1", brand, "{\"poison\": true"));
                        }
                        producer.send(
                                new ProducerRecord<>(
                                        "mentions.ingested.v1", brand, mention(golden, brand, i)));
                    }
                    producer.flush();
                }

                // Both killed at once, mid-stream: sentiment-service while it stores and
                // publishes, alert-service while it counts what was already published. (One
                // restart for both keeps the test's time down: a start is most of it.)
                await().atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofMillis(100))
                        .ignoreExceptions()
                        .until(
                                () ->
                                        rows.count("sentiment", "scored_mention", brand)
                                                        >= MENTIONS / 6
                                                && rows.count("alert", "counted_mention", brand)
                                                        >= MENTIONS / 12);
                sentiment.kill();
                alert.kill();
                int scoredAtKill = rows.count("sentiment", "scored_mention", brand);
                int countedAtKill = rows.count("alert", "counted_mention", brand);
                sentiment = services.sentiment();
                alert = services.alert();
                sentiment.awaitReady(Duration.ofMinutes(6));
                alert.awaitReady(Duration.ofMinutes(6));

                await().atMost(Duration.ofMinutes(10))
                        .pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions()
                        .until(() -> rows.count("alert", "counted_mention", brand) == MENTIONS);
                // Redeliveries of work done before the kills, recognised by the restarted
                // instances: the stored mention republished, the counted one skipped.
                double republished =
                        metric(sentiment, "caresignal_mentions_rescored_skipped_total");
                double duplicates = metric(alert, "caresignal_mentions_duplicates_total");
                LOG.info(
                        String.format(
                                "Batch crash: %d mentions; sentiment-service killed at %d stored,"
                                        + " alert-service at %d counted; after the restarts %.0f"
                                        + " redelivered mentions were found stored and"
                                        + " republished, %.0f found counted",
                                MENTIONS, scoredAtKill, countedAtKill, republished, duplicates));
                // Killed in the middle: neither had finished.
                assertThat(scoredAtKill).isLessThan(MENTIONS);
                assertThat(countedAtKill).isLessThan(MENTIONS);
                assertThat(republished + duplicates)
                        .as("records processed before a kill but not committed came again")
                        .isPositive();
            } finally {
                Processes.closeTogether(List.of(sentiment, alert));
            }

            assertThat(rows.distinctMentions("sentiment", "scored_mention", brand))
                    .isEqualTo(MENTIONS);
            assertThat(rows.distinctMentions("alert", "counted_mention", brand))
                    .isEqualTo(MENTIONS);
            assertThat(rows.bucketTotal(brand)).isEqualTo(MENTIONS);
            assertThat(topics.countKeyed("mentions.ingested.v1.dlq", brand)).isEqualTo(1);
            assertThat(topics.countKeyed("mentions.scored.v1.dlq", brand)).isZero();
        }
    }

    /** Starts this test's sentiment- and alert-service against its broker and databases. */
    private record Services(E2eSystem e2e, KafkaBroker kafka, Path logs, Map<String, String> keys) {

        ServiceProcess sentiment() {
            return launch(
                    "sentiment-service",
                    "sentiment",
                    List.of("mentions-ingested", "mentions-erased"),
                    oidc(),
                    "-Xmx1536m");
        }

        ServiceProcess alert() {
            var env = oidc();
            env.put("ALERT_SECRETS_KEYS", keys.get("ALERT_SECRETS_KEYS"));
            env.put("DASHBOARD_OIDC_CLIENT_SECRET", e2e.secrets.dashboardClientSecret());
            env.put(IdentitySecrets.SERVICES_CLIENT_SECRET, e2e.secrets.servicesClientSecret());
            return launch(
                    "alert-service",
                    "alert",
                    List.of("mentions-scored", "mentions-erased", "sources-silent"),
                    env,
                    "-Xmx384m");
        }

        private Map<String, String> oidc() {
            var env = new HashMap<String, String>();
            env.put("OIDC_AUTH_SERVER_URL", e2e.keycloak.realmUrl());
            return env;
        }

        private ServiceProcess launch(
                String name,
                String db,
                List<String> channels,
                Map<String, String> env,
                String heap) {
            var database = PREFIX + db;
            var config = new LinkedHashMap<String, String>();
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            config.put("quarkus.datasource.jdbc.url", e2e.stack.database(database));
            config.put("quarkus.datasource.username", e2e.stack.username(database));
            config.put("quarkus.datasource.password", e2e.stack.password(database));
            // The restarted instance's consumers can join only once the killed one's have left
            // the group: at the client's 45 s session, its first records came ~20 s after it was
            // ready. At 10 s they are gone before the restart is.
            config.putAll(Processes.shortSessions(channels));
            return ServiceProcess.start(
                    name,
                    repo().resolve(name).resolve("target/quarkus-app/quarkus-run.jar"),
                    KafkaBroker.freePort(),
                    KafkaBroker.freePort(),
                    config,
                    env,
                    List.of(heap),
                    logs.resolve(name + "-" + System.nanoTime() + ".log"));
        }
    }

    private static String mention(ObjectNode golden, String brand, int i) {
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var mentionId = UUID.randomUUID();
        var event = golden.deepCopy();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("occurredAt", now.toString());
        event.put("mentionId", mentionId.toString());
        event.put("brandId", brand);
        event.put("externalId", "crash-" + mentionId);
        event.put("url", "https://social.example/@someone/" + mentionId);
        // Distinct texts: the scorer's cache must not make the first batches trivial.
        event.put("text", TEXTS.get(i % TEXTS.size()) + " (visit " + i + ")");
        event.put("publishedAt", now.truncatedTo(ChronoUnit.SECONDS).toString());
        event.remove("repostOf");
        return event.toString();
    }

    /** A counter's value on the service's management interface (0 when it has none yet). */
    private static double metric(ServiceProcess service, String name) throws Exception {
        var body =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(service.managementUrl() + "/q/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        double sum = 0;
        var matcher = SAMPLE.matcher(body);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                sum += Double.parseDouble(matcher.group(3));
            }
        }
        return sum;
    }

    private static ObjectNode golden() throws IOException {
        return (ObjectNode)
                JSON.readTree(repo().resolve("docs/events/MentionIngested.v1.json").toFile());
    }

    private static Path repo() {
        return Path.of(System.getProperty("caresignal.repo", "../..")).toAbsolutePath().normalize();
    }
}
