package org.caresignal.ingest.source.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.service.StreamSupervisor;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.JetstreamServer;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Management;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jetstream connector against a real WebSocket server sending frames shaped like the verbatim
 * Jetstream capture: only post creates matching a brand are published; updates, deletes, other
 * collections, identity and account events only move the cursor; malformed frames are counted and
 * skipped; a dead host is failed over; a server-side close and a stop of the stream both resume a
 * few seconds before the committed {@code time_us}, and every post arrives exactly once; a cursor
 * older than the 36 h lookback resumes at the oldest point Jetstream keeps.
 */
@QuarkusTest
class JetstreamConnectorTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DID = "did:plc:abcdefghijklmnopqrstuvwx";
    private static final long REWIND_US = 5_000_000L;
    private static JetstreamServer server;

    @Inject StreamSupervisor supervisor;
    @Inject SourceConnectorRepository connectors;

    @BeforeAll
    static void start() throws Exception {
        server = new JetstreamServer();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static int deadPort() throws Exception {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String uri(String rkey) {
        return "at://" + DID + "/app.bsky.feed.post/" + rkey;
    }

    private static void awaitConnections(int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> server.connections().size() >= n);
    }

    private static void awaitPosition(String connector, long timeUs) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                Api.asViewer()
                                        .get("/api/sources/" + connector)
                                        .then()
                                        .statusCode(200)
                                        .body(
                                                "health.stream.position",
                                                equalTo("time_us " + timeUs)));
    }

    private static List<String> published(String brand, String untilUri) throws Exception {
        var out = new ArrayList<String>();
        for (var r :
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r -> brand.equals(r.key()) && r.value().contains("\"" + untilUri + "\""))) {
            out.add(JSON.readTree(r.value()).get("externalId").asText());
        }
        return out;
    }

    @Test
    void aFrameOverTheByteCapFailsTheConnectionAsTooLarge() throws Exception {
        var brand = SourceFixtures.unique("big-");
        var connector = SourceFixtures.unique("jet-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("T"));
        int first = server.connections().size();
        var body = new LinkedHashMap<String, Object>();
        body.put("id", connector);
        body.put("kind", "jetstream");
        body.put("brandId", brand);
        body.put("url", server.url());
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);
        awaitConnections(first + 1);

        // Over the 64 KiB cap of the tests (1 MiB in production): the host is misbehaving.
        server.send(first, "{\"did\":\"" + DID + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                Api.asViewer()
                                        .get("/api/sources/" + connector)
                                        .then()
                                        .body(
                                                "health.lastError",
                                                equalTo(
                                                        "TOO_LARGE: the answer exceeded the byte"
                                                                + " cap")));
        // The supervisor connects again (from the committed cursor).
        awaitConnections(first + 2);
        Api.asAdmin().delete("/api/sources/" + connector).then().statusCode(204);
    }

    @Test
    void postsAreMatchedPublishedOnceAndResumedAfterCloseAndStop() throws Exception {
        var tag = SourceFixtures.unique("StMarys");
        var brand = SourceFixtures.unique("stmarys-");
        var connector = SourceFixtures.unique("jet-");
        var run = SourceFixtures.unique("3m");
        SourceFixtures.brandWatching(brand, tag);
        // A recent start, so that the 36 h lookback cap does not apply.
        long t = (Instant.now().toEpochMilli() - 60_000) * 1000;
        int first = server.connections().size();
        var body = new LinkedHashMap<String, Object>();
        body.put("id", connector);
        body.put("kind", "jetstream");
        body.put("brandId", brand);
        // The first host refuses connections: the connector fails over to the second.
        body.put("url", "ws://127.0.0.1:" + deadPort() + ", " + server.url() + "/subscribe");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201)
                .body("kind", equalTo("jetstream"));
        awaitConnections(first + 1);
        assertThat(server.query(first)).isEqualTo("wantedCollections=app.bsky.feed.post");

        server.send(
                first,
                JetstreamServer.identity(DID, t + 1),
                JetstreamServer.account(DID, t + 2),
                JetstreamServer.postCreate(
                        DID, t + 3, run + "a", "Thank you to the nurses at #" + tag),
                JetstreamServer.postCreate(DID, t + 4, run + "x", "Nothing about any hospital"),
                JetstreamServer.likeCreate(DID, t + 5, run + "l"),
                JetstreamServer.postUpdate(DID, t + 6, run + "u", "An edit mentioning #" + tag),
                JetstreamServer.postDelete(DID, t + 7, run + "a"),
                "{\"did\":\"" + DID + "\",\"time_us\":",
                "[]",
                "{\"did\":\"not a did\",\"time_us\":"
                        + (t + 8)
                        + ",\"kind\":\"commit\",\"commit\":{\"operation\":\"create\","
                        + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"r\",\"record\":{}}}",
                JetstreamServer.postCreate(
                        DID, t + 9, run + "b", "Long wait at #" + tag + " today"));
        server.sendBinary(first, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});
        awaitPosition(connector, t + 9);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                Api.asViewer()
                                        .get("/api/sources/" + connector)
                                        .then()
                                        .body("health.stream.malformed", equalTo(4)));
        Api.asViewer()
                .get("/api/sources/" + connector)
                .then()
                .body("health.status", equalTo("OK"))
                .body("health.stream.connected", equalTo(true))
                .body("health.stream.endpoint", equalTo("127.0.0.1"))
                .body("health.stream.malformed", equalTo(4))
                .body("health.stream.lastMalformed", containsString("binary"))
                .body("health.stream.lagSeconds", notNullValue())
                .body("health.stream.lastEventTime", notNullValue())
                .body("health.lastError", equalTo("CONNECT: the connection failed"));

        // The server goes away mid-stream: the connector reconnects (the dead host first, then
        // this one) a few seconds before the committed cursor; the overlap is deduplicated.
        server.close(first);
        awaitConnections(first + 2);
        assertThat(server.query(first + 1))
                .isEqualTo("wantedCollections=app.bsky.feed.post&cursor=" + (t + 9 - REWIND_US));
        server.send(
                first + 1,
                JetstreamServer.postCreate(
                        DID, t + 9, run + "b", "Long wait at #" + tag + " today"),
                JetstreamServer.postCreate(DID, t + 10, run + "c", "#" + tag + " parking is full"));
        awaitPosition(connector, t + 10);
        Api.asViewer()
                .get("/api/sources/" + connector)
                .then()
                .body("health.stream.reconnects", greaterThanOrEqualTo(1))
                .body("health.mentionsLastHour", equalTo(3));

        // The stream is stopped (in-memory state gone) and started again: same resume.
        assertThat(supervisor.stop(connector)).isTrue();
        supervisor.reconcile(connector);
        awaitConnections(first + 3);
        assertThat(server.query(first + 2))
                .isEqualTo("wantedCollections=app.bsky.feed.post&cursor=" + (t + 10 - REWIND_US));
        server.send(
                first + 2,
                JetstreamServer.postCreate(DID, t + 10, run + "c", "#" + tag + " parking is full"),
                JetstreamServer.postCreate(DID, t + 11, run + "d", "Discharged from #" + tag));

        assertThat(published(brand, uri(run + "d")))
                .containsExactly(uri(run + "a"), uri(run + "b"), uri(run + "c"), uri(run + "d"));
        var mention =
                JSON.readTree(
                        KafkaTestClient.readUntil(
                                        "mentions.ingested.v1",
                                        r -> brand.equals(r.key()),
                                        r -> brand.equals(r.key()))
                                .get(0)
                                .value());
        assertThat(mention.get("source").asText()).isEqualTo("bluesky");
        assertThat(mention.get("url").asText())
                .isEqualTo("https://bsky.app/profile/" + DID + "/post/" + run + "a");
        assertThat(mention.get("text").asText()).isEqualTo("Thank you to the nurses at #" + tag);

        var metrics =
                Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("caresignal_source_stream_events_total{connector=\"" + connector)
                .contains("outcome=\"malformed\"")
                .containsPattern(
                        "caresignal_source_up\\{connector=\""
                                + connector
                                + "\",source=\"jetstream\"} 1");

        // Disabling stops the subscription; deleting forgets it.
        Api.asAdmin().delete("/api/sources/" + connector).then().statusCode(204);
        assertThat(supervisor.isRunning(connector)).isFalse();
    }

    @Test
    void aCursorOlderThanTheLookbackResumesAt36HoursAgo() throws Exception {
        var brand = SourceFixtures.unique("stmarys-");
        var connector = SourceFixtures.unique("jet-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("Tag"));
        int first = server.connections().size();
        var body = new LinkedHashMap<String, Object>();
        body.put("id", connector);
        body.put("kind", "jetstream");
        body.put("brandId", brand);
        body.put("url", server.url());
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);
        awaitConnections(first + 1);
        assertThat(supervisor.stop(connector)).isTrue();
        // The service was down for 40 hours: the committed cursor is older than Jetstream keeps.
        long old = (Instant.now().minus(Duration.ofHours(40)).toEpochMilli()) * 1000;
        QuarkusTransaction.requiringNew()
                .run(() -> connectors.saveCursor(connector, "{\"timeUs\":" + old + "}", null));

        long before = Instant.now().minus(Duration.ofHours(36)).toEpochMilli() * 1000;
        supervisor.reconcile(connector);
        awaitConnections(first + 2);
        long after = Instant.now().minus(Duration.ofHours(36)).toEpochMilli() * 1000;
        var query = server.query(first + 1);
        assertThat(query).startsWith("wantedCollections=app.bsky.feed.post&cursor=");
        assertThat(Long.parseLong(query.substring(query.indexOf("cursor=") + 7)))
                .isBetween(before, after);
        Api.asAdmin().delete("/api/sources/" + connector).then().statusCode(204);
    }

    @Test
    void aJetstreamConnectorNeedsWebSocketHosts() {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", SourceFixtures.unique("jet-"));
        body.put("kind", "jetstream");
        var brand = SourceFixtures.unique("stmarys-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("Tag"));
        body.put("brandId", brand);
        body.put("url", "https://jetstream1.us-east.bsky.network");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("url"))
                .body("violations[0].message", containsString("wss://"));
    }
}
