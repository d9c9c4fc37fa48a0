package org.caresignal.sentiment.tools;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.caresignal.local.stack.CareSignalStackResource;

/**
 * The {@code sentiment-service/replay-heap} check: starts the packaged service with a fixed heap
 * bound against the embedded Kafka and PostgreSQL, publishes N distinct mentions, waits until all
 * are stored, samples the service's heap from its metrics all along, and prints the bound and the
 * highest heap in use.
 */
public final class ReplayHeapCheck {

    private static final Pattern HEAP_USED =
            Pattern.compile(
                    "^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.eE+]+)",
                    Pattern.MULTILINE);

    private ReplayHeapCheck() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String heap = args.length > 1 ? args[1] : "1g";
        var corpus =
                Path.of(
                        args.length > 2
                                ? args[2]
                                : "../../shared/datasets/sentiment/tweeteval-val.tsv");
        var texts =
                Files.readAllLines(corpus, StandardCharsets.UTF_8).stream()
                        .map(l -> l.substring(l.indexOf('\t') + 1))
                        .toList();

        var resource = new CareSignalStackResource();
        resource.init(Map.of("database", "sentiment"));
        var config = resource.start();
        int httpPort;
        int managementPort;
        try (var socket = new ServerSocket(0);
                var management = new ServerSocket(0)) {
            httpPort = socket.getLocalPort();
            // Health and metrics are on the management interface.
            managementPort = management.getLocalPort();
        }
        var command =
                new ArrayList<>(
                        List.of(
                                "java",
                                "-Xmx" + heap,
                                "-Dquarkus.http.port=" + httpPort,
                                "-Dquarkus.management.port=" + managementPort,
                                "-Dkafka.bootstrap.servers="
                                        + config.get("kafka.bootstrap.servers"),
                                "-Dquarkus.datasource.jdbc.url="
                                        + config.get("quarkus.datasource.jdbc.url"),
                                "-Dquarkus.datasource.username="
                                        + config.get("quarkus.datasource.username"),
                                "-Dquarkus.datasource.password="
                                        + config.get("quarkus.datasource.password"),
                                "-Dquarkus.log.level=WARN",
                                "-jar",
                                "target/quarkus-app/quarkus-run.jar"));
        var service =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(Path.of("target/replay-heap-service.log").toFile())
                        .start();
        var http = HttpClient.newHttpClient();
        try {
            waitUntilReady(http, managementPort);
            long before = stored(config);
            var brand = "replay-" + UUID.randomUUID().toString().substring(0, 8);
            var started = Instant.now();
            try (var producer = producer(config.get("kafka.bootstrap.servers"))) {
                for (int i = 0; i < count; i++) {
                    var text = texts.get(i % texts.size()) + " (" + i + ")";
                    producer.send(
                            new ProducerRecord<>(
                                    "mentions.ingested.v1", brand, event(brand, text, i)));
                }
            }
            double peak = 0;
            long done = 0;
            while (done < count) {
                peak = Math.max(peak, heapUsed(http, managementPort));
                done = stored(config) - before;
                System.err.printf(
                        Locale.ROOT,
                        "stored %d/%d, heap %.0f MB%n",
                        done,
                        count,
                        heapUsed(http, managementPort) / 1e6);
                Thread.sleep(2000);
                if (!service.isAlive()) {
                    throw new IllegalStateException(
                            "the service died; see target/replay-heap-service.log");
                }
            }
            double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            System.out.printf(
                    Locale.ROOT,
                    "mentions=%d seconds=%.0f posts_per_s=%.1f%n",
                    count,
                    seconds,
                    count / seconds);
            System.out.printf(
                    Locale.ROOT,
                    "heap_bound_mb=%d peak_heap_used_mb=%.0f%n",
                    parseMb(heap),
                    peak / (1024 * 1024));
        } finally {
            service.destroy();
            service.waitFor();
            System.exit(0);
        }
    }

    private static long parseMb(String heap) {
        var lower = heap.toLowerCase(Locale.ROOT);
        long n = Long.parseLong(lower.replaceAll("[^0-9]", ""));
        return lower.endsWith("g") ? n * 1024 : n;
    }

    private static String event(String brand, String text, int i) {
        var json = new StringBuilder("{");
        json.append("\"eventId\":\"").append(UUID.randomUUID()).append("\",");
        json.append("\"eventType\":\"MentionIngested\",\"schemaVersion\":1,");
        json.append("\"occurredAt\":\"").append(Instant.now()).append("\",");
        json.append("\"mentionId\":\"").append(UUID.randomUUID()).append("\",");
        json.append("\"brandId\":\"").append(brand).append("\",\"facilityId\":null,");
        json.append("\"source\":\"replay\",\"externalId\":\"").append(i).append("\",\"url\":null,");
        json.append("\"text\":\"").append(escape(text)).append("\",");
        json.append("\"publishedAt\":\"")
                .append(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i))
                .append("\"}");
        return json.toString();
    }

    private static String escape(String text) {
        var out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static long stored(Map<String, String> config) throws Exception {
        try (var db =
                        DriverManager.getConnection(
                                config.get("quarkus.datasource.jdbc.url"),
                                config.get("quarkus.datasource.username"),
                                config.get("quarkus.datasource.password"));
                var rs = db.createStatement().executeQuery("select count(*) from scored_mention")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }

    private static double heapUsed(HttpClient http, int port)
            throws IOException, InterruptedException {
        var body =
                http.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:" + port + "/q/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        var m = HEAP_USED.matcher(body);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private static void waitUntilReady(HttpClient http, int port) throws Exception {
        var deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            try {
                var status =
                        http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://localhost:"
                                                                        + port
                                                                        + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(
                "the service did not become ready; see target/replay-heap-service.log");
    }
}
