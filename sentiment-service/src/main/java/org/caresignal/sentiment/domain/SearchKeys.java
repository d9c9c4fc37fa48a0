package org.caresignal.sentiment.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tsquery of a word search within one brand, over the keys of the index of migration V12
 * ({@code scored_mention_search_keys}): each word of a post is keyed by its brand and UTC month
 * ({@code north-general 202611 parking}), its label, source and facility too ({@code north-general
 * label:NEGATIVE 202611}). Words and search filters in, a query of the brand's months of the range
 * out, each month matching the posts of that month holding every word (as a prefix) and having the
 * filtered label, source and facility.
 */
public final class SearchKeys {

    /** What may go inside a key unquoted: brand, facility and source slugs, label names. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]+");

    private SearchKeys() {}

    /**
     * One query per month of [from, to) (UTC), oldest first, or null when a value cannot be a key
     * (not a slug) or there is no word; the caller then matches the words on the text itself. A
     * mention matches when it matches one of them. One query per month rather than one joined by
     * OR: within one query every key is required, so the index skips through the longest posting
     * lists (a brand's label) instead of reading them whole.
     *
     * @param words lexemes of the search text, as PostgreSQL's 'simple' configuration splits it,
     *     none holding a quote or backslash
     * @param facility, source, label filters, null when not filtered
     */
    public static List<String> query(
            String brand,
            Instant from,
            Instant to,
            List<String> words,
            String facility,
            String source,
            String label) {
        if (brand == null
                || from == null
                || to == null
                || !to.isAfter(from)
                || words.isEmpty()
                || !safe(brand)
                || !safeOrNull(facility)
                || !safeOrNull(source)
                || !safeOrNull(label)) {
            return null;
        }
        var queries = new ArrayList<String>();
        var last = YearMonth.from(to.minusNanos(1).atOffset(ZoneOffset.UTC));
        for (var m = YearMonth.from(from.atOffset(ZoneOffset.UTC));
                !m.isAfter(last);
                m = m.plusMonths(1)) {
            var month = String.format("%04d%02d", m.getYear(), m.getMonthValue());
            var terms = new ArrayList<String>();
            for (var word : words) {
                terms.add("'" + brand + " " + month + " " + word + "':*");
            }
            if (label != null) {
                terms.add("'" + brand + " label:" + label + " " + month + "'");
            }
            if (source != null) {
                terms.add("'" + brand + " source:" + source + " " + month + "'");
            }
            if (facility != null) {
                terms.add("'" + brand + " facility:" + facility + " " + month + "'");
            }
            queries.add(String.join(" & ", terms));
        }
        return queries;
    }

    /** The words alone as prefixes joined by AND ({@code 'park':* & 'again':*}). */
    public static String words(List<String> words) {
        return String.join(" & ", words.stream().map(w -> "'" + w + "':*").toList());
    }

    private static boolean safe(String value) {
        return SAFE.matcher(value).matches();
    }

    private static boolean safeOrNull(String value) {
        return value == null || safe(value);
    }
}
