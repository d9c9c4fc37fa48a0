package org.caresignal.ingest.source.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.RateLimit;
import org.caresignal.ingest.source.SourceFailure;

/**
 * The one way ingest reaches a source (HTTP pages, feeds, the Jetstream WebSocket): http(s) and
 * ws(s) only; every address a host name resolves to, every IP literal and every redirect hop
 * checked against the {@link AddressPolicy} when the connection is made (OkHttp connects only to
 * what our {@link Dns} returned, so DNS rebinding gets nowhere); a byte cap per use; one deadline
 * covering connect, headers and body; failures classified as {@link SourceFailure} without remote
 * text.
 */
// Created at start, so an unreadable INGEST_OUTBOUND_ALLOW stops the service instead of every poll.
@Startup
@ApplicationScoped
public class OutboundHttp {

    /** What is being fetched, which decides the byte cap. */
    public enum Use {
        API_PAGE,
        FEED
    }

    /** A 2xx or 304 answer, its body read in full within the cap. */
    public record Answer(int status, Function<String, String> header, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The limits of one OutboundHttp, as the service configuration gives them. */
    public record Limits(
            Duration connectTimeout,
            Duration deadline,
            long maxApiBytes,
            long maxFeedBytes,
            long maxStreamMessageBytes,
            int maxRedirects,
            String userAgent) {}

    /** A connection refused by the address policy (a subclass so OkHttp may throw it from Dns). */
    static final class BlockedAddressException extends UnknownHostException {
        BlockedAddressException(String host) {
            super("blocked destination " + host);
        }
    }

    // Error bodies are never shown; a small prefix is read only to find a machine error token.
    private static final int ERROR_BODY_BYTES = 4096;
    private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
    private static final MediaType JSON = MediaType.get("application/json");

    private final AddressPolicy policy;
    private final Limits limits;
    private final OkHttpClient client;
    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    public OutboundHttp(IngestConfig config) {
        this(
                AddressPolicy.allowing(config.outbound().allow().orElse(List.of())),
                new Limits(
                        config.outbound().connectTimeout(),
                        config.sources().requestTimeout(),
                        config.outbound().maxApiBytes(),
                        config.outbound().maxFeedBytes(),
                        config.outbound().maxStreamMessageBytes(),
                        config.outbound().maxRedirects(),
                        config.sources().userAgent()));
    }

    public OutboundHttp(AddressPolicy policy, Limits limits) {
        this.policy = policy;
        this.limits = limits;
        this.client =
                new OkHttpClient.Builder()
                        .dns(this::lookup)
                        // A proxy would resolve names itself, out of reach of the policy.
                        .proxy(Proxy.NO_PROXY)
                        // Followed here instead, so each hop is checked and credentials dropped.
                        .followRedirects(false)
                        .followSslRedirects(false)
                        .connectTimeout(limits.connectTimeout())
                        .readTimeout(limits.deadline())
                        .writeTimeout(limits.deadline())
                        .callTimeout(limits.deadline())
                        .addNetworkInterceptor(this::checkConnected)
                        .build();
    }

    @PreDestroy
    void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** The configured limits. */
    public Limits limits() {
        return limits;
    }

    /**
     * GETs an API page; {@code rateLimit} reads the source's rate-limit headers (also on errors).
     */
    public Answer get(
            URI uri,
            Map<String, String> headers,
            Function<Function<String, String>, RateLimit> rateLimit) {
        return get(uri, headers, rateLimit, Use.API_PAGE);
    }

    /** GETs {@code uri} with the byte cap of {@code use}. */
    public Answer get(
            URI uri,
            Map<String, String> headers,
            Function<Function<String, String>, RateLimit> rateLimit,
            Use use) {
        return send(uri, headers, null, rateLimit, cap(use));
    }

    /** POSTs a form ({@code application/x-www-form-urlencoded}), e.g. for a token. */
    public Answer postForm(
            URI uri,
            Map<String, String> headers,
            String form,
            Function<Function<String, String>, RateLimit> rateLimit) {
        return send(uri, headers, RequestBody.create(form, FORM), rateLimit, limits.maxApiBytes());
    }

    /** POSTs without a body (an XRPC procedure without input). */
    public Answer post(
            URI uri,
            Map<String, String> headers,
            Function<Function<String, String>, RateLimit> rateLimit) {
        return send(uri, headers, RequestBody.create(new byte[0]), rateLimit, limits.maxApiBytes());
    }

    /** POSTs a JSON body. */
    public Answer postJson(
            URI uri,
            Map<String, String> headers,
            String json,
            Function<Function<String, String>, RateLimit> rateLimit) {
        return send(uri, headers, RequestBody.create(json, JSON), rateLimit, limits.maxApiBytes());
    }

    /**
     * Opens a WebSocket ({@code ws}/{@code wss}) under the same address policy; the handshake must
     * complete within the connect timeout, then the connection has no read deadline (the caller
     * watches for idleness).
     *
     * @throws SourceFailure (BLOCKED_ADDRESS) for another scheme or a blocked IP literal
     */
    public WebSocket webSocket(URI uri, Map<String, String> headers, WebSocketListener listener) {
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw SourceFailure.of(SourceFailure.Kind.BLOCKED_ADDRESS, 0);
        }
        // The handshake is an http(s) request; OkHttp's Request maps ws(s) the same way.
        var url =
                HttpUrl.parse(
                        (scheme.equals("wss") ? "https" : "http")
                                + uri.toString().substring(scheme.length()));
        if (url == null) {
            throw SourceFailure.of(SourceFailure.Kind.BLOCKED_ADDRESS, 0);
        }
        checkLiteral(url);
        var request = new Request.Builder().url(url);
        headers(request, headers);
        var ws =
                client.newBuilder()
                        .callTimeout(limits.connectTimeout())
                        .readTimeout(Duration.ZERO)
                        .build();
        return ws.newWebSocket(request.build(), listener);
    }

