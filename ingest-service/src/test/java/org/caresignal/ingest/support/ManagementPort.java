package org.caresignal.ingest.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A free management port for the packaged service of an {@code *IT} (which runs the prod profile
 * and would otherwise take 9081, the one a local run uses); {@code @QuarkusTest}s use the random
 * {@code quarkus.management.test-port} instead.
 */
public class ManagementPort implements QuarkusTestResourceLifecycleManager {

    private static volatile int port;

    @Override
    public Map<String, String> start() {
        port = free();
        return Map.of("%prod.quarkus.management.port", String.valueOf(port));
    }

    @Override
    public void stop() {}

    /** {@code http://localhost:port} of the packaged service's management interface. */
    public static String baseUri() {
        return "http://localhost:" + port;
    }

    /** A port nothing listens on now. */
    public static int free() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
