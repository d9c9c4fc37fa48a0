package org.caresignal.alert.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caresignal.alert.client.JsonHttp.Query;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.SentimentLabel;

/**
 * sentiment-service's API as the console uses it ({@code caresignal.alert.console.sentiment-url}):
 * history, aspects and top mentions (counts, every role), mention search and reads (text, for the
 * roles sentiment-service allows), corrections and the model's agreement with them. Every call
 * carries the given {@link Bearer}; sentiment-service decides and audits what it may see.
 */
@ApplicationScoped
public class SentimentClient {

    public static final String SERVICE = "sentiment-service";

    /** sentiment-service answers at most this many ids in one search. */
    public static final int MAX_IDS = 50;

    private final JsonHttp http;
    private final ObjectMapper json;

    public SentimentClient(AlertConfig config, ObjectMapper json) {
        this.json = json;
        this.http =
                new JsonHttp(
                        SERVICE, config.console().sentimentUrl(), config.console().timeout(), json);
    }

    /**
     * Volume and sentiment per bucket ({@code minute}, {@code hour} or {@code day} of {@code
     * zone}); facility, source and aspect are optional filters.
     */
    public SentimentHistory history(
            Bearer bearer,
            String brand,
            Instant from,
            Instant to,
            String bucket,
            ZoneId zone,
            String facility,
            String source,
            String aspect) {
        var query =
                Query.empty()
                        .add("from", from)
                        .add("to", to)
                        .add("bucket", bucket)
                        .add("tz", zone == null ? null : zone.getId())
                        .add("facility", facility)
                        .add("source", source)
                        .add("aspect", aspect);
        return http.get(
                bearer,
                "/api/brands/" + JsonHttp.segment(brand) + "/sentiment",
                query,
                SentimentHistory.class);
    }

    /** The aspects of the range, most negative first. */
    public AspectSummary aspects(
            Bearer bearer, String brand, Instant from, Instant to, String facility) {
        return aspects(bearer, brand, from, to, facility, null);
    }

    /** The aspects of the range for one source, most negative first. */
    public AspectSummary aspects(
            Bearer bearer, String brand, Instant from, Instant to, String facility, String source) {
        var query =
                Query.empty()
                        .add("from", from)
                        .add("to", to)
                        .add("facility", facility)
                        .add("source", source);
        return http.get(
                bearer,
                "/api/brands/" + JsonHttp.segment(brand) + "/aspects",
                query,
                AspectSummary.class);
    }

    /** The most reposted mentions of the range (ids and counts, no text), optionally of a label. */
    public TopMentions topMentions(
            Bearer bearer,
            String brand,
            Instant from,
            Instant to,
            String facility,
            SentimentLabel label,
            int limit) {
        var query =
                Query.empty()
                        .add("from", from)
                        .add("to", to)
                        .add("facility", facility)
                        .add("label", label == null ? null : label.name().toLowerCase(Locale.ROOT))
                        .add("limit", limit);
        return http.get(
                bearer,
                "/api/brands/" + JsonHttp.segment(brand) + "/top-mentions",
                query,
                TopMentions.class);
    }

    /** One page of a search. */
    public MentionPage search(Bearer bearer, MentionQuery query) {
        return http.get(bearer, "/api/mentions", query.toQuery(null), MentionPage.class);
    }

    /**
     * Exactly these mentions (those that exist), in no particular order; more than {@link #MAX_IDS}
     * are asked in several calls.
     */
    public List<Mention> mentions(Bearer bearer, List<UUID> ids) {
        var found = new ArrayList<Mention>();
        for (int i = 0; i < ids.size(); i += MAX_IDS) {
            var chunk = ids.subList(i, Math.min(ids.size(), i + MAX_IDS));
            var joined = String.join(",", chunk.stream().map(UUID::toString).toList());
            var query = Query.empty().add("ids", joined).add("size", chunk.size());
            found.addAll(http.get(bearer, "/api/mentions", query, MentionPage.class).items());
        }
        return found;
    }

    /** One mention; a {@link ServiceRefusedException} 404 when there is none. */
    public Mention mention(Bearer bearer, UUID mentionId) {
        return http.get(bearer, "/api/mentions/" + mentionId, Query.empty(), Mention.class);
    }

    /**
     * An analyst's correction of a mention's label (and, when given, its aspects' labels); the
     * updated mention. Refused 400 (bad label or aspect), 404 (unknown), 409 (erased).
     */
    public Mention correct(
            Bearer bearer,
            UUID mentionId,
            SentimentLabel label,
            List<AspectCorrection> aspects,
            String note) {
        return http.post(
                bearer,
                "/api/mentions/" + mentionId + "/correction",
                new CorrectionBody(label, aspects, note),
                Mention.class);
    }

    /** Takes an analyst's correction back: the model's label is effective again. */
    public void clearCorrection(Bearer bearer, UUID mentionId) {
        http.delete(bearer, "/api/mentions/" + mentionId + "/correction");
    }

    /**
     * The search's mentions as CSV, streamed: the caller closes the stream. sentiment-service
     * audits the export under the caller's name.
     */
    public InputStream exportCsv(Bearer bearer, MentionQuery query) {
        return http.stream(bearer, "/api/mentions", query.toQuery("csv"), "text/csv");
    }

    /** The model's agreement with the brand's corrections. */
    public CorrectionAgreement agreement(Bearer bearer, String brand) {
        return http.get(
                bearer,
                "/api/brands/" + JsonHttp.segment(brand) + "/corrections/agreement",
                Query.empty(),
                CorrectionAgreement.class);
    }

    /**
     * The brand's corrections as the labelled {@code label<TAB>text} file that sentiment-service's
     * evaluate and train read, streamed: the caller closes the stream. sentiment-service audits the
     * export (corrections.export) under the caller's name.
     */
    public InputStream correctionsTsv(Bearer bearer, String brand) {
        return http.stream(
                bearer,
                "/api/brands/" + JsonHttp.segment(brand) + "/corrections",
                Query.empty().add("format", "tsv"),
                "text/tab-separated-values, text/plain;q=0.9, */*;q=0.1");
    }

    /** The body of {@code POST /api/mentions/{id}/correction}; aspects and note are optional. */
    record CorrectionBody(SentimentLabel label, List<AspectCorrection> aspects, String note) {}
}
