package org.caresignal.ingest.source.x;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Polls X API v2 recent search with an app-only Bearer token, as X documents polling: {@code
 * since_id} = the first page's {@code meta.newest_id} of the previous poll, and within a poll the
 * {@code next_token} pages with the same {@code since_id}. Each page is committed with a cursor
 * saying where the walk stands, so a poll cut short resumes the walk, then starts a new one.
 */
@ApplicationScoped
public class XClient implements SourceClient {

    /**
     * {@code sinceId}: the newest post id already taken; during a walk also the walk's newest id
     * ({@code top}) and the {@code next_token} of the next page.
     */
    public record Cursor(String sinceId, String top, String nextToken) {}

    static final int PAGE_SIZE = 100;
    static final String FIELDS =
            "&tweet.fields=created_at,lang,author_id,referenced_tweets,note_tweet,conversation_id"
                    + "&expansions=author_id,referenced_tweets.id,referenced_tweets.id.author_id&user.fields=username,name";

    private final OutboundHttp http;
    private final ObjectMapper mapper;
    private final IngestConfig config;

    private final Credentials vault;

    public XClient(OutboundHttp http, ObjectMapper mapper, IngestConfig config, Credentials vault) {
        this.vault = vault;
        this.http = http;
        this.mapper = mapper;
        this.config = config;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.X;
    }

    @Override
    public void poll(SourceConnector connector, PageSink sink) {
        var token = vault.credential(connector);
        if (token == null || token.isBlank()) {
            throw SourceFailure.withHint(
                    SourceFailure.Kind.CREDENTIAL, "no credential: set the app's Bearer token");
        }
        var headers = new LinkedHashMap<String, String>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + token.strip());
        var state = read(connector.cursor);
        var base = connector.baseUrl.replaceAll("/+$", "");
        // A walk left unfinished by an earlier poll is finished first, then a new one starts.
        boolean resumed = state.nextToken() != null;
        for (int page = 0; page < config.sources().maxPagesPerPoll(); page++) {
            var uri =
                    URI.create(
                            base
                                    + "/2/tweets/search/recent?query="
                                    + enc(connector.query)
                                    + "&max_results="
                                    + PAGE_SIZE
                                    + FIELDS
                                    + (state.sinceId() == null
                                            ? ""
                                            : "&since_id=" + enc(state.sinceId()))
                                    + (state.nextToken() == null
                                            ? ""
                                            : "&next_token=" + enc(state.nextToken())));
            var answer = http.get(uri, headers, RateLimit::x);
            var limits = RateLimit.x(answer.header());
            sink.rateLimit(limits);
            XSearchPage.Page result;
            try {
                result = XSearchPage.parse(answer.text(), mapper);
            } catch (MalformedSourceResponseException e) {
                throw SourceFailure.of(SourceFailure.Kind.MALFORMED, answer.status(), limits);
            }
            var since = state.sinceId();
            boolean walkStartedNow = state.nextToken() == null;
            var walkTop = walkStartedNow ? max(result.newestId(), since) : max(state.top(), since);
            // Oldest first, so the mentions are accepted in the order they were posted; the
            // server applies since_id (an original included with its repost may be older; the
            // intake
            // dedups it by mention id).
            var posts = new ArrayList<FetchedPost>(result.posts());
            java.util.Collections.reverse(posts);
            if (since == null || result.nextToken() == null) {
                // The walk is complete (the first poll takes the newest page only).
                state = new Cursor(walkTop, null, null);
                sink.commit(posts, write(state));
                if (!resumed || limits.exhausted()) {
                    return;
                }
                resumed = false;
                continue;
            }
            state = new Cursor(since, walkTop, result.nextToken());
            sink.commit(posts, write(state));
            if (limits.exhausted()) {
                return;
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return XSearchPage.ID_ORDER.compare(a, b) >= 0 ? a : b;
    }

    private Cursor read(String json) {
        return CursorJson.read(mapper, json, Cursor.class, new Cursor(null, null, null));
    }

    private String write(Cursor cursor) {
        return CursorJson.write(mapper, cursor, cursor.sinceId() != null);
    }
}
