package org.caresignal.ingest.source.bluesky;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.MalformedSourceResponseException;
import org.caresignal.ingest.domain.RateLimit;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.source.Credentials;
import org.caresignal.ingest.source.CursorJson;
import org.caresignal.ingest.source.SourceClient;
import org.caresignal.ingest.source.SourceFailure;
import org.caresignal.ingest.source.http.OutboundHttp;

/**
 * Polls Bluesky {@code app.bsky.feed.searchPosts} through the account's PDS with an app-password
 * session ({@code createSession}; on an expired access token {@code refreshSession}, and a new
 * session if that fails). With {@code sort=latest} the pages go back in time through {@code
 * cursor}; every request of a walk carries {@code since} = the newest {@code indexedAt} of the
 * previous walk, and each page is committed with a cursor saying where the walk stands, so a poll
 * cut short finishes the interrupted walk first, then starts a new one.
 */
@ApplicationScoped
public class BlueskyClient implements SourceClient {

    /**
     * {@code since}: the newest indexedAt already taken; during a walk also the walk's newest
     * ({@code top}) and the search {@code cursor} of the next page.
     */
    public record Cursor(String since, String top, String cursor) {}

    static final int PAGE_SIZE = 100;

    private record Session(String accessJwt, String refreshJwt, String credential) {}

    private final OutboundHttp http;
    private final ObjectMapper mapper;
    private final IngestConfig config;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private final Credentials vault;

    public BlueskyClient(
            OutboundHttp http, ObjectMapper mapper, IngestConfig config, Credentials vault) {
        this.vault = vault;
        this.http = http;
        this.mapper = mapper;
        this.config = config;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.BLUESKY;
    }

    @Override
    public void poll(SourceConnector connector, PageSink sink) {
        var base = connector.baseUrl.replaceAll("/+$", "");
        var state = read(connector.cursor);
        boolean resumed = state.cursor() != null;
        for (int page = 0; page < config.sources().maxPagesPerPoll(); page++) {
            var uri =
                    URI.create(
                            base
                                    + "/xrpc/app.bsky.feed.searchPosts?q="
                                    + enc(connector.query)
                                    + "&sort=latest&limit="
                                    + PAGE_SIZE
                                    + (state.since() == null ? "" : "&since=" + enc(state.since()))
                                    + (state.cursor() == null
                                            ? ""
                                            : "&cursor=" + enc(state.cursor())));
            var answer = search(connector, base, uri);
            var limits = RateLimit.bluesky(answer.header());
            sink.rateLimit(limits);
            BlueskySearchPage.Page result;
            try {
                result = BlueskySearchPage.parse(answer.text(), mapper);
            } catch (MalformedSourceResponseException e) {
                throw SourceFailure.of(SourceFailure.Kind.MALFORMED, answer.status(), limits);
            }
            var since = state.since() == null ? null : Instant.parse(state.since());
            Instant pageTop = null;
            boolean reachedSince = false;
            var posts = new ArrayList<FetchedPost>();
            for (int i = result.entries().size() - 1; i >= 0; i--) {
                var e = result.entries().get(i);
                if (e.indexedAt() != null) {
                    if (pageTop == null || e.indexedAt().isAfter(pageTop)) {
                        pageTop = e.indexedAt();
                    }
                    if (since != null && e.indexedAt().isBefore(since)) {
                        reachedSince = true;
                        continue;
                    }
                }
                posts.add(e.post());
            }
            var walkTop =
                    state.cursor() == null
                            ? later(pageTop, since)
                            : later(Instant.parse(state.top()), since);
            if (since == null
                    || reachedSince
                    || result.cursor() == null
                    || result.entries().isEmpty()) {
                state = new Cursor(walkTop == null ? null : walkTop.toString(), null, null);
                sink.commit(posts, write(state));
                if (!resumed || limits.exhausted()) {
                    return;
                }
                resumed = false;
                continue;
            }
            state = new Cursor(state.since(), walkTop.toString(), result.cursor());
            sink.commit(posts, write(state));
            if (limits.exhausted()) {
                return;
            }
        }
    }

    /** The search request, with a session; an expired access token is refreshed once. */
    private OutboundHttp.Answer search(SourceConnector connector, String base, URI uri) {
        var session = session(connector, base);
        try {
            return http.get(uri, bearer(session.accessJwt()), RateLimit::bluesky);
        } catch (SourceFailure e) {
            if (e.status() != 400 && e.status() != 401) {
                throw e;
            }
            if (e.status() == 400 && !"ExpiredToken".equals(e.errorCode())) {
                throw e;
            }
            var renewed = refresh(connector, base, session);
            return http.get(uri, bearer(renewed.accessJwt()), RateLimit::bluesky);
        }
    }

    private Session session(SourceConnector connector, String base) {
        var stored = vault.credential(connector);
        var credential = stored == null ? "" : stored.strip();
        var cached = sessions.get(connector.id);
        if (cached != null && cached.credential().equals(credential)) {
            return cached;
        }
        int colon = credential.indexOf(':');
        if (colon <= 0) {
            throw SourceFailure.withHint(
                    SourceFailure.Kind.CREDENTIAL, "no credential: set handle:app-password");
        }
        var body = new LinkedHashMap<String, String>();
        body.put("identifier", credential.substring(0, colon));
        body.put("password", credential.substring(colon + 1));
        OutboundHttp.Answer answer;
        try {
            answer =
                    http.postJson(
                            URI.create(base + "/xrpc/com.atproto.server.createSession"),
                            Map.of("Accept", "application/json"),
                            mapper.writeValueAsString(body),
                            RateLimit::bluesky);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return remember(connector, answer, credential);
    }

    private Session refresh(SourceConnector connector, String base, Session old) {
        sessions.remove(connector.id);
        try {
            var answer =
                    http.post(
                            URI.create(base + "/xrpc/com.atproto.server.refreshSession"),
                            bearer(old.refreshJwt()),
                            RateLimit::bluesky);
            return remember(connector, answer, old.credential());
        } catch (SourceFailure e) {
            if (e.status() == 400 || e.status() == 401) {
                // The refresh token is gone too: a new session.
                return session(connector, base);
            }
            throw e;
        }
    }

    private Session remember(
            SourceConnector connector, OutboundHttp.Answer answer, String credential) {
        try {
            var node = mapper.readTree(answer.body());
            var access = node.path("accessJwt");
            var refresh = node.path("refreshJwt");
            if (!access.isTextual() || !refresh.isTextual()) {
                throw SourceFailure.of(SourceFailure.Kind.MALFORMED, answer.status());
            }
            var session = new Session(access.asText(), refresh.asText(), credential);
            sessions.put(connector.id, session);
            return session;
        } catch (IOException e) {
            throw SourceFailure.of(SourceFailure.Kind.MALFORMED, answer.status());
        }
    }

    private static Map<String, String> bearer(String jwt) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + jwt);
        return headers;
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Cursor read(String json) {
        return CursorJson.read(mapper, json, Cursor.class, new Cursor(null, null, null));
    }

    private String write(Cursor cursor) {
        return CursorJson.write(mapper, cursor, cursor.since() != null);
    }
}
