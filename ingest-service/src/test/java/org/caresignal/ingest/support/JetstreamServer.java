package org.caresignal.ingest.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket server (Vert.x) standing in for a Jetstream instance: it accepts subscriptions
 * on {@code /subscribe}, remembers each one's query, and lets the test send frames shaped like the
 * verbatim Jetstream capture and close the connection when it likes.
 */
public final class JetstreamServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<ServerWebSocket> connections = new CopyOnWriteArrayList<>();

    public JetstreamServer() throws Exception {
        server =
                vertx.createHttpServer()
                        .requestHandler(
                                request -> {
                                    if (!"/subscribe".equals(request.path())) {
                                        request.response().setStatusCode(404).end();
                                        return;
                                    }
                                    request.toWebSocket().onSuccess(connections::add);
                                })
                        .listen(0, "127.0.0.1")
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
    }

    /** The base URL a connector is configured with. */
    public String url() {
        return "ws://127.0.0.1:" + server.actualPort();
    }

    /** Subscriptions received so far, oldest first. */
    public List<ServerWebSocket> connections() {
        return connections;
    }

    /** The query string of the {@code n}-th subscription (0 = first). */
    public String query(int n) {
        return connections.get(n).query();
    }

    public void send(int n, String... frames) {
        var ws = connections.get(n);
        for (var f : frames) {
            ws.writeTextMessage(f);
        }
    }

    public void sendBinary(int n, byte[] data) {
        connections.get(n).writeBinaryMessage(Buffer.buffer(data));
    }

    /** Closes the {@code n}-th connection from the server side, as a Jetstream restart does. */
    public void close(int n) {
        connections.get(n).close((short) 1001, "going away");
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A commit create of an app.bsky.feed.post, shaped like the capture. */
    public static String postCreate(String did, long timeUs, String rkey, String text) {
        return "{\"did\":\""
                + did
                + "\",\"time_us\":"
                + timeUs
                + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"3mptbypoy522s\",\"operation\":\"create\","
                + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\""
                + rkey
                + "\",\"record\":{\"$type\":\"app.bsky.feed.post\",\"createdAt\":\"2026-07-04T14:38:08.420Z\","
                + "\"langs\":[\"en\"],\"text\":\""
                + text
                + "\"},\"cid\":\"bafyreie36hv3vh74dqr7zvswes4ascrqfwd7nrr3tytck5ypyd5d2a5dge\"}}";
    }

    /** A commit update of a post (an edit; not ingested). */
    public static String postUpdate(String did, long timeUs, String rkey, String text) {
        return postCreate(did, timeUs, rkey, text).replace("\"create\"", "\"update\"");
    }

    /** A commit create of another collection (a like). */
    public static String likeCreate(String did, long timeUs, String rkey) {
        return "{\"did\":\""
                + did
                + "\",\"time_us\":"
                + timeUs
                + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"3mptbypuw3t2a\",\"operation\":\"create\","
                + "\"collection\":\"app.bsky.feed.like\",\"rkey\":\""
                + rkey
                + "\",\"record\":{\"$type\":\"app.bsky.feed.like\",\"createdAt\":\"2026-07-04T14:38:08.420Z\","
                + "\"subject\":{\"cid\":\"bafyreie36hv3vh74dqr7zvswes4ascrqfwd7nrr3tytck5ypyd5d2a5dge\","
                + "\"uri\":\"at://did:plc:other/app.bsky.feed.post/3mptbyqhi7s2f\"}},"
                + "\"cid\":\"bafyreib2rxk3rybk3aobmv5cjuql3bm2twh4jo5uxgf5o5bhc5iq4n2nqq\"}}";
    }

    public static String postDelete(String did, long timeUs, String rkey) {
        return "{\"did\":\""
                + did
                + "\",\"time_us\":"
                + timeUs
                + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"3mptbypuw3t2q\",\"operation\":\"delete\","
                + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\""
                + rkey
                + "\"}}";
    }

    public static String identity(String did, long timeUs) {
        return "{\"did\":\""
                + did
                + "\",\"time_us\":"
                + timeUs
                + ",\"kind\":\"identity\",\"identity\":{\"did\":\""
                + did
                + "\",\"seq\":31527015470,\"time\":\"2026-07-04T14:38:07.877Z\"}}";
    }

    public static String account(String did, long timeUs) {
        return "{\"did\":\""
                + did
                + "\",\"time_us\":"
                + timeUs
                + ",\"kind\":\"account\",\"account\":{\"active\":true,\"did\":\""
                + did
                + "\",\"seq\":31527015471,\"time\":\"2026-07-04T14:38:07.877Z\"}}";
    }
}
