package org.caresignal.ingest.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One post of a replay file (a JSONL line or a CSV record): {@code text} is required; {@code
 * brandId} (and {@code facilityId}) route it explicitly, else the brand matcher decides; {@code
 * source} and {@code externalId} make its mention id, so a replayed post is deduplicated like a
 * live one; {@code offsetSeconds} or {@code publishedAt} drive {@code timing=original}.
 */
public record ReplayRecord(
        String source,
        String brandId,
        String facilityId,
        String externalId,
        String url,
        String text,
        Instant publishedAt,
        Double offsetSeconds,
        String authorHandle,
        String authorName) {

    /** The columns of a CSV file (its header names them; order free; only {@code text} needed). */
    public static final List<String> COLUMNS =
            List.of(
                    "brandId",
                    "facilityId",
                    "source",
                    "externalId",
                    "url",
                    "text",
                    "publishedAt",
                    "offsetSeconds",
                    "authorHandle",
                    "authorName");

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** The record's time for {@code timing=original}, in seconds, or null. */
    public Double timeSeconds() {
        if (offsetSeconds != null) {
            return offsetSeconds;
        }
        return publishedAt == null
                ? null
                : publishedAt.getEpochSecond() + publishedAt.getNano() / 1e9;
    }

    /**
     * Reads a JSONL line.
     *
     * @throws MalformedSourceResponseException saying what is wrong (never the content)
     */
    public static ReplayRecord fromJson(ObjectMapper mapper, String line) {
        JsonNode n;
        try {
            n = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedSourceResponseException("not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new MalformedSourceResponseException("not a JSON object");
        }
        Double offset = null;
        var o = n.get("offsetSeconds");
        if (o != null && !o.isNull()) {
            if (!o.isNumber()) {
                throw new MalformedSourceResponseException("offsetSeconds is not a number");
            }
            offset = o.asDouble();
        }
        return of(
                str(n, "source"),
                str(n, "brandId"),
                str(n, "facilityId"),
                str(n, "externalId"),
                str(n, "url"),
                str(n, "text"),
                str(n, "publishedAt"),
                offset,
                str(n, "authorHandle"),
                str(n, "authorName"));
    }

    /**
     * Reads a CSV record by its header's column names.
     *
     * @throws MalformedSourceResponseException saying what is wrong (never the content)
     */
    public static ReplayRecord fromCsv(Map<String, Integer> header, List<String> fields) {
        if (fields.size() != header.size()) {
            throw new MalformedSourceResponseException(
                    "expected " + header.size() + " columns, found " + fields.size());
        }
        Double offset = null;
        var o = col(header, fields, "offsetSeconds");
        if (o != null) {
            try {
                offset = Double.parseDouble(o);
            } catch (NumberFormatException e) {
                throw new MalformedSourceResponseException("offsetSeconds is not a number");
            }
        }
        return of(
                col(header, fields, "source"),
                col(header, fields, "brandId"),
                col(header, fields, "facilityId"),
                col(header, fields, "externalId"),
                col(header, fields, "url"),
                col(header, fields, "text"),
                col(header, fields, "publishedAt"),
                offset,
                col(header, fields, "authorHandle"),
                col(header, fields, "authorName"));
    }

    /**
     * Reads a CSV header line.
     *
     * @throws MalformedSourceResponseException if a column is unknown or repeated, or text is
     *     missing
     */
    public static Map<String, Integer> csvHeader(List<String> names) {
        var header = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < names.size(); i++) {
            var name = names.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (!COLUMNS.contains(name)) {
                throw new MalformedSourceResponseException(
                        "unknown column '"
                                + name
                                + "' (known: "
                                + String.join(", ", COLUMNS)
                                + ")");
            }
            if (header.put(name, i) != null) {
                throw new MalformedSourceResponseException("column '" + name + "' repeated");
            }
        }
        if (!header.containsKey("text")) {
            throw new MalformedSourceResponseException("no text column");
        }
        return header;
    }

    /**
     * Splits one CSV record (RFC 4180: commas, double quotes, "" for a quote, line breaks inside
     * quotes); null while a quoted field is still open (the record continues on the next line).
     */
    public static List<String> splitCsv(String record) {
        var fields = new ArrayList<String>();
        var sb = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    sb.append(c);
                }
            } else if (c == '"' && sb.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(sb.toString());
                sb.setLength(0);
                wasQuoted = false;
            } else if (c != '\r' || i != record.length() - 1) {
                sb.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(sb.toString());
        return fields;
    }

    private static ReplayRecord of(
            String source,
            String brandId,
            String facilityId,
            String externalId,
            String url,
            String text,
            String publishedAt,
            Double offset,
            String authorHandle,
            String authorName) {
        if (text == null || text.isBlank()) {
            throw new MalformedSourceResponseException("text is missing");
        }
        if (source != null && !SLUG.matcher(source).matches()) {
            throw new MalformedSourceResponseException("source must be a lower-case slug");
        }
        if (brandId != null && !SLUG.matcher(brandId).matches()) {
            throw new MalformedSourceResponseException("brandId must be a lower-case slug");
        }
        if (facilityId != null && !SLUG.matcher(facilityId).matches()) {
            throw new MalformedSourceResponseException("facilityId must be a lower-case slug");
        }
        if (facilityId != null && brandId == null) {
            throw new MalformedSourceResponseException("facilityId given without brandId");
        }
        if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new MalformedSourceResponseException("url must be http(s)");
        }
        if (offset != null && (offset.isNaN() || offset.isInfinite() || offset < 0)) {
            throw new MalformedSourceResponseException("offsetSeconds must be 0 or more");
        }
        Instant at = null;
        if (publishedAt != null) {
            try {
                at = Instant.parse(publishedAt);
            } catch (DateTimeParseException e) {
                throw new MalformedSourceResponseException(
                        "publishedAt is not an ISO-8601 instant");
            }
        }
        return new ReplayRecord(
                source,
                brandId,
                facilityId,
                externalId,
                url,
                text,
                at,
                offset,
                authorHandle,
                authorName);
    }

    private static String str(JsonNode n, String field) {
        var v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new MalformedSourceResponseException(field + " is not a string");
        }
        return v.asText().isEmpty() ? null : v.asText();
    }

    private static String col(Map<String, Integer> header, List<String> fields, String name) {
        var i = header.get(name);
        if (i == null) {
            return null;
        }
        var v = fields.get(i);
        return v == null || v.isEmpty() ? null : v;
    }
}
