package org.caresignal.sentiment.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Writes CSV (RFC 4180) and decides whether a request asked for it. */
final class Csv {

    static final String MEDIA_TYPE = "text/csv";

    private Csv() {}

    /** {@code format=csv} wins; otherwise an Accept header that prefers text/csv to JSON. */
    static boolean wanted(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase()) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new InvalidParameterException("format", "must be json or csv");
            };
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                return true;
            }
        }
        return false;
    }

    static String row(List<?> cells) {
        var out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            var cell = cells.get(i);
            var text = cell == null ? "" : cell.toString();
            // A leading =, +, - or @ would be a formula in a spreadsheet.
            if (!text.isEmpty()
                    && "=+-@".indexOf(text.charAt(0)) >= 0
                    && !(cell instanceof Number)) {
                text = "'" + text;
            }
            if (text.contains(",")
                    || text.contains("\"")
                    || text.contains("\n")
                    || text.contains("\r")) {
                text = "\"" + text.replace("\"", "\"\"") + "\"";
            }
            out.append(text);
        }
        return out.append("\r\n").toString();
    }
}
