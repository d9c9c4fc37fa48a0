package org.caresignal.ingest.source.reddit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
 * Polls Reddit's OAuth search ({@code /search?sort=new&raw_json=1}) with an app-only token (client
 * credentials, kept in memory until it expires or is refused). With {@code sort=new} the pages go
 * back in time through {@code after}; a poll walks back until it reaches the newest post of the
 * previous poll (the mark). Each page is committed with a cursor saying where the walk stands, so a
 * poll cut short resumes the walk, then starts a new one.
 */
@ApplicationScoped
public class RedditClient implements SourceClient {

    /**
     * The newest post id already taken ({@code mark}); during a walk also the walk's newest id
     * ({@code top}) and the {@code after} anchor of the next page.
     */
    public record Cursor(String mark, String top, String after) {}

    static final int PAGE_SIZE = 100;

    private record Token(String value, Instant expiresAt, String credential) {}

    private final OutboundHttp http;
    private final ObjectMapper mapper;
    private final IngestConfig config;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private final Credentials vault;

    public RedditClient(
            OutboundHttp http, ObjectMapper mapper, IngestConfig config, Credentials vault) {
        this.vault = vault;
        this.http = http;
        this.mapper = mapper;
        this.config = config;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.REDDIT;
    }

    @Override
    public void poll(SourceConnector connector, PageSink sink) {
        var state = read(connector.cursor);
        var base = connector.baseUrl.replaceAll("/+$", "");
        // A walk left unfinished by an earlier poll is finished first, then a new one starts.
        boolean resumed = state.after() != null;
        for (int page = 0; page < config.sources().maxPagesPerPoll(); page++) {
            var headers = new LinkedHashMap<String, String>();
            headers.put("Accept", "application/json");
            headers.put("User-Agent", config.sources().redditUserAgent());
            headers.put("Authorization", "bearer " + token(connector, base));
            var uri =
                    URI.create(
                            base
                                    + "/search?q="
                                    + URLEncoder.encode(connector.query, StandardCharsets.UTF_8)
                                    + "&sort=new&type=link&limit="
                                    + PAGE_SIZE
                                    + "&raw_json=1"
                                    + (state.after() == null
                                            ? ""
                                            : "&after="
                                                    + URLEncoder.encode(
                                                            state.after(),
                                                            StandardCharsets.UTF_8)));
            OutboundHttp.Answer answer;
            try {
                answer = http.get(uri, headers, h -> RateLimit.reddit(h, Instant.now()));
            } catch (SourceFailure e) {
                if (e.status() == 401 || e.status() == 403) {
                    tokens.remove(connector.id);
                }
                throw e;
            }
            var limits = RateLimit.reddit(answer.header(), Instant.now());
            sink.rateLimit(limits);
            RedditListing.Page listing;
            try {
                listing = RedditListing.parse(answer.text(), mapper);
            } catch (MalformedSourceResponseException e) {
                throw SourceFailure.of(SourceFailure.Kind.MALFORMED, answer.status(), limits);
            }
            var mark = state.mark();
            var fresh = new ArrayList<RedditListing.Entry>();
            boolean reachedMark = false;
            for (var e : listing.entries()) {
                if (mark != null && RedditListing.ID_ORDER.compare(e.id(), mark) <= 0) {
                    reachedMark = true;
                } else {
                    fresh.add(e);
                }
            }
            var pageTop =
                    listing.entries().stream()
                            .map(RedditListing.Entry::id)
                            .max(RedditListing.ID_ORDER)
                            .orElse(null);
            var walkTop = state.after() == null ? max(pageTop, mark) : max(state.top(), mark);
            // Oldest first, so the mentions are accepted in the order they were posted.
            var posts = new ArrayList<FetchedPost>();
            for (int i = fresh.size() - 1; i >= 0; i--) {
                posts.addAll(fresh.get(i).posts());
            }
            if (mark == null || reachedMark || listing.after() == null) {
                // The walk is complete (the first poll takes the newest page only).
                state = new Cursor(walkTop, null, null);
                sink.commit(posts, write(state));
                if (!resumed || limits.exhausted()) {
                    return;
                }
                resumed = false;
                // A walk resumed after an interruption is done; look for what came since.
                continue;
            }
            state = new Cursor(mark, walkTop, listing.after());
            sink.commit(posts, write(state));
            if (limits.exhausted()) {
                return;
            }
        }
    }

    /** Forgets every cached access token (as a restart does). */
    public void forgetTokens() {
        tokens.clear();
    }

    private String token(SourceConnector connector, String base) {
        var stored = vault.credential(connector);
        var credential = stored == null ? "" : stored.strip();
        var cached = tokens.get(connector.id);
        if (cached != null
                && cached.credential().equals(credential)
                && cached.expiresAt().isAfter(Instant.now().plusSeconds(60))) {
            return cached.value();
        }
        int colon = credential.indexOf(':');
        if (colon <= 0) {
            throw SourceFailure.withHint(
                    SourceFailure.Kind.CREDENTIAL, "no credential: set client_id:client_secret");
        }
        var headers = new LinkedHashMap<String, String>();
        headers.put("Accept", "application/json");
        headers.put("User-Agent", config.sources().redditUserAgent());
        headers.put(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(credential.getBytes(StandardCharsets.UTF_8)));
        var answer =
                http.postForm(
                        tokenUri(base),
                        headers,
                        "grant_type=client_credentials",
                        h -> RateLimit.reddit(h, Instant.now()));
        try {
            var node = mapper.readTree(answer.body());
            var value = node.path("access_token");
            if (!value.isTextual() || value.asText().isBlank()) {
                throw SourceFailure.of(SourceFailure.Kind.MALFORMED, answer.status());
            }
            long ttl = node.path("expires_in").asLong(3600);
            var token =
                    new Token(
                            value.asText(),
                            Instant.now().plusSeconds(Math.max(ttl, 60)),
                            credential);
            tokens.put(connector.id, token);
            return token.value();
        } catch (java.io.IOException e) {
            throw SourceFailure.of(SourceFailure.Kind.MALFORMED, answer.status());
        }
    }

    /** The token endpoint: www.reddit.com for oauth.reddit.com, else the same base URL. */
    static URI tokenUri(String base) {
        var uri = URI.create(base);
        if ("oauth.reddit.com".equalsIgnoreCase(uri.getHost())) {
            return URI.create("https://www.reddit.com/api/v1/access_token");
        }
        return URI.create(base + "/api/v1/access_token");
    }

    private static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return RedditListing.ID_ORDER.compare(a, b) >= 0 ? a : b;
    }

    private Cursor read(String json) {
        return CursorJson.read(mapper, json, Cursor.class, new Cursor(null, null, null));
    }

    private String write(Cursor cursor) {
        return CursorJson.write(mapper, cursor, cursor.mark() != null);
    }
}
