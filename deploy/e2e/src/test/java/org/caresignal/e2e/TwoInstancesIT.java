package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.caresignal.local.run.SecretsKeyFile;
import org.caresignal.local.stack.IdentitySecrets;
import org.caresignal.local.stack.KafkaBroker;
import org.caresignal.local.stack.ServiceProcess;
import org.caresignal.local.stack.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two of everything: two instances each of ingest-, sentiment- and alert-service (their own
 * databases on the stack's PostgreSQL, the e2e Keycloak) against a broker of their own whose topics
 * have six partitions. Mentions pushed through either ingest instance are scored once and counted
 * once; an alert instance killed in the middle of an episode hands its partitions to the other,
 * which continues the episode from the stored detector state (one incident, one page); and the live
 * stream of each alert instance shows the incidents the other one raised.
 */
class TwoInstancesIT {

    private static final Logger LOG = Logger.getLogger(TwoInstancesIT.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 6;
    private static final String SCORED = "mentions.scored.v1";
    private static final String GROUP = "alert-service";
    private static final String PREFIX = "scale_";
    private static final String CLIENT_PREFIX = "scale-alert-";
    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    private static final Instant SPIKE = T0.plus(Duration.ofHours(26));
    private static final String CALM = "Visited the clinic today, all fine.";
    private static final String ANGRY =
            "Waited 6 hours in the ER last night, nobody told us anything.";
    private static final List<String> TEXTS =
            List.of(
                    "Waited 6 hours in the ER last night. Staff were kind but overwhelmed.",
                    "The nurses on the maternity ward were wonderful.",
                    "Parking garage full again, missed my appointment.",
                    "Billing sent me three different bills for one visit.",
                    "Flu shot clinic was quick and friendly.",
                    "The new imaging center is clean and the technician explained everything.");

    private static E2eSystem e2e;
    private static KafkaBroker kafka;
    private static final List<ServiceProcess> ingest = new ArrayList<>();
    private static final List<ServiceProcess> sentiment = new ArrayList<>();
    private static final List<ServiceProcess> alert = new ArrayList<>();
    private static String apiKey;
    private static long startedIn;

    @BeforeAll
    static void startTwoOfEach() throws Exception {
        e2e = E2eSystem.shared();
        long begin = System.nanoTime();
        var dir = Files.createTempDirectory("caresignal-two-instances-");
        kafka = KafkaBroker.start(dir.resolve("kafka"), 0, PARTITIONS);
        kafka.ensureTopics(TestStack.TOPIC_RETENTION, PARTITIONS);
        var logs = Path.of("target/e2e-logs/two-instances").toAbsolutePath();
        var keys = SecretsKeyFile.ephemeral();
        apiKey = "csk_" + UUID.randomUUID().toString().replace("-", "");
        var oidc = new HashMap<String, String>();
        oidc.put("OIDC_AUTH_SERVER_URL", e2e.keycloak.realmUrl());
        for (int i = 1; i <= 2; i++) {
            var ingestEnv = new HashMap<>(oidc);
            ingestEnv.put("INGEST_WEBHOOK_KEYS", "local-run=" + apiKey);
            ingestEnv.put("INGEST_SECRETS_KEYS", keys.get("INGEST_SECRETS_KEYS"));
            ingestEnv.put(SecretsKeyFile.PSEUDONYM_KEY, keys.get(SecretsKeyFile.PSEUDONYM_KEY));
            ingest.add(launch("ingest-service", i, "ingest", ingestEnv, "-Xmx384m", logs));
            sentiment.add(
                    launch(
                            "sentiment-service",
                            i,
                            "sentiment",
                            new HashMap<>(oidc),
                            "-Xmx1536m",
                            logs));
            var alertEnv = new HashMap<>(oidc);
            // Buckets close by the series' newest event time once it has settled (ALERT_SETTLE,
            // 5 s), which the next evaluation after that notices: with no further mention it is
            // the wall-clock tick. At the production 1 min a raise or a resolve waited one or two
            // ticks; every second, the test waits for the settle time instead.
            alertEnv.put("ALERT_DETECTION_TICK", "1s");
            alertEnv.put("ALERT_SECRETS_KEYS", keys.get("ALERT_SECRETS_KEYS"));
            alertEnv.put("DASHBOARD_OIDC_CLIENT_SECRET", e2e.secrets.dashboardClientSecret());
            alertEnv.put(
                    IdentitySecrets.SERVICES_CLIENT_SECRET, e2e.secrets.servicesClientSecret());
            alert.add(launch("alert-service", i, "alert", alertEnv, "-Xmx384m", logs));
        }
        for (var service : all()) {
            service.awaitReady(Duration.ofMinutes(6));
        }
        startedIn = Duration.ofNanos(System.nanoTime() - begin).toSeconds();
        LOG.info(() -> "Two instances of each service ready in " + startedIn + " s");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        Processes.closeTogether(all());
        if (kafka != null) {
            kafka.close();
        }
    }

    private static List<ServiceProcess> all() {
        var out = new ArrayList<ServiceProcess>();
        out.addAll(alert);
        out.addAll(sentiment);
        out.addAll(ingest);
        return out;
    }

    private static ServiceProcess launch(
            String name, int instance, String db, Map<String, String> env, String heap, Path logs) {
        var database = PREFIX + db;
        var config = new LinkedHashMap<String, String>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", e2e.stack.database(database));
        config.put("quarkus.datasource.username", e2e.stack.username(database));
        config.put("quarkus.datasource.password", e2e.stack.password(database));
        if (name.equals("alert-service")) {
            // Named, so that the group's assignment tells which instance reads which partition.
            config.put(
                    "mp.messaging.incoming.mentions-scored.client.id",
                    CLIENT_PREFIX + (char) ('a' + instance - 1));
            // A killed instance's partitions move once its session times out: 10 s here, to keep
            // the test short, for all three channels (before, mentions-erased and sources-silent
            // kept the killed instance in the group for 45 s and the move waited for them).
            config.putAll(
                    Processes.shortSessions(
                            List.of("mentions-scored", "mentions-erased", "sources-silent")));
        }
        return ServiceProcess.start(
                name + "-" + instance,
                repo().resolve(name).resolve("target/quarkus-app/quarkus-run.jar"),
                KafkaBroker.freePort(),
                config,
                env,
                List.of(heap),
                logs.resolve(name + "-" + instance + ".log"));
    }

    @Test
    void twoOfEachScoreAndCountOnceShareTheLiveStreamAndSurviveAnAlertInstanceKilledMidEpisode()
            throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);

        // 1. Mentions through both ingest instances, for six brands (keys spread over the
        // partitions, so both sentiment instances score): each scored once and counted once.
        var brands = new ArrayList<String>();
        for (int b = 0; b < 6; b++) {
            brands.add("scale-" + run + "-" + b);
        }
        for (var brand : brands) {
            registerBrand(ingest.get(0), brand);
        }
        int perBrand = 10;
        long pushBegin = System.nanoTime();
        for (int i = 0; i < perBrand; i++) {
            for (int b = 0; b < brands.size(); b++) {
                var via = ingest.get((i + b) % 2);
                postMention(
                        via,
                        brands.get(b),
                        "post-" + run + "-" + b + "-" + i,
                        TEXTS.get((i + b) % TEXTS.size()) + " (" + i + ")",
                        Instant.now().minusSeconds(60L * i));
            }
        }
        int sent = perBrand * brands.size();
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> sumOver(brands, "sentiment", "scored_mention") == sent);
        var scoredIn = Duration.ofNanos(System.nanoTime() - pushBegin);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> sumOver(brands, "alert", "counted_mention") == sent);
        var countedIn = Duration.ofNanos(System.nanoTime() - pushBegin);
        for (var brand : brands) {
            assertThat(rows().distinctMentions("sentiment", "scored_mention", brand))
                    .isEqualTo(perBrand);
            assertThat(rows().distinctMentions("alert", "counted_mention", brand))
                    .isEqualTo(perBrand);
            assertThat(rows().bucketTotal(brand)).isEqualTo(perBrand);
        }
        // Both sentiment instances did part of the work.
        assertThat(sentiment).allSatisfy(s -> assertThat(scoredBy(s)).as(s.name()).isPositive());

        // 2. Which alert instance reads which partition of mentions.scored.v1.
        var owners = awaitOwners();
        int partitionOfFirst =
                owners.entrySet().stream()
                        .filter(e -> e.getValue().equals("alert-1"))
                        .findFirst()
                        .orElseThrow()
                        .getKey();
        int partitionOfSecond =
                owners.entrySet().stream()
                        .filter(e -> e.getValue().equals("alert-2"))
                        .findFirst()
                        .orElseThrow()
                        .getKey();

        // 3. The live stream of each instance, open before anything is raised.
        var streams = List.of(new LiveStream(alert.get(0)), new LiveStream(alert.get(1)));
        streams.forEach(LiveStream::open);

        // 4. A spike for a brand read by alert-1 and one read by alert-2: each raised once, and
        // each instance's stream shows both.
        var first = "scale-" + run + "-first";
        var second = "scale-" + run + "-second";
        var firstSpike = spike(first);
        try (var producer = new Kafka(kafka.bootstrapServers()).producer()) {
            send(producer, partitionOfFirst, first, firstSpike);
            send(producer, partitionOfSecond, second, spike(second));
        }
        for (var stream : streams) {
            await().atMost(Duration.ofMinutes(3))
                    .until(
                            () ->
                                    stream.saw(first, "AlertRaised")
                                            && stream.saw(second, "AlertRaised"));
        }
        assertThat(incidents(first)).isEqualTo(1);
        assertThat(incidents(second)).isEqualTo(1);
        // Whichever instance evaluated a spike (detection runs under a row lock per series, on
        // any instance), the other one's stream showed it. A person's changes on a chosen
        // instance show it both ways: acknowledged on alert-1, resolved on alert-2.
        var secondIncident = streams.get(0).incidentOf(second);
        act(alert.get(0), secondIncident, "acknowledge");
        await().atMost(Duration.ofMinutes(1))
                .until(() -> streams.get(1).sawChange(second, "ACKNOWLEDGED"));
        act(alert.get(1), secondIncident, "resolve");
        await().atMost(Duration.ofMinutes(1))
                .until(() -> streams.get(0).sawChange(second, "RESOLVED"));

        // 5. alert-1 is killed in the middle of the first brand's episode; its partitions move to
        // alert-2, which goes on from the stored detector state: more negatives fold into the
        // same incident, a calm later resolves it, and nothing pages twice.
        long killedAt = System.nanoTime();
        alert.get(0).kill();
        var afterKill = new ArrayList<>(moreOfTheSame(first));
        // Two hours later: the quiet buckets in between end the episode.
        afterKill.add(scored(first, "NEUTRAL", SPIKE.plus(Duration.ofHours(2)), CALM));
        try (var producer = new Kafka(kafka.bootstrapServers()).producer()) {
            send(producer, partitionOfFirst, first, afterKill);
        }
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> streams.get(1).saw(first, "AlertResolved"));
        var takenOverIn = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(owners().values()).containsOnly("alert-2");
        assertThat(incidents(first)).isEqualTo(1);
        int firstSent = firstSpike.size() + afterKill.size();
        assertThat(rows().distinctMentions("alert", "counted_mention", first)).isEqualTo(firstSent);
        assertThat(rows().bucketTotal(first)).isEqualTo(firstSent);
        // The stream hears of the change at commit; the outbox relay publishes it on its next
        // tick, so alerts.v1 may lag the stream by a moment.
        var published =
                await().atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> alertsPublished(first), p -> p.containsKey("AlertResolved"));
        assertThat(published.get("AlertRaised")).as("pages of the first brand").isEqualTo(1);
        streams.forEach(LiveStream::close);

        LOG.info(
                () ->
                        String.format(
                                "Two instances: started in %d s; %d mentions through two ingest"
                                        + " instances scored in %d s and counted in %d s; alert-1"
                                        + " killed mid-episode, alert-2 resolved the episode %d s"
                                        + " later; alerts.v1 of the first brand: %s",
                                startedIn,
                                sent,
                                scoredIn.toSeconds(),
                                countedIn.toSeconds(),
                                takenOverIn.toSeconds(),
                                published));
    }

    /** A quiet first mention, two bursts of 16 (12 negative), a calm one closing their buckets. */
    private static List<String> spike(String brand) {
        var values = new ArrayList<String>();
        values.add(scored(brand, "NEUTRAL", T0.plusSeconds(60), CALM));
        for (var start : List.of(SPIKE.plusSeconds(60), SPIKE.plusSeconds(360))) {
            for (int i = 0; i < 16; i++) {
                values.add(
                        scored(
                                brand,
                                i < 12 ? "NEGATIVE" : "NEUTRAL",
                                start.plusSeconds(i),
                                ANGRY));
            }
        }
        values.add(scored(brand, "NEUTRAL", SPIKE.plusSeconds(13 * 60), CALM));
        return values;
    }

    /** Six more negatives while the episode is open (no second page), and a calm one after. */
    private static List<String> moreOfTheSame(String brand) {
        var values = new ArrayList<String>();
        for (int i = 0; i < 6; i++) {
            values.add(scored(brand, "NEGATIVE", SPIKE.plusSeconds(15 * 60 + i), ANGRY));
        }
        values.add(scored(brand, "NEUTRAL", SPIKE.plusSeconds(23 * 60), CALM));
        return values;
    }

    private static String scored(String brand, String label, Instant at, String text) {
        try {
            var event =
                    (ObjectNode)
                            JSON.readTree(
                                    repo().resolve("docs/events/MentionScored.v1.json").toFile());
            var id = UUID.randomUUID().toString();
            event.put("eventId", UUID.randomUUID().toString());
            event.put("mentionId", id);
            event.put("brandId", brand);
            event.putNull("facilityId");
            event.put("label", label);
            event.put("publishedAt", at.toString());
            event.put("text", text);
            event.put("url", "https://social.example/@someone/" + id);
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** In order, to one partition: the one whose reader the test chose. */
    private static void send(
            KafkaProducer<String, String> producer,
            int partition,
            String brand,
            List<String> values)
            throws Exception {
        for (var value : values) {
            producer.send(new ProducerRecord<>(SCORED, partition, brand, value)).get();
        }
    }

    /** Partition of mentions.scored.v1 to the client id of the alert instance reading it. */
    private static Map<Integer, String> owners() throws Exception {
        try (var admin =
                Admin.create(
                        Map.<String, Object>of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            var group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            var out = new HashMap<Integer, String>();
            for (var member : group.members()) {
                for (var tp : member.assignment().topicPartitions()) {
                    if (tp.topic().equals(SCORED)) {
                        out.put(tp.partition(), instanceOf(member.clientId()));
                    }
                }
            }
            return out;
        }
    }

    /** alert-1 or alert-2 from a consumer's client id (the connector may add a suffix). */
    private static String instanceOf(String clientId) {
        for (int i = 1; i <= 2; i++) {
            if (clientId.startsWith(CLIENT_PREFIX + (char) ('a' + i - 1))) {
                return "alert-" + i;
            }
        }
        return clientId;
    }

    private static Map<Integer, String> awaitOwners() {
        return await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(
                        TwoInstancesIT::owners,
                        o ->
                                o.size() == PARTITIONS
                                        && new HashSet<>(o.values())
                                                .equals(Set.of("alert-1", "alert-2")));
    }

    /** alerts.v1 events of the brand by type, each event once (a relay may send one again). */
    private static Map<String, Integer> alertsPublished(String brand) {
        var seen = new HashSet<String>();
        var out = new java.util.TreeMap<String, Integer>();
        try (var consumer =
                new KafkaConsumer<>(
                        Map.<String, Object>of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "e2e-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            var partitions = new ArrayList<TopicPartition>();
            consumer.partitionsFor("alerts.v1")
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (!brand.equals(record.key())) {
                        continue;
                    }
                    var event = parse(record.value());
                    if (seen.add(event.get("eventId").asText())) {
                        out.merge(event.get("eventType").asText(), 1, Integer::sum);
                    }
                }
            }
        }
        return out;
    }

    /** How many mentions one sentiment instance scored, from its own metrics. */
    private static double scoredBy(ServiceProcess service) {
        var reply = get(service.managementUrl() + "/q/metrics", null);
        double total = 0;
        for (var line : reply.split("\n")) {
            if (line.startsWith("caresignal_sentiment_scored_total")
                    || line.startsWith("caresignal_mentions_scored_total")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private void registerBrand(ServiceProcess via, String brand) throws Exception {
        var body =
                JSON.writeValueAsString(
                        Map.of(
                                "id",
                                brand,
                                "name",
                                "Scale " + brand,
                                "watchQuery",
                                "\"" + brand + " zzqx\"",
                                "facilities",
                                List.of()));
        var reply =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(via.baseUrl() + "/api/brands"))
                                        .header("Content-Type", "application/json")
                                        .header("Authorization", "Bearer " + e2e.token("admin"))
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isIn(201, 409);
    }

    /** A responder's action on one incident, through the given alert instance. */
    private static void act(ServiceProcess via, String incident, String action) throws Exception {
        var reply =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        via.baseUrl()
                                                                + "/api/incidents/"
                                                                + incident
                                                                + "/"
                                                                + action))
                                        .header("Content-Type", "application/json")
                                        .header("Authorization", "Bearer " + e2e.token("responder"))
                                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(action + ": " + reply.body()).isEqualTo(200);
    }

    private static void postMention(
            ServiceProcess via, String brand, String externalId, String text, Instant at)
            throws Exception {
        var body =
                JSON.writeValueAsString(
                        Map.of(
                                "brandId", brand,
                                "source", "webhook",
                                "externalId", externalId,
                                "text", text,
                                "publishedAt", at.toString()));
        var reply =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(via.baseUrl() + "/api/mentions"))
                                        .header("Content-Type", "application/json")
                                        .header("Authorization", "Bearer " + apiKey)
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
    }

    private static String get(String url, String role) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url));
            if (role != null) {
                request.header("Authorization", "Bearer " + e2e.token(role));
            }
            return HttpClient.newHttpClient()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BrandRows rows() {
        return new BrandRows(e2e.stack, PREFIX);
    }

    private static int incidents(String brand) throws SQLException {
        return rows().query("alert", "select count(*) from incident where brand_id = ?", brand);
    }

    private static int sumOver(List<String> brands, String db, String table) throws SQLException {
        int total = 0;
        for (var brand : brands) {
            total +=
                    rows().query(
                                    db,
                                    "select count(*) from " + table + " where brand_id = ?",
                                    brand);
        }
        return total;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path repo() {
        return Path.of(System.getProperty("caresignal.repo", "../..")).toAbsolutePath().normalize();
    }

    /** One instance's {@code /api/incidents/stream}, read as a viewer into a list of events. */
    private static final class LiveStream {

        private final ServiceProcess instance;
        private final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private volatile java.io.InputStream body;

        LiveStream(ServiceProcess instance) {
            this.instance = instance;
        }

        void open() {
            var response =
                    HttpClient.newHttpClient()
                            .sendAsync(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            instance.baseUrl()
                                                                    + "/api/incidents/stream"))
                                            .header("Accept", "text/event-stream")
                                            .header(
                                                    "Authorization",
                                                    "Bearer " + e2e.token("viewer"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofInputStream());
            var reader =
                    new Thread(
                            () -> {
                                try (var in =
                                        new BufferedReader(
                                                new InputStreamReader(
                                                        response.join().body(),
                                                        StandardCharsets.UTF_8))) {
                                    String line;
                                    while ((line = in.readLine()) != null) {
                                        if (line.startsWith("data:")) {
                                            events.add(parse(line.substring(5).strip()));
                                        }
                                    }
                                } catch (Exception e) {
                                    // The stream ends when the test closes it or the instance dies.
                                }
                            },
                            "live-" + instance.name());
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(30)).until(response::isDone);
            body = response.join().body();
        }

        boolean sawChange(String brand, String change) {
            return events.stream()
                    .anyMatch(
                            e ->
                                    brand.equals(e.path("brandId").asText())
                                            && change.equals(e.path("change").asText()));
        }

        String incidentOf(String brand) {
            return events.stream()
                    .filter(e -> brand.equals(e.path("brandId").asText()))
                    .map(e -> e.path("incidentId").asText())
                    .findFirst()
                    .orElseThrow();
        }

        boolean saw(String brand, String eventType) {
            return events.stream()
                    .anyMatch(
                            e ->
                                    brand.equals(e.path("brandId").asText())
                                            && eventType.equals(e.path("eventType").asText()));
        }

        void close() {
            try {
                body.close();
            } catch (IOException | RuntimeException e) {
                // Already closed by a dead instance.
            }
        }
    }
}
