package org.caresignal.alert.client;

import java.time.Instant;
import java.util.Locale;
import org.caresignal.alert.domain.SentimentLabel;

/**
 * A search of sentiment-service's {@code GET /api/mentions}: brand (required) and the optional
 * filters, sort ({@code time} or {@code amplification}) and paging (cursor, or page number). Null
 * fields are not sent; build one with {@link #brand(String)} and the {@code with...} methods.
 */
public record MentionQuery(
        String brand,
        Instant from,
        Instant to,
        String facility,
        String source,
        SentimentLabel label,
        String aspect,
        String language,
        Boolean uncertain,
        String q,
        String sort,
        String cursor,
        Integer page,
        Integer size) {

    /** Sort newest first (the API's default). */
    public static final String SORT_TIME = "time";

    /** Sort by reposts, most amplified first. */
    public static final String SORT_AMPLIFICATION = "amplification";

    /** All of a brand's mentions, with the API's defaults for the rest. */
    public static MentionQuery brand(String brand) {
        return new MentionQuery(
                brand, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    public MentionQuery withRange(Instant from, Instant to) {
        return new MentionQuery(
                brand, from, to, facility, source, label, aspect, language, uncertain, q, sort,
                cursor, page, size);
    }

    public MentionQuery withFacility(String facility) {
        return new MentionQuery(
                brand, from, to, facility, source, label, aspect, language, uncertain, q, sort,
                cursor, page, size);
    }

    public MentionQuery withSource(String source) {
        return new MentionQuery(
                brand, from, to, facility, source, label, aspect, language, uncertain, q, sort,
                cursor, page, size);
    }

    public MentionQuery withLabel(SentimentLabel label) {
        return new MentionQuery(
                brand, from, to, facility, source, label, aspect, language, uncertain, q, sort,
                cursor, page, size);
    }

    public MentionQuery withAspect(String aspect) {
        return new MentionQuery(
                brand, from, to, facility, source, label, aspect, language, uncertain, q, sort,
                cursor, page, size);
    }

    public MentionQuery withLanguage(String language) {
        return new MentionQuery(
                brand, from, to, facility, source, label, aspect, language, uncertain, q, sort,
                cursor, page, size);
    }

    public MentionQuery withUncertain(Boolean uncertain) {
        return new MentionQuery(
                brand, from, to, facility, source, label, aspect, language, uncertain, q, sort,
                cursor, page, size);
    }

    public MentionQuery withText(String q) {
        return new MentionQuery(
                brand, from, to, facility, source, label, aspect, language, uncertain, q, sort,
                cursor, page, size);
    }

    public MentionQuery withSort(String sort) {
        return new MentionQuery(
                brand, from, to, facility, source, label, aspect, language, uncertain, q, sort,
                cursor, page, size);
    }

    public MentionQuery withCursor(String cursor) {
        return new MentionQuery(
                brand, from, to, facility, source, label, aspect, language, uncertain, q, sort,
                cursor, page, size);
    }

    public MentionQuery withPage(Integer page, Integer size) {
        return new MentionQuery(
                brand, from, to, facility, source, label, aspect, language, uncertain, q, sort,
                cursor, page, size);
    }

    /** The query parameters in the API's spelling; format is the caller's ({@code csv} or none). */
    JsonHttp.Query toQuery(String format) {
        return JsonHttp.Query.empty()
                .add("brand", brand)
                .add("from", from)
                .add("to", to)
                .add("facility", facility)
                .add("source", source)
                .add("label", label == null ? null : label.name().toLowerCase(Locale.ROOT))
                .add("aspect", aspect)
                .add("language", language)
                .add("uncertain", Boolean.TRUE.equals(uncertain) ? "true" : null)
                .add("q", q)
                .add("sort", sort)
                .add("cursor", cursor)
                .add("page", page)
                .add("size", size)
                .add("format", format);
    }
}
