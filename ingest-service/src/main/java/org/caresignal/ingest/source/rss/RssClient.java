package org.caresignal.ingest.source.rss;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.MalformedSourceResponseException;
import org.caresignal.ingest.domain.RateLimit;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.source.CursorJson;
import org.caresignal.ingest.source.SourceClient;
import org.caresignal.ingest.source.SourceFailure;
import org.caresignal.ingest.source.http.OutboundHttp;

/**
 * Polls an RSS or Atom feed (any URL, e.g. a Google News search): conditional GET with the stored
 * ETag and Last-Modified, new items found by their dedup key against the keys already seen.
 */
@ApplicationScoped
public class RssClient implements SourceClient {

    /** What an RSS connector remembers between polls. */
    public record Cursor(String etag, String lastModified, List<String> seen) {}

    // Far more than a feed holds at once; older keys have left the feed and will not come back.
    static final int SEEN_LIMIT = 2000;

    private final OutboundHttp http;
    private final ObjectMapper mapper;

    public RssClient(OutboundHttp http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.RSS;
    }

    @Override
    public void poll(SourceConnector connector, PageSink sink) {
        var cursor = read(connector.cursor);
        var headers = new LinkedHashMap<String, String>();
        headers.put(
                "Accept",
                "application/rss+xml, application/atom+xml, application/xml;q=0.9,"
                        + " text/xml;q=0.8, */*;q=0.1");
        if (cursor.etag() != null) {
            headers.put("If-None-Match", cursor.etag());
        }
        if (cursor.lastModified() != null) {
            headers.put("If-Modified-Since", cursor.lastModified());
        }
        var answer =
                http.get(
                        URI.create(connector.baseUrl),
                        headers,
                        h -> RateLimit.UNKNOWN,
                        OutboundHttp.Use.FEED);
        if (answer.status() == 304) {
            sink.commit(List.of(), connector.cursor);
            return;
        }
        List<FetchedPost> items;
        try {
            items = FeedParser.parse(answer.body());
        } catch (MalformedSourceResponseException e) {
            throw SourceFailure.of(SourceFailure.Kind.MALFORMED, answer.status());
        }
        var seen = new LinkedHashSet<>(cursor.seen());
        var fresh = new ArrayList<FetchedPost>();
        var keys = new ArrayList<String>();
        for (var item : items) {
            keys.add(item.externalId());
            if (!seen.contains(item.externalId())) {
                fresh.add(item);
            }
        }
        // Feeds list the newest first; accept in publication order.
        Collections.reverse(fresh);
        var remembered = new LinkedHashSet<String>(keys);
        for (var key : cursor.seen()) {
            if (remembered.size() >= SEEN_LIMIT) {
                break;
            }
            remembered.add(key);
        }
        var etag = answer.header().apply("ETag");
        var lastModified = answer.header().apply("Last-Modified");
        sink.commit(fresh, write(new Cursor(etag, lastModified, List.copyOf(remembered))));
    }

    private Cursor read(String json) {
        var c = CursorJson.read(mapper, json, Cursor.class, new Cursor(null, null, List.of()));
        return c.seen() == null ? new Cursor(c.etag(), c.lastModified(), List.of()) : c;
    }

    private String write(Cursor cursor) {
        return CursorJson.write(mapper, cursor, true);
    }
}
