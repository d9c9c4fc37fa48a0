package org.caresignal.ingest.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.config.StreamConfig;
import org.caresignal.ingest.domain.JetstreamCursor;
import org.caresignal.ingest.domain.JetstreamEvent;
import org.caresignal.ingest.domain.MalformedSourceResponseException;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.service.InvalidInputException;
import org.caresignal.ingest.service.SourcePostIntake.RoutedPost;
import org.caresignal.ingest.service.StreamContext;

/**
 * Bluesky Jetstream: one WebSocket subscription to {@code /subscribe?wantedCollections=
 * app.bsky.feed.post}, resuming a few seconds before the committed {@code time_us} cursor and
 * rotating over the configured hosts on every reconnect. Post creates are matched by us against
 * every brand's watch query; other events only advance the cursor; malformed frames are counted and
 * skipped.
 */
@ApplicationScoped
public class JetstreamSource implements StreamSource {

    private static final int QUEUE = 1024;

    private final ObjectMapper mapper;
    private final StreamConfig config;
    private final IngestConfig ingest;
    private final HttpClient http;

    public JetstreamSource(ObjectMapper mapper, StreamConfig config, IngestConfig ingest) {
        this.mapper = mapper;
        this.config = config;
        this.ingest = ingest;
        this.http =
                HttpClient.newBuilder().connectTimeout(config.jetstream().connectTimeout()).build();
    }

    @Override
    public SourceKind kind() {
        return SourceKind.JETSTREAM;
    }

    @Override
    public void validate(String url, String query) {
        try {
            hosts(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("url", e.getMessage(), null);
        }
    }

    /** The subscription bases in {@code url}: ws(s) URLs separated by commas or spaces. */
    public static List<String> hosts(String url) {
        var out = new ArrayList<String>();
        for (var part : url.strip().split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(part);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + part + "' is not a URL");
            }
            if (!("wss".equals(uri.getScheme()) || "ws".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getRawQuery() != null) {
                throw new IllegalArgumentException(
                        "Jetstream hosts are wss:// URLs without a query, separated by commas,"
                                + " e.g. wss://jetstream1.us-east.bsky.network");
            }
            out.add(part.replaceAll("/+$", "").replaceAll("/subscribe$", ""));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("at least one wss:// host is required");
        }
        return out;
    }

    @Override
    public void run(SourceConnector connector, StreamContext ctx) throws InterruptedException {
        var hosts = hosts(connector.baseUrl);
        // Every (re)connection moves to the next host: a failing host is left at once, and the
        // time_us cursor is the same clock on every public instance (the rewind covers skew).
        var base = hosts.get(ctx.attempt() % hosts.size());
        var stored = JetstreamCursor.fromState(ctx.storedCursor());
        var resume =
                JetstreamCursor.resume(
                        stored,
                        Instant.now(),
                        config.jetstream().rewind(),
                        config.jetstream().maxLookback());
        if (resume.clamped()) {
            Log.warnf(
                    "Stream %s: the stored cursor (time_us %d) is older than the %s lookback;"
                            + " resuming at %d, posts in between are not recoverable",
                    connector.id,
                    stored.timeUs(),
                    config.jetstream().maxLookback(),
                    resume.cursorUs());
        }
        var uri =
                URI.create(
                        base
                                + "/subscribe?wantedCollections="
                                + JetstreamEvent.POST_COLLECTION
                                + (resume.cursorUs() == null
                                        ? ""
                                        : "&cursor=" + resume.cursorUs()));
        var queue = new LinkedBlockingQueue<Object>(QUEUE);
        var listener = new Listener(queue);
        var ws = connect(uri, listener);
        ctx.connected(URI.create(base).getHost());
        var batch = new Batch(ctx, stored == null ? 0 : stored.timeUs(), config.flushSize());
        var idle = config.jetstream().idleTimeout().toNanos();
        var flushEvery = config.flushInterval().toNanos();
        var lastFrame = System.nanoTime();
        try {
            while (ctx.running()) {
                var wait = Math.min(flushEvery, idle - (System.nanoTime() - lastFrame));
                var item = queue.poll(Math.max(1, wait), TimeUnit.NANOSECONDS);
                var now = System.nanoTime();
                if (item instanceof String frame) {
                    lastFrame = now;
                    read(frame, ctx, batch);
                } else if (item instanceof Binary) {
                    lastFrame = now;
                    ctx.malformed(
                            "binary frame after time_us "
                                    + batch.lastTimeUs
                                    + " (compression is not asked for)");
                } else if (item instanceof Closed closed) {
                    throw new SourceFailure(
                            SourceFailure.Kind.NETWORK,
                            0,
                            "closed by "
                                    + URI.create(base).getHost()
                                    + " (code "
                                    + closed.code()
                                    + ")",
                            null,
                            null);
                } else if (item instanceof Throwable t) {
                    throw new SourceFailure(
                            SourceFailure.Kind.NETWORK,
                            0,
                            "connection to "
                                    + URI.create(base).getHost()
                                    + " failed: "
                                    + t.getClass().getSimpleName(),
                            null,
                            null);
                } else if (now - lastFrame >= idle) {
                    throw new SourceFailure(
                            SourceFailure.Kind.TIMEOUT,
                            0,
                            "no frame from "
                                    + URI.create(base).getHost()
                                    + " for "
                                    + config.jetstream().idleTimeout(),
                            null,
                            null);
                }
                if (batch.due(flushEvery)) {
                    batch.flush();
                }
            }
        } finally {
            listener.close();
            ws.abort();
            ctx.disconnected();
            try {
                batch.flush();
            } catch (RuntimeException e) {
                // The cursor stays at the last committed batch: those events come again.
                Log.warnf(
                        "Stream %s: could not commit the last batch: %s",
                        connector.id, e.toString());
            }
        }
    }