    /** The failure class of an exception OkHttp reported (for WebSocket failures). */
    public static SourceFailure classify(Throwable t) {
        if (t instanceof SourceFailure f) {
            return f;
        }
        if (t instanceof BlockedAddressException) {
            return SourceFailure.of(SourceFailure.Kind.BLOCKED_ADDRESS, 0);
        }
        if (t instanceof UnknownHostException) {
            return SourceFailure.of(SourceFailure.Kind.DNS, 0);
        }
        if (t instanceof SSLException) {
            return SourceFailure.of(SourceFailure.Kind.TLS, 0);
        }
        if (t instanceof InterruptedIOException) {
            // The call deadline and the socket timeouts alike.
            return SourceFailure.of(SourceFailure.Kind.TIMEOUT, 0);
        }
        if (t instanceof ConnectException) {
            return SourceFailure.of(SourceFailure.Kind.CONNECT, 0);
        }
        return SourceFailure.of(SourceFailure.Kind.CONNECT, 0);
    }

    private long cap(Use use) {
        return use == Use.FEED ? limits.maxFeedBytes() : limits.maxApiBytes();
    }

    private Answer send(
            URI uri,
            Map<String, String> headers,
            RequestBody body,
            Function<Function<String, String>, RateLimit> rateLimit,
            long cap) {
        var deadline = System.nanoTime() + limits.deadline().toNanos();
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        var url = HttpUrl.parse(uri.toString());
        if (url == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw SourceFailure.of(SourceFailure.Kind.BLOCKED_ADDRESS, 0);
        }
        var sent = new LinkedHashMap<>(headers);
        var method = body == null ? "GET" : "POST";
        for (int hop = 0; ; hop++) {
            checkLiteral(url);
            var left = deadline - System.nanoTime();
            if (left <= 0) {
                throw SourceFailure.of(SourceFailure.Kind.TIMEOUT, 0);
            }
            var request = new Request.Builder().url(url).method(method, body);
            headers(request, sent);
            var call = client.newCall(request.build());
            call.timeout().timeout(left, TimeUnit.NANOSECONDS);
            try (var response = call.execute()) {
                var status = response.code();
                if (response.isRedirect()) {
                    if (hop >= limits.maxRedirects()) {
                        throw SourceFailure.of(SourceFailure.Kind.REDIRECT, status);
                    }
                    var location = response.header("Location");
                    var next = location == null ? null : url.resolve(location);
                    var refused = refusedRedirect(url, next);
                    if (refused.isPresent()) {
                        throw SourceFailure.of(refused.get(), status);
                    }
                    if (!sameOrigin(url, next)) {
                        // Credentials follow their destination: never to another host.
                        sent.keySet()
                                .removeIf(
                                        k ->
                                                k.equalsIgnoreCase("Authorization")
                                                        || k.equalsIgnoreCase("Cookie"));
                    }
                    if (status == 303 || ((status == 301 || status == 302) && body != null)) {
                        method = "GET";
                        body = null;
                    }
                    url = next;
                    continue;
                }
                return answer(response, rateLimit, cap);
            } catch (SourceFailure e) {
                throw e;
            } catch (IOException e) {
                throw classify(e);
            }
        }
    }

