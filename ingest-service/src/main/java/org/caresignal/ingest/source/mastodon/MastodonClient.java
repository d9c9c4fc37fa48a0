package org.caresignal.ingest.source.mastodon;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import org.caresignal.ingest.config.IngestConfig;
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
 * Polls a Mastodon instance's hashtag timeline forward from the stored {@code min_id}, page by page
 * (the {@code Link} header's {@code prev} page), with an optional bearer token, until a page is
 * short, the page budget is spent or the rate limit is reached.
 */
@ApplicationScoped
public class MastodonClient implements SourceClient {

    /** What a Mastodon connector remembers: the newest status id already taken. */
    public record Cursor(String minId) {}

    static final int PAGE_SIZE = 40;

    private final OutboundHttp http;
    private final ObjectMapper mapper;
    private final IngestConfig config;

    private final Credentials vault;

    public MastodonClient(
            OutboundHttp http, ObjectMapper mapper, IngestConfig config, Credentials vault) {
        this.vault = vault;
        this.http = http;
        this.mapper = mapper;
        this.config = config;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.MASTODON;
    }

    @Override
    public void poll(SourceConnector connector, PageSink sink) {
        var minId = read(connector.cursor);
        var headers = new LinkedHashMap<String, String>();
        headers.put("Accept", "application/json");
        var token = vault.credential(connector);
        if (token != null && !token.isBlank()) {
            headers.put("Authorization", "Bearer " + token);
        }
        var base = connector.baseUrl.replaceAll("/+$", "");
        var tag = URLEncoder.encode(connector.query, StandardCharsets.UTF_8);
        for (int page = 0; page < config.sources().maxPagesPerPoll(); page++) {
            var uri =
                    URI.create(
                            base
                                    + "/api/v1/timelines/tag/"
                                    + tag
                                    + "?limit="
                                    + PAGE_SIZE
                                    + (minId == null
                                            ? ""
                                            : "&min_id="
                                                    + URLEncoder.encode(
                                                            minId, StandardCharsets.UTF_8)));
            var answer = http.get(uri, headers, RateLimit::mastodon);
            var limits = RateLimit.mastodon(answer.header());
            sink.rateLimit(limits);
            List<MastodonTimeline.Entry> entries;
            try {
                entries = MastodonTimeline.parse(answer.text(), mapper);
            } catch (MalformedSourceResponseException e) {
                throw SourceFailure.of(SourceFailure.Kind.MALFORMED, answer.status(), limits);
            }
            if (entries.isEmpty()) {
                sink.commit(List.of(), write(minId));
                return;
            }
            var newest = MastodonTimeline.newestId(entries).orElseThrow();
            // The prev link names the page after this one; it is the newest id of this page.
            var next =
                    MastodonTimeline.prevMinId(answer.header().apply("Link"))
                            .filter(id -> MastodonTimeline.ID_ORDER.compare(id, newest) >= 0)
                            .orElse(newest);
            var posts =
                    entries.stream()
                            .sorted(
                                    Comparator.comparing(
                                            MastodonTimeline.Entry::id, MastodonTimeline.ID_ORDER))
                            .flatMap(e -> e.posts().stream())
                            .toList();
            sink.commit(posts, write(next));
            if (minId == null || entries.size() < PAGE_SIZE || limits.exhausted()) {
                // The first poll starts at the newest page: we do not walk back through history.
                return;
            }
            minId = next;
        }
    }

    private String read(String json) {
        return CursorJson.read(mapper, json, Cursor.class, new Cursor(null)).minId();
    }

    private String write(String minId) {
        return CursorJson.write(mapper, new Cursor(minId), minId != null);
    }
}
