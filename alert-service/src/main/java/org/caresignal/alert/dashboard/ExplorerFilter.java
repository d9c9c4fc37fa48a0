package org.caresignal.alert.dashboard;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.caresignal.alert.domain.BrandIds;

/**
 * The mention explorer's filter as a person set it in the search form (and in the page's links):
 * what was typed, kept as typed so the form shows it again, and what it means (instants in UTC,
 * labels in upper case) once {@link #parse} checked it. Pure: no CDI, no I/O.
 *
 * @param q words the posts contain
 * @param from start of the range as typed: a {@code datetime-local} value read in {@code zone}, or
 *     an ISO instant / date-time with offset
 * @param zone the IANA zone the range is typed in and times are shown in (blank: the brand's)
 * @param uncertain only mentions the model was unsure of
 * @param sort {@code time} (newest first) or {@code amplification} (most reposted first)
 * @param cursor the next page's cursor from sentiment-service (sorted by time)
 * @param page the page number from 0 (sorted by amplification, which pages by number only)
 */
public record ExplorerFilter(
        String q,
        String brand,
        String facility,
        String source,
        String label,
        String aspect,
        String language,
        String from,
        String to,
        String zone,
        boolean uncertain,
        String sort,
        String cursor,
        int page) {

    public static final List<String> LABELS = List.of("NEGATIVE", "NEUTRAL", "POSITIVE");
    public static final List<String> SORTS = List.of("time", "amplification");

    static final int MAX_Q = 200;
    static final int MAX_SOURCE = 64;
    static final int MAX_CURSOR = 512;

    /** Last page number asked for: sentiment-service pages by number only to row 10,000. */
    static final int MAX_PAGE = 199;

    private static final Pattern SLUG = Pattern.compile(BrandIds.PATTERN);
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})?");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=.:~+/-]+");
    private static final Pattern LOCAL =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?");

    /** The empty filter (a brand still to choose). */
    public static ExplorerFilter empty() {
        return new ExplorerFilter("", "", "", "", "", "", "", "", "", "", false, "time", "", 0);
    }

    /**
     * A checked filter: {@code filter} as typed (cleaned), the range as instants (null: not set),
     * the zone it was read in, and what is wrong, in words for the person (empty when nothing).
     */
    public record Parsed(
            ExplorerFilter filter, Instant from, Instant to, ZoneId zone, List<String> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }

        /**
         * The query parameters of sentiment-service's search ({@code GET /api/mentions}) for this
         * filter, without paging and format.
         */
        public Map<String, String> searchParameters() {
            var p = new LinkedHashMap<String, String>();
            put(p, "brand", filter.brand());
            put(p, "q", filter.q());
            put(p, "facility", filter.facility());
            put(p, "source", filter.source());
            put(p, "label", filter.label().toLowerCase(Locale.ROOT));
            put(p, "aspect", filter.aspect());
            put(p, "language", filter.language());
            if (from != null) {
                p.put("from", from.toString());
            }
            if (to != null) {
                p.put("to", to.toString());
            }
            if (filter.uncertain()) {
                p.put("uncertain", "true");
            }
            if (!filter.sort().equals("time")) {
                p.put("sort", filter.sort());
            }
            return p;
        }
    }

    /**
     * Checks the raw query values ({@code null} or blank: not set); {@code defaultZone} (the
     * brand's) reads a range typed without an offset when no zone was chosen.
     */
    public static Parsed parse(Map<String, String> raw, ZoneId defaultZone) {
        var errors = new ArrayList<String>();
        var q = clean(raw.get("q"));
        if (q.length() > MAX_Q) {
            errors.add("The words can be at most " + MAX_Q + " characters.");
            q = q.substring(0, MAX_Q);
        }
        var brand = slug(raw.get("brand"), "Brand", errors);
        var facility = slug(raw.get("facility"), "Facility", errors);
        var aspect = slug(raw.get("aspect"), "Aspect", errors);
        var source = clean(raw.get("source"));
        if (source.length() > MAX_SOURCE || source.chars().anyMatch(Character::isISOControl)) {
            errors.add("Source must be a source name of at most " + MAX_SOURCE + " characters.");
            source = "";
        }
        var label = clean(raw.get("label")).toUpperCase(Locale.ROOT);
        if (!label.isEmpty() && !LABELS.contains(label)) {
            errors.add("Label must be negative, neutral or positive.");
            label = "";
        }
        var language = clean(raw.get("language")).toLowerCase(Locale.ROOT);
        if (!language.isEmpty() && !LANGUAGE.matcher(language).matches()) {
            errors.add("Language must be a language code such as en or es.");
            language = "";
        }
        var zoneText = clean(raw.get("zone"));
        var zone = defaultZone;
        if (!zoneText.isEmpty()) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                errors.add("Time zone must be a zone name such as America/Chicago or UTC.");
                zoneText = "";
            }
        }
        var fromText = clean(raw.get("from"));
        var toText = clean(raw.get("to"));
        var from = instant(fromText, zone, "From", errors);
        var to = instant(toText, zone, "To", errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add("From must be before To.");
        }
        var uncertainText = clean(raw.get("uncertain")).toLowerCase(Locale.ROOT);
        boolean uncertain =
                uncertainText.equals("true")
                        || uncertainText.equals("on")
                        || uncertainText.equals("1");
        var sort = clean(raw.get("sort")).toLowerCase(Locale.ROOT);
        if (sort.isEmpty()) {
            sort = "time";
        } else if (!SORTS.contains(sort)) {
            errors.add("Sort must be by time or by amplification.");
            sort = "time";
        }
        var cursor = clean(raw.get("cursor"));
        if (!cursor.isEmpty()
                && (cursor.length() > MAX_CURSOR || !CURSOR.matcher(cursor).matches())) {
            errors.add("That page link is not valid any more; start the search again.");
            cursor = "";
        }
        int page = 0;
        var pageText = clean(raw.get("page"));
        if (!pageText.isEmpty()) {
            if (pageText.matches("[0-9]{1,3}") && Integer.parseInt(pageText) <= MAX_PAGE) {
                page = Integer.parseInt(pageText);
            } else {
                errors.add("That page link is not valid any more; start the search again.");
            }
        }
        if (sort.equals("amplification")) {
            // Sorted by amplification, sentiment-service pages by number only.
            cursor = "";
        } else {
            page = 0;
        }
        var filter =
                new ExplorerFilter(
                        q,
                        brand,
                        facility,
                        source,
                        label,
                        aspect,
                        language,
                        from == null ? "" : fromText,
                        to == null ? "" : toText,
                        zoneText,
                        uncertain,
                        sort,
                        cursor,
                        page);
        return new Parsed(filter, from, to, zone, List.copyOf(errors));
    }

    /** Parses a query string such as {@code brand=x&q=er+wait} (the correction form's return). */
    public static Map<String, String> queryValues(String query) {
        var values = new LinkedHashMap<String, String>();
        if (query == null || query.isBlank()) {
            return values;
        }
        for (var pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            var eq = pair.indexOf('=');
            try {
                var key =
                        URLDecoder.decode(
                                eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                var value =
                        eq < 0
                                ? ""
                                : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                // A broken escape: that pair is dropped, the rest of the filter still applies.
            }
        }
        return values;
    }

    /**
     * This filter as the explorer's query string (only what is set; the cursor when {@code
     * withCursor}), e.g. {@code brand=riverside-health&label=NEGATIVE}.
     */
    public String query(boolean withCursor) {
        var p = new LinkedHashMap<String, String>();
        put(p, "brand", brand);
        put(p, "q", q);
        put(p, "facility", facility);
        put(p, "source", source);
        put(p, "label", label);
        put(p, "aspect", aspect);
        put(p, "language", language);
        put(p, "from", from);
        put(p, "to", to);
        put(p, "zone", zone);
        if (uncertain) {
            p.put("uncertain", "true");
        }
        if (!sort.equals("time")) {
            p.put("sort", sort);
        }
        if (withCursor) {
            put(p, "cursor", cursor);
            if (page > 0) {
                p.put("page", Integer.toString(page));
            }
        }
        var out = new StringBuilder();
        p.forEach(
                (k, v) ->
                        out.append(out.isEmpty() ? "" : "&")
                                .append(k)
                                .append('=')
                                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** This filter on another brand (facility and aspect belong to a brand, so they go). */
    public ExplorerFilter withBrand(String other) {
        return new ExplorerFilter(
                q, other, "", source, label, "", language, from, to, zone, uncertain, sort, "", 0);
    }

    /** This filter at page number {@code number} (sorted by amplification). */
    public ExplorerFilter withPage(int number) {
        return new ExplorerFilter(
                q, brand, facility, source, label, aspect, language, from, to, zone, uncertain,
                sort, "", number);
    }

    /** This filter at the page of {@code next} (null: the first page). */
    public ExplorerFilter withCursor(String next) {
        return new ExplorerFilter(
                q,
                brand,
                facility,
                source,
                label,
                aspect,
                language,
                from,
                to,
                zone,
                uncertain,
                sort,
                next == null ? "" : next,
                0);
    }

    private static void put(Map<String, String> p, String key, String value) {
        if (value != null && !value.isEmpty()) {
            p.put(key, value);
        }
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    private static String slug(String raw, String what, List<String> errors) {
        var value = clean(raw).toLowerCase(Locale.ROOT);
        if (!value.isEmpty() && !SLUG.matcher(value).matches()) {
            errors.add(what + " must be a slug of lower-case letters, digits and dashes.");
            return "";
        }
        return value;
    }

    private static Instant instant(String text, ZoneId zone, String what, List<String> errors) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (LOCAL.matcher(text).matches()) {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            }
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase(Locale.ROOT));
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(what + " must be a date and time such as 2026-12-01T08:00.");
            return null;
        }
    }
}
