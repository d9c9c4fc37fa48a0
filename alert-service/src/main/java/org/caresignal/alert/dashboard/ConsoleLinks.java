package org.caresignal.alert.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.StringJoiner;
import org.caresignal.alert.domain.console.Range;

/** Links between the console's pages, with their query parameters encoded. */
final class ConsoleLinks {

    private ConsoleLinks() {}

    /**
     * The explorer listing the posts of a brand (facility, source, aspect, label) in [from, to).
     */
    static String explorer(
            String brand,
            Instant from,
            Instant to,
            String facility,
            String source,
            String aspect,
            String label) {
        return "/dashboard/mentions"
                + query(
                        "brand", brand,
                        "from", from == null ? null : from.toString(),
                        "to", to == null ? null : to.toString(),
                        "facility", facility,
                        "source", source,
                        "aspect", aspect,
                        "label", label);
    }

    static String timeline(String brand, String facility, Range range) {
        return "/dashboard/timeline" + query(rangeParams(brand, facility, range));
    }

    static String overview(String brand, Range range) {
        return "/dashboard" + query(rangeParams(brand, null, range));
    }

    static String incidents(String brand) {
        return "/dashboard/incidents" + query("brand", brand);
    }

    private static String[] rangeParams(String brand, String facility, Range range) {
        return new String[] {
            "brand",
            brand,
            "facility",
            facility,
            "range",
            range.param(),
            "from",
            range.firstDay() == null ? null : range.firstDay().toString(),
            "to",
            range.lastDay() == null ? null : range.lastDay().toString()
        };
    }

    /** {@code ?a=1&b=2} of the pairs whose value is set, or "" when none is. */
    static String query(String... pairs) {
        var joiner = new StringJoiner("&", "?", "");
        joiner.setEmptyValue("");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            var value = pairs[i + 1];
            if (value != null && !value.isEmpty()) {
                joiner.add(encode(pairs[i]) + "=" + encode(value));
            }
        }
        return joiner.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
