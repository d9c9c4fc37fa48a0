package org.caresignal.ingest.source.jetstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.config.StreamConfig;
import org.caresignal.ingest.domain.MalformedSourceResponseException;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.source.InvalidSettingException;
import org.caresignal.ingest.source.RoutedPost;
import org.caresignal.ingest.source.SourceFailure;
import org.caresignal.ingest.source.StreamContext;
import org.caresignal.ingest.source.StreamSource;
import org.caresignal.ingest.source.http.OutboundHttp;

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
    private final OutboundHttp http;

    public JetstreamSource(
            ObjectMapper mapper, StreamConfig config, IngestConfig ingest, OutboundHttp http) {
        this.mapper = mapper;
        this.config = config;
        this.ingest = ingest;
        this.http = http;
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
            throw new InvalidSettingException("url", e.getMessage());
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
        var listener = new Listener(queue, http.limits().maxStreamMessageBytes());
        var ws = connect(uri, queue, listener);
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
                } else if (item instanceof TooLarge) {
                    throw SourceFailure.of(SourceFailure.Kind.TOO_LARGE, 0);
                } else if (item instanceof Closed) {
                    throw SourceFailure.of(SourceFailure.Kind.CONNECT, 0);
                } else if (item instanceof Failed failed) {
                    throw failed.failure();
                } else if (now - lastFrame >= idle) {
                    throw SourceFailure.of(SourceFailure.Kind.TIMEOUT, 0);
                }
                if (batch.due(flushEvery)) {
                    batch.flush();
                }
            }
        } finally {
            listener.close();
            ws.cancel();
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
            // Where, never what: the parser's message may quote the remote frame.
            ctx.malformed("frame after time_us " + batch.lastTimeUs);
            return;
        }
        ctx.event(event.time(), event.isPost() ? "post" : "ignored");
        batch.add(event);
    }

    /** Opens the subscription and waits for the handshake; its failure classified. */
    private WebSocket connect(URI uri, BlockingQueue<Object> queue, Listener listener)
            throws InterruptedException {
        var ws = http.webSocket(uri, Map.of("User-Agent", ingest.sources().userAgent()), listener);
        var wait = config.jetstream().connectTimeout().toMillis() + 1000;
        var first = listener.opened.poll(wait, TimeUnit.MILLISECONDS);
        if (first == null) {
            ws.cancel();
            throw SourceFailure.of(SourceFailure.Kind.TIMEOUT, 0);
        }
        if (first instanceof Failed failed) {
            ws.cancel();
            throw failed.failure();
        }
        return ws;
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

    private record TooLarge() {}

    private record Failed(SourceFailure failure) {}

    /**
     * Hands whole text messages to the reading thread; blocking here holds OkHttp's reader, so a
     * reader falling behind slows the socket (back-pressure, not loss).
     */
    private static final class Listener extends WebSocketListener {
        private final BlockingQueue<Object> queue;
        private final BlockingQueue<Object> opened = new LinkedBlockingQueue<>();
        private final long maxBytes;
        private volatile boolean closed;

        Listener(BlockingQueue<Object> queue, long maxBytes) {
            this.queue = queue;
            this.maxBytes = maxBytes;
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            opened.offer(Boolean.TRUE);
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            // A UTF-8 string has at least as many bytes as chars.
            if (text.length() > maxBytes
                    || text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                put(new TooLarge());
                return;
            }
            put(text);
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            // We never ask for compression, so a binary frame is something we cannot read.
            put(new Binary());
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            put(new Closed(code));
            ws.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            SourceFailure failure;
            if (response != null && response.code() != 101) {
                failure = SourceFailure.http(response.code(), null, null, null);
            } else {
                failure = OutboundHttp.classify(t);
            }
            opened.offer(new Failed(failure));
            put(new Failed(failure));
        }

        void close() {
            closed = true;
        }

        private void put(Object o) {
            try {
                // Not after the reader has gone, so an aborted connection leaves no thread waiting.
                while (!closed && !queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
                    // Full: try again.
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
