package org.caresignal.alert.outbound;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way alert-service talks HTTP to the outside (Slack, Teams, webhooks, PagerDuty): http(s)
 * only; every address it connects to, after DNS and on every redirect, is checked against {@link
 * AddressPolicy} at connect time (so DNS rebinding gets nowhere); redirects at most {@link
 * Use#maxRedirects()}, never from https to http, and a request with a body never follows one to
 * another origin (its credentials stay where they were configured); the response body is read up to
 * a byte cap; one deadline covers connect, headers and body. Failures come back as an {@link
 * OutboundFailure} class, never the remote text.
 */
@Singleton
public class OutboundHttp {

    /** What a call may cost: body cap, total deadline, redirects to follow. */
    public record Use(String name, long maxBodyBytes, Duration deadline, int maxRedirects) {
        public Use {
            if (maxRedirects < 0 || maxRedirects > 5) {
                throw new IllegalArgumentException("0 to 5 redirects");
            }
        }
    }

    /** A response that arrived whole within the cap: status, Retry-After and the body's bytes. */
    public record Reply(int status, String retryAfter, byte[] body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Duration HOSTS_TTL = Duration.ofSeconds(30);

    private final AddressPolicy policy;
    private final List<String> allowedHosts;
    private final OkHttpClient client;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Resolved> resolvedHosts = new ConcurrentHashMap<>();

    private record Resolved(List<InetAddress> addresses, Instant at) {}

    @Inject
    public OutboundHttp(
            @ConfigProperty(name = "caresignal.outbound.allow") Optional<List<String>> allow) {
        this(allow.orElse(List.of()));
    }

    /**
     * @param allow the operator's allowlist: CIDRs ({@code 10.1.2.0/24}, {@code fd00::/8}) and host
     *     names whose addresses may be internal ({@code smtp.hospital.internal})
     */
    public OutboundHttp(List<String> allow) {
        var entries = allow.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.policy = new AddressPolicy(AddressPolicy.cidrs(entries));
        this.allowedHosts =
                entries.stream()
                        .filter(e -> !AddressPolicy.isLiteral(e.split("/")[0]))
                        .map(e -> e.toLowerCase(java.util.Locale.ROOT))
                        .toList();
        this.client =
                new OkHttpClient.Builder()
                        .proxy(Proxy.NO_PROXY)
                        .dns(this::lookup)
                        .socketFactory(new GuardedSockets())
                        .followRedirects(false)
                        .followSslRedirects(false)
                        .build();
    }

    @PreDestroy
    void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /**
     * Why a URL given by an API caller cannot be used, or empty: http(s) only, a host, no
     * user-info, and not a literal internal address (names are checked when they are resolved).
     */
    public Optional<String> problemWith(String url) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of("must be an http(s) URL");
        }
        var scheme =
                uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http(s) URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry user-info (user:password@)");
        }
        var parsed = HttpUrl.parse(url.strip());
        if (parsed == null || uri.getHost() == null) {
            return Optional.of("must be an http(s) URL with a host");
        }
        if (AddressPolicy.isLiteral(parsed.host())) {
            try {
                var blocked = policy.blocked(InetAddress.getByName(parsed.host()));
                if (blocked.isPresent()) {
                    return Optional.of("must not point at a " + blocked.get() + " address");
                }
            } catch (UnknownHostException e) {
                return Optional.of("must be an http(s) URL with a valid host");
            }
        }
        return Optional.empty();
    }

    /**
     * POSTs a JSON body; any status is a {@link Reply}, anything else an {@link OutboundFailure}.
     */
    public Reply postJson(String url, Map<String, String> headers, String json, Use use)
            throws OutboundFailure {
        var parsed = url == null ? null : HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw new OutboundFailure(OutboundFailure.Kind.MALFORMED);
        }
        var builder = new Request.Builder().url(parsed).post(RequestBody.create(json, JSON));
        headers.forEach(builder::header);
        return send(builder.build(), use);
    }

    /** GETs a URL (bounded like every call). */
    public Reply get(String url, Use use) throws OutboundFailure {
        var parsed = url == null ? null : HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw new OutboundFailure(OutboundFailure.Kind.MALFORMED);
        }
        return send(new Request.Builder().url(parsed).get().build(), use);
    }

    private Reply send(Request first, Use use) throws OutboundFailure {
        var deadline = clock.instant().plus(use.deadline());
        var request = first;
        for (int hop = 0; ; hop++) {
            var left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new OutboundFailure(OutboundFailure.Kind.TIMEOUT);
            }
            var call = client.newCall(request);
            call.timeout().timeout(left.toMillis(), TimeUnit.MILLISECONDS);
            try (var response = call.execute()) {
                var next = hop < use.maxRedirects() ? redirect(first, response) : null;
                if (next != null) {
                    request = next;
                    continue;
                }
                return new Reply(
                        response.code(), response.header("Retry-After"), read(response, use));
            } catch (IOException e) {
                throw classify(e, deadline);
            }
        }
    }

    /** The request a redirect asks for, or null when it is not one to follow. */
    private static Request redirect(Request first, Response response) {
        int code = response.code();
        if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
            return null;
        }
        var location = response.header("Location");
        var target = location == null ? null : response.request().url().resolve(location);
        if (target == null) {
            return null;
        }
        if (response.request().isHttps() && !target.isHttps()) {
            return null;
        }
        boolean keepsBody = code == 307 || code == 308;
        var builder = response.request().newBuilder().url(target);
        if (keepsBody && first.body() != null) {
            if (!sameOrigin(first.url(), target)) {
                return null;
            }
        } else if (!"GET".equals(response.request().method())) {
            builder.method("GET", null).removeHeader("Content-Type");
        }
        if (!sameOrigin(first.url(), target)) {
            builder.removeHeader("Authorization");
        }
        return builder.build();
    }

    private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    private static byte[] read(Response response, Use use) throws IOException, TooLarge {
        var body = response.body();
        if (body.contentLength() > use.maxBodyBytes()) {
            throw new TooLarge();
        }
        var source = body.source();
        if (source.request(use.maxBodyBytes() + 1)) {
            throw new TooLarge();
        }
        return source.getBuffer().readByteArray();
    }

    private OutboundFailure classify(IOException e, Instant deadline) {
        // The policy's own refusals first: OkHttp wraps them in a plain ConnectException.
        var policyKind = find(e, true);
        if (policyKind != null) {
            return new OutboundFailure(policyKind);
        }
        if (!clock.instant().isBefore(deadline)) {
            return new OutboundFailure(OutboundFailure.Kind.TIMEOUT);
        }
        var kind = find(e, false);
        if (kind != null) {
            return new OutboundFailure(kind);
        }
        Log.debugf("Outbound call failed: %s", e.getClass().getName());
        return new OutboundFailure(OutboundFailure.Kind.CONNECT);
    }

    /** The first kind in the cause chain (and suppressed exceptions): policy kinds or any. */
    private static OutboundFailure.Kind find(Throwable e, boolean policyOnly) {
        var seen =
                java.util.Collections.newSetFromMap(
                        new java.util.IdentityHashMap<Throwable, Boolean>());
        var queue = new java.util.ArrayDeque<Throwable>();
        queue.add(e);
        while (!queue.isEmpty()) {
            var t = queue.poll();
            if (!seen.add(t)) {
                continue;
            }
            var kind = kindOf(t);
            boolean policy =
                    kind == OutboundFailure.Kind.TOO_LARGE
                            || kind == OutboundFailure.Kind.BLOCKED_ADDRESS;
            if (kind != null && (policy || !policyOnly)) {
                return kind;
            }
            if (t.getCause() != null) {
                queue.add(t.getCause());
            }
            queue.addAll(java.util.List.of(t.getSuppressed()));
        }
        return null;
    }

    private static OutboundFailure.Kind kindOf(Throwable t) {
        if (t instanceof TooLarge) {
            return OutboundFailure.Kind.TOO_LARGE;
        }
        if (t instanceof BlockedLookup || t instanceof BlockedConnect) {
            return OutboundFailure.Kind.BLOCKED_ADDRESS;
        }
        if (t instanceof UnknownHostException) {
            return OutboundFailure.Kind.DNS;
        }
        if (t instanceof InterruptedIOException) {
            return OutboundFailure.Kind.TIMEOUT;
        }
        if (t instanceof SSLException) {
            return OutboundFailure.Kind.TLS;
        }
        if (t instanceof ConnectException) {
            return OutboundFailure.Kind.CONNECT;
        }
        return null;
    }

    /** DNS that answers only the addresses the policy lets a call reach. */
    private List<InetAddress> lookup(String host) throws UnknownHostException {
        var all = Dns.SYSTEM.lookup(host);
        var usable = new ArrayList<InetAddress>();
        for (var address : all) {
            if (permitted(address)) {
                usable.add(address);
            }
        }
        if (usable.isEmpty()) {
            throw new BlockedLookup(host);
        }
        return usable;
    }

    /**
     * Whether a connection to {@code address} is allowed: public, or allowlisted by the operator.
     */
    boolean permitted(InetAddress address) {
        if (policy.blocked(address).isEmpty()) {
            return true;
        }
        for (var host : allowedHosts) {
            if (resolve(host).contains(address)) {
                return true;
            }
        }
        return false;
    }

    private List<InetAddress> resolve(String host) {
        var now = clock.instant();
        var cached = resolvedHosts.get(host);
        if (cached != null && now.isBefore(cached.at().plus(HOSTS_TTL))) {
            return cached.addresses();
        }
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            addresses = List.of();
        }
        resolvedHosts.put(host, new Resolved(addresses, now));
        return addresses;
    }

    /**
     * Sockets that check the address right before connecting: the guard that holds for IP literals
     * (which OkHttp does not send through {@link Dns}) and every redirect.
     */
    private final class GuardedSockets extends SocketFactory {
        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    if (!(endpoint instanceof InetSocketAddress inet)
                            || inet.getAddress() == null
                            || !permitted(inet.getAddress())) {
                        close();
                        throw new BlockedConnect();
                    }
                    super.connect(endpoint, timeout);
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
                throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(
                InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return connected(new InetSocketAddress(address, port));
        }

        private Socket connected(InetSocketAddress address) throws IOException {
            var socket = createSocket();
            socket.connect(address);
            return socket;
        }
    }

    private static final class BlockedLookup extends UnknownHostException {
        BlockedLookup(String host) {
            super("resolves only to blocked addresses");
        }
    }

    private static final class BlockedConnect extends ConnectException {
        BlockedConnect() {
            super("blocked address");
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("response body over the cap");
        }
    }
}