    private Answer answer(
            Response response, Function<Function<String, String>, RateLimit> rateLimit, long cap)
            throws IOException {
        var status = response.code();
        Function<String, String> header = response::header;
        var limitsNow = rateLimit.apply(header);
        if ((status >= 200 && status < 300) || status == 304) {
            return new Answer(status, header, read(response, cap));
        }
        var retryAt = RateLimit.retryAfter(header.apply("Retry-After"), Instant.now()).orElse(null);
        if (retryAt == null
                && limitsNow.resetAt() != null
                && (status == 429 || limitsNow.exhausted())) {
            retryAt = limitsNow.resetAt();
        }
        throw SourceFailure.http(status, retryAt, limitsNow, errorCode(response));
    }

    /** The body, at most {@code cap} bytes (decompressed), else TOO_LARGE. */
    private static byte[] read(Response response, long cap) throws IOException {
        var body = response.body();
        if (body.contentLength() > cap) {
            throw SourceFailure.of(SourceFailure.Kind.TOO_LARGE, response.code());
        }
        var out = new ByteArrayOutputStream();
        var buffer = new byte[8192];
        long total = 0;
        try (var in = body.byteStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > cap) {
                    throw SourceFailure.of(SourceFailure.Kind.TOO_LARGE, response.code());
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    /**
     * The JSON {@code error} token of an error answer when it is a bare identifier (Bluesky's
     * {@code ExpiredToken}), for the client's own decisions; anything else is ignored.
     */
    private String errorCode(Response response) {
        var type = response.header("Content-Type", "");
        if (!type.toLowerCase(Locale.ROOT).contains("json")) {
            return null;
        }
        try {
            var bytes = response.peekBody(ERROR_BODY_BYTES).bytes();
            var error = mapper.readTree(bytes).path("error");
            return error.isTextual() && error.asText().matches("[A-Za-z][A-Za-z0-9_]{0,63}")
                    ? error.asText()
                    : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void headers(Request.Builder request, Map<String, String> headers) {
        if (headers.keySet().stream().noneMatch("User-Agent"::equalsIgnoreCase)) {
            request.header("User-Agent", limits.userAgent());
        }
        headers.forEach(request::header);
    }

    /**
     * Why a redirect from {@code from} to {@code next} is not followed: {@code next} is null when
     * the Location is not an http(s) URL (file:, gopher:, ...); https never goes down to http.
     */
    static Optional<SourceFailure.Kind> refusedRedirect(HttpUrl from, HttpUrl next) {
        if (next == null) {
            return Optional.of(SourceFailure.Kind.BLOCKED_ADDRESS);
        }
        if (from.isHttps() && !next.isHttps()) {
            return Optional.of(SourceFailure.Kind.REDIRECT);
        }
        return Optional.empty();
    }

    private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    /** IP literals never reach {@link Dns}: they are checked here before the call. */
    private void checkLiteral(HttpUrl url) {
        var literal = AddressPolicy.literal(url.host());
        if (literal.isPresent() && !policy.permits(url.host(), literal.get())) {
            throw SourceFailure.of(SourceFailure.Kind.BLOCKED_ADDRESS, 0);
        }
    }

    private List<InetAddress> lookup(String host) throws UnknownHostException {
        var all = Dns.SYSTEM.lookup(host);
        // Only the permitted addresses are handed to OkHttp, which connects to nothing else.
        var permitted = all.stream().filter(a -> policy.permits(host, a)).toList();
        if (permitted.isEmpty()) {
            throw new BlockedAddressException(host);
        }
        return permitted;
    }

    /** A last check on the address actually connected to, before a byte of the request is sent. */
    private Response checkConnected(Interceptor.Chain chain) throws IOException {
        var connection = chain.connection();
        if (connection != null) {
            var address = connection.route().socketAddress().getAddress();
            var host = chain.request().url().host();
            if (address != null && !policy.permits(host, address)) {
                throw new BlockedAddressException(host);
            }
        }
        return chain.proceed(chain.request());
    }
}
