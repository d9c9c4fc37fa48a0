package org.caresignal.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP endpoint on loopback that keeps every export request it receives (protobuf bodies),
 * so a test can tell which service exported spans of which trace without a collector.
 */
final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            var server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var receiver = new OtlpReceiver(server);
            server.createContext(
                    "/",
                    exchange -> {
                        try (exchange) {
                            var body = exchange.getRequestBody().readAllBytes();
                            var encoding =
                                    exchange.getRequestHeaders().getFirst("Content-Encoding");
                            if ("gzip".equalsIgnoreCase(encoding)) {
                                body =
                                        new GZIPInputStream(new ByteArrayInputStream(body))
                                                .readAllBytes();
                            }
                            receiver.bodies.add(body);
                            // An empty ExportTraceServiceResponse: full success.
                            exchange.getResponseHeaders()
                                    .set("Content-Type", "application/x-protobuf");
                            exchange.sendResponseHeaders(200, -1);
                        }
                    });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL the services export to ({@code OTEL_EXPORTER_OTLP_ENDPOINT}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Whether {@code service} exported a span of this trace: one export request names the service
     * (its resource's {@code service.name}) and carries the trace id's 16 bytes, as the protobuf
     * encoding of a span holds them.
     */
    boolean exported(String service, String traceIdHex) {
        var name = service.getBytes(StandardCharsets.UTF_8);
        var traceId = HexFormat.of().parseHex(traceIdHex);
        return bodies.stream().anyMatch(b -> contains(b, name) && contains(b, traceId));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
