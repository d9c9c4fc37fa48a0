package org.caresignal.ingest.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.caresignal.local.stack.KafkaBroker;

/**
 * A Kafka broker of one test class's own, on a fixed port, that the test may stop and start again;
 * the service's outbox relay sends to it, so restarting it disturbs no other test.
 */
public class DedicatedBroker implements QuarkusTestResourceLifecycleManager {

    private static Path logDir;
    private static int port;
    private static KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            logDir = Files.createTempDirectory("ingest-dedicated-kafka");
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = KafkaBroker.start(logDir, port, 3);
        return Map.of(
                "caresignal.ingest.outbox.bootstrap-servers", bootstrapServers(),
                // Fail fast while the broker is down, so the test sees the relay retry.
                "caresignal.ingest.outbox.delivery-timeout", "PT6S",
                "caresignal.ingest.outbox.max-backoff", "PT2S");
    }

    public static String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public static synchronized void stopBroker() {
        broker.close();
        broker = null;
    }

    /** Starts the broker again on the same port with the same data. */
    public static synchronized void startBroker() {
        // The port may linger for a moment after the previous broker closed it.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () -> {
                            broker = KafkaBroker.start(logDir, port, 3);
                            return true;
                        });
    }

    @Override
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
