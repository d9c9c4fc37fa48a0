package org.caresignal.ingest.source.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.caresignal.ingest.service.SourcePoller;
import org.caresignal.ingest.service.StreamSupervisor;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Management;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The file replay connector on temporary JSONL and CSV files: explicit brands and matched ones
 * through the same intake (redaction included), malformed lines counted with their line number and
 * skipped, a stop in the middle of the file, a change of pace and appended lines resuming at the
 * committed line with nothing read twice, CSV records spanning lines, and the file kept inside the
 * replay directory.
 */
@QuarkusTest
class FileReplayConnectorTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;

    @Inject StreamSupervisor supervisor;
    @Inject SourcePoller poller;

    @BeforeAll
    static void makeDir() throws Exception {
        // The test profile's replay directory is java.io.tmpdir.
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "replay");
    }

    @AfterAll
    static void removeDir() throws Exception {
        try (var files = Files.walk(dir)) {
            for (var p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String line(String source, String brand, String id, String text)
            throws Exception {
        var m = new LinkedHashMap<String, Object>();
        if (brand != null) {
            m.put("brandId", brand);
        }
        m.put("source", source);
        m.put("externalId", id);
        m.put("url", "https://social.example/" + id);
        m.put("text", text);
        m.put("offsetSeconds", 1);
        return JSON.writeValueAsString(m) + "\n";
    }

    private static void create(String id, String brand, String url, String query) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("kind", "file");
        body.put("brandId", brand);
        body.put("url", url);
        body.put("query", query);
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);
    }

    private static JsonNode health(String id) {
        try {
            return JSON.readTree(
                            Api.asViewer()
                                    .get("/api/sources/" + id)
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .asString())
                    .get("health");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> published(String brand, String untilId) throws Exception {
        var out = new ArrayList<JsonNode>();
        for (var r :
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r -> brand.equals(r.key()) && r.value().contains("\"" + untilId + "\""))) {
            out.add(JSON.readTree(r.value()));
        }
        return out;
    }

    @Test
    void linesAreRoutedRedactedAndMalformedOnesSkippedByLineNumber() throws Exception {
        var tag = SourceFixtures.unique("Riverside");
        var brand = SourceFixtures.unique("riverside-");
        var other = SourceFixtures.unique("explicit-");
        var source = SourceFixtures.unique("replay-");
        SourceFixtures.brandWatching(brand, tag);
        SourceFixtures.brandWatching(other, SourceFixtures.unique("Nothing"));
        var file = dir.resolve(SourceFixtures.unique("posts") + ".jsonl");
        Files.writeString(
                file,
                line(source, null, "m-1", "Long wait at #" + tag + ", call me at 555-867-5309")
                        + line(source, other, "e-1", "Explicitly routed, no hashtag needed")
                        + "\n"
                        + "{\"text\": \"broken\n"
                        + line(source, null, "u-1", "Matches no brand at all")
                        + "{\"source\":\""
                        + source
                        + "\",\"externalId\":\"x\"}\n"
                        + line(source, null, "m-2", "#" + tag + " nurses were great"),
                StandardCharsets.UTF_8);
        var connector = SourceFixtures.unique("file-");
        create(connector, brand, dir.getFileName() + "/" + file.getFileName(), "rate=max");

        var mine = published(brand, "m-2");
        assertThat(mine)
                .extracting(n -> n.get("externalId").asText())
                .containsExactly("m-1", "m-2");
        assertThat(mine.get(0).get("source").asText()).isEqualTo(source);
        assertThat(mine.get(0).get("text").asText())
                .isEqualTo("Long wait at #" + tag + ", call me at [PHONE]")
                .doesNotContain("867");
        assertThat(published(other, "e-1"))
                .extracting(n -> n.get("externalId").asText())
                .containsExactly("e-1");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> {
                            var h = health(connector);
                            assertThat(h.get("status").asText()).isEqualTo("OK");
                            assertThat(h.get("stream").get("malformed").asInt()).isEqualTo(2);
                            assertThat(h.get("stream").get("lastMalformed").asText())
                                    .isEqualTo("line 6: text is missing");
                            assertThat(h.get("stream").get("position").asText())
                                    .isEqualTo("line 7");
                            assertThat(h.get("stream").get("caughtUp").asBoolean()).isTrue();
                        });
        var metrics = Management.given().get("/q/metrics").then().extract().asString();
        assertThat(metrics)
                .contains(
                        "caresignal_source_stream_events_total{connector=\""
                                + connector
                                + "\",outcome=\"malformed\",source=\"file\"} 2.0");
        Api.asAdmin().delete("/api/sources/" + connector).then().statusCode(204);
    }

    @Test
    void aStopMidFileAndAppendedLinesResumeAtTheCommittedLine() throws Exception {
        var tag = SourceFixtures.unique("Riverside");
        var brand = SourceFixtures.unique("riverside-");
        var source = SourceFixtures.unique("replay-");
        SourceFixtures.brandWatching(brand, tag);
        var file = dir.resolve(SourceFixtures.unique("backfill") + ".jsonl");
        var sb = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            sb.append(line(source, brand, "p-" + i, "post " + i));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        var connector = SourceFixtures.unique("file-");
        // 20 posts/s: the 30 lines take 1.5 s, so the stop lands in the middle of the file.
        create(connector, brand, file.toUri().toString(), "rate=20");
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                health(connector)
                                        .path("stream")
                                        .path("position")
                                        .asText()
                                        .matches("line ([5-9]|1\\d)"));
        assertThat(supervisor.stop(connector)).isTrue();
        var stoppedAt =
                Integer.parseInt(
                        health(connector).get("stream").get("position").asText().substring(5));
        assertThat(stoppedAt).isLessThan(30);

        supervisor.reconcile(connector);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                health(connector)
                                        .path("stream")
                                        .path("position")
                                        .asText()
                                        .equals("line 30"));
        // Every line so far was read once, across the stop.
        assertThat(health(connector).get("stream").get("events").asInt()).isEqualTo(30);
        // A new pace restarts the stream but keeps the file position (and its stored health, whose
        // counts go on).
        var pace = new LinkedHashMap<String, Object>();
        pace.put("kind", "file");
        pace.put("brandId", brand);
        pace.put("url", file.toUri().toString());
        pace.put("query", "rate=max");
        Api.asAdmin()
                .contentType("application/json")
                .body(pace)
                .put("/api/sources/" + connector)
                .then()
                .statusCode(200);
        Files.writeString(
                file,
                line(source, brand, "p-31", "post 31") + line(source, brand, "p-32", "post 32"),
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        var ids = published(brand, "p-32").stream().map(n -> n.get("externalId").asText()).toList();
        var expected = new ArrayList<String>();
        for (int i = 1; i <= 32; i++) {
            expected.add("p-" + i);
        }
        assertThat(ids).containsExactlyElementsOf(expected);
        // Nothing was read twice: only the two appended lines since the new pace (32 events in
        // all, each line once), and no post reached the dedup.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health(connector).get("stream").get("events").asInt() == 32);
        assertThat(Management.given().get("/q/metrics").then().extract().asString())
                .doesNotContain("caresignal_mentions_duplicates_total{source=\"" + source + "\"}");
        Api.asAdmin().delete("/api/sources/" + connector).then().statusCode(204);
    }

    @Test
    void aSilentStreamThatDeliversAgainPublishesSourceRecoveredOnce() throws Exception {
        var tag = SourceFixtures.unique("Riverside");
        var brand = SourceFixtures.unique("riverside-");
        var source = SourceFixtures.unique("replay-");
        SourceFixtures.brandWatching(brand, tag);
        var file = dir.resolve(SourceFixtures.unique("quiet") + ".jsonl");
        Files.writeString(file, line(source, brand, "q-1", "post 1"), StandardCharsets.UTF_8);
        var connector = SourceFixtures.unique("file-");
        var body = new LinkedHashMap<String, Object>();
        body.put("id", connector);
        body.put("kind", "file");
        body.put("brandId", brand);
        body.put("url", file.toUri().toString());
        body.put("query", "rate=max");
        body.put("silentAfter", "PT1S");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                health(connector)
                                        .path("stream")
                                        .path("position")
                                        .asText()
                                        .equals("line 1"));
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> {
                            poller.checkSilence(Instant.now());
                            return health(connector).path("silent").asBoolean();
                        });
        // Nothing new yet: no recovery.
        poller.checkRecovery(Instant.now());

        Files.writeString(
                file,
                line(source, brand, "q-2", "post 2"),
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !health(connector).path("silent").asBoolean());
        assertThat(poller.checkRecovery(Instant.now())).isGreaterThanOrEqualTo(1);
        poller.checkRecovery(Instant.now());

        var events = new ArrayList<JsonNode>();
        for (var r :
                KafkaTestClient.readUntil(
                        "sources.silent.v1",
                        r -> r.value().contains("\"" + connector + "\""),
                        r ->
                                r.value().contains("\"" + connector + "\"")
                                        && r.value().contains("\"SourceRecovered\""))) {
            events.add(JSON.readTree(r.value()));
        }
        assertThat(events)
                .extracting(e -> e.get("eventType").asText())
                .containsExactly("SourceSilent", "SourceRecovered");
        var recovered = events.get(1);
        // A stream that runs but finds nothing new is a quiet source, not a failing one.
        assertThat(events.get(0).get("reason").asText()).isEqualTo("NO_ITEMS");
        assertThat(recovered.get("resolution").asText()).isEqualTo("DELIVERING");
        assertThat(recovered.get("firstItemAt").isTextual()).isTrue();
        assertThat(recovered.get("source").asText()).isEqualTo("file");
        assertThat(recovered.get("brandId").asText()).isEqualTo(brand);
        assertThat(recovered.get("silenceEventId").asText())
                .isEqualTo(events.get(0).get("eventId").asText());
        assertThat(recovered.get("silentSince").asText())
                .isEqualTo(events.get(0).get("silentSince").asText());
        Api.asAdmin().delete("/api/sources/" + connector).then().statusCode(204);
    }

    @Test
    void csvRecordsMaySpanLinesAndReplayAtTheirOwnTiming() throws Exception {
        var brand = SourceFixtures.unique("riverside-");
        var source = SourceFixtures.unique("replay-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("Tag"));
        var file = dir.resolve(SourceFixtures.unique("reviews") + ".csv");
        Files.writeString(
                file,
                "brandId,source,externalId,text,offsetSeconds\r\n"
                        + brand
                        + ","
                        + source
                        + ",c-1,\"Parking, again\",0\r\n"
                        + brand
                        + ","
                        + source
                        + ",c-2,\"Nurse said \"\"hi\"\"\nthen left\",30\r\n"
                        + brand
                        + ","
                        + source
                        + ",c-3,too,many,columns\r\n"
                        + brand
                        + ","
                        + source
                        + ",c-4,Clean rooms,60\r\n",
                StandardCharsets.UTF_8);
        var connector = SourceFixtures.unique("file-");
        create(
                connector,
                brand,
                dir.getFileName() + "/" + file.getFileName(),
                "timing=original,speed=600");

        var rows = published(brand, "c-4");
        assertThat(rows)
                .extracting(n -> n.get("externalId").asText())
                .containsExactly("c-1", "c-2", "c-4");
        assertThat(rows.get(1).get("text").asText()).isEqualTo("Nurse said \"hi\"\nthen left");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                health(connector)
                                                        .get("stream")
                                                        .get("lastMalformed")
                                                        .asText())
                                        .isEqualTo("line 5: expected 5 columns, found 6"));
        Api.asAdmin().delete("/api/sources/" + connector).then().statusCode(204);
    }

    @Test
    void theFileMustBeInsideTheReplayDirectoryAndTheOptionsValid() {
        var brand = SourceFixtures.unique("riverside-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("Tag"));
        var body = new LinkedHashMap<String, Object>();
        body.put("id", SourceFixtures.unique("file-"));
        body.put("kind", "file");
        body.put("brandId", brand);
        body.put("url", "../../etc/passwd.jsonl");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("url"))
                .body("violations[0].message", containsString("inside the replay directory"));
        body.put("url", "posts.jsonl");
        body.put("query", "rate=fast");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("query"))
                .body("violations[0].message", containsString("rate must be a number"));
    }
}