    private void read(String frame, StreamContext ctx, Batch batch) {
        JetstreamEvent event;
        try {
            event = JetstreamEvent.parse(mapper, frame);
        } catch (MalformedSourceResponseException e) {
            ctx.malformed("frame after time_us " + batch.lastTimeUs + ": " + e.getMessage());
            return;
        }
        ctx.event(event.time(), event.isPost() ? "post" : "ignored");
        batch.add(event);
    }

    private WebSocket connect(URI uri, Listener listener) throws InterruptedException {
        var host = uri.getHost();
        try {
            return http.newWebSocketBuilder()
                    .connectTimeout(config.jetstream().connectTimeout())
                    .header("User-Agent", ingest.sources().userAgent())
                    .buildAsync(uri, listener)
                    .get(
                            config.jetstream().connectTimeout().toMillis() + 1000,
                            TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SourceFailure(
                    SourceFailure.Kind.TIMEOUT,
                    0,
                    "connecting to " + host + " timed out",
                    null,
                    null);
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException h) {
                int status = h.getResponse().statusCode();
                var kind =
                        status == 429
                                ? SourceFailure.Kind.RATE_LIMITED
                                : status >= 500
                                        ? SourceFailure.Kind.SERVER_ERROR
                                        : SourceFailure.Kind.REJECTED;
                throw new SourceFailure(
                        kind, status, host + " refused the WebSocket: HTTP " + status, null, null);
            }
            var kind =
                    cause instanceof HttpTimeoutException
                            ? SourceFailure.Kind.TIMEOUT
                            : SourceFailure.Kind.NETWORK;
            throw new SourceFailure(
                    kind,
                    0,
                    "cannot connect to "
                            + host
                            + ": "
                            + (cause == null ? "?" : cause.getClass().getSimpleName()),
                    null,
                    null);
        }
    }

    /** Posts read but not yet committed, and the newest time_us seen. */
    private static final class Batch {
        private final StreamContext ctx;
        private final List<RoutedPost> posts = new ArrayList<>();
        private long lastTimeUs;
        private long committedTimeUs;
        private long lastFlush = System.nanoTime();
        private final int max;

        Batch(StreamContext ctx, long committedTimeUs, int max) {
            this.ctx = ctx;
            this.max = max;
            this.lastTimeUs = committedTimeUs;
            this.committedTimeUs = committedTimeUs;
        }

        void add(JetstreamEvent event) {
            // Never move the cursor back: a rewound reconnect replays events already committed.
            lastTimeUs = Math.max(lastTimeUs, event.timeUs());
            if (event.isPost()) {
                posts.add(
                        new RoutedPost(
                                SourceKind.JETSTREAM.sourceName(), null, null, event.post()));
                if (posts.size() >= max) {
                    flush();
                }
            }
        }

        boolean due(long everyNanos) {
            return System.nanoTime() - lastFlush >= everyNanos;
        }

        void flush() {
            lastFlush = System.nanoTime();
            if (posts.isEmpty() && lastTimeUs == committedTimeUs) {
                return;
            }
            ctx.commit(
                    List.copyOf(posts),
                    new JetstreamCursor(lastTimeUs).toState(),
                    "time_us " + lastTimeUs,
                    true);
            committedTimeUs = lastTimeUs;
            posts.clear();
        }
    }

    private record Closed(int code) {}

    private record Binary() {}

    /** Hands whole text messages to the reading thread; asks for one message at a time. */
    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<Object> queue;
        private final StringBuilder text = new StringBuilder();
        private volatile boolean closed;

        Listener(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                put(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            // We never ask for compression, so a binary frame is something we cannot read.
            if (last) {
                put(new Binary());
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            put(new Closed(statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            put(error);
        }

        void close() {
            closed = true;
        }

        private void put(Object o) {
            try {
                // Waits while the reader falls behind (back-pressure, not loss), but not after the
                // reader has gone, so an aborted connection leaves no thread waiting.
                while (!closed && !queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
                    // Full: try again.
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
