package org.caresignal.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.SimulatedInstances;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.Test;

/**
 * A file replay stream between two "instances" (each its own leases, heartbeat and stream
 * supervisor on the same database): the stream runs where the lease was won, stops where it was
 * lost, and the new owner goes on from the committed line, each post published once.
 */
@QuarkusTest
class StreamLeaseTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject SourceConnectorRepository connectors;
    @Inject MeterRegistry registry;
    @Inject SimulatedInstances instances;

    /** An ingest instance: its leases, stream supervisor and heartbeat. */
    private record Node(
            ConnectorLeases leases, StreamSupervisor streams, LeaseHeartbeat heartbeat) {}

    private Node node(String name, Duration lease) {
        var leases = instances.leases(name, lease);
        var streams = instances.streams(leases);
        return new Node(leases, streams, new LeaseHeartbeat(leases, connectors, streams, registry));
    }

    private static String line(String source, String brand, String id) throws Exception {
        var m = new LinkedHashMap<String, Object>();
        m.put("brandId", brand);
        m.put("source", source);
        m.put("externalId", id);
        m.put("text", "Replayed post " + id);
        m.put("offsetSeconds", 0);
        return JSON.writeValueAsString(m) + "\n";
    }

    private List<SourceConnector> only(String id) {
        return List.of(QuarkusTransaction.requiringNew().call(() -> connectors.findById(id)));
    }

    private static Map<String, Long> published(String brand) {
        return KafkaTestClient.publishedExternalIds(List.of(brand));
    }

    @Test
    void theStreamRunsWhereTheLeaseIsAndMovesWithIt() throws Exception {
        var brand = SourceFixtures.unique("stream-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("Stream"));
        var source = SourceFixtures.unique("replay-");
        var dir = Path.of(System.getProperty("java.io.tmpdir"));
        var file = Files.createTempFile(dir, "lease", ".jsonl");
        Files.writeString(
                file,
                line(source, brand, "s-1") + line(source, brand, "s-2"),
                StandardCharsets.UTF_8);
        var id = SourceFixtures.unique("file-");
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("kind", "file");
        body.put("brandId", brand);
        body.put("url", file.getFileName().toString());
        body.put("query", "rate=max");
        // Created disabled, so that this test's process does not take it on creation.
        body.put("enabled", false);
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);
        QuarkusTransaction.requiringNew()
                .run(() -> connectors.update("enabled = true where id = ?1", id));

        var x = node("x", Duration.ofSeconds(3));
        var y = node("y", Duration.ofSeconds(30));
        try {
            assertThat(x.heartbeat().beat(only(id)).won()).containsExactly(id);
            assertThat(x.streams().isRunning(id)).isTrue();
            assertThat(y.heartbeat().beat(only(id)).won()).isEmpty();
            assertThat(y.streams().isRunning(id)).isFalse();
            // x is alive meanwhile: it renews its lease while its stream runs.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> {
                                assertThat(x.heartbeat().beat(only(id)).lost()).isEmpty();
                                assertThat(published(brand))
                                        .isEqualTo(Map.of("s-1", 1L, "s-2", 1L));
                            });

            // x is paused (no heartbeat); once its lease runs out, y takes the stream over.
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> !y.heartbeat().beat(only(id)).won().isEmpty());
            assertThat(y.streams().isRunning(id)).isTrue();
            // x, back, learns it lost the connector and stops its stream.
            x.heartbeat().beat(only(id));
            await().atMost(Duration.ofSeconds(15)).until(() -> !x.streams().isRunning(id));

            Files.writeString(
                    file,
                    line(source, brand, "s-3"),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(published(brand))
                                            .isEqualTo(Map.of("s-1", 1L, "s-2", 1L, "s-3", 1L)));
            assertThat(QuarkusTransaction.requiringNew().call(() -> connectors.findById(id).cursor))
                    .isNotNull();
        } finally {
            x.streams().stop(id);
            y.streams().stop(id);
            x.leases().releaseAll();
            y.leases().releaseAll();
            Files.deleteIfExists(file);
        }
    }
}
