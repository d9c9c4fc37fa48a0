package org.caresignal.sentiment.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Writes what an audit row names: the filter of a read as a canonical query string (fixed order,
 * resolved defaults, empty parameters left out) and the ids a read returned.
 */
final class AuditTargets {

    /** Past this length the id list in an audit row's detail is cut and the rest counted. */
    static final int MAX_IDS_DETAIL = 2000;

    private static final String KEEP =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:,@/";

    private AuditTargets() {}

    /** Builds {@code name=value&...} in the order of the calls; null values are left out. */
    static final class Query {

        private final StringJoiner parts = new StringJoiner("&");

        Query add(String name, Object value) {
            if (value != null && !value.toString().isEmpty()) {
                parts.add(name + "=" + encode(value.toString()));
            }
            return this;
        }

        @Override
        public String toString() {
            return parts.toString();
        }
    }

    static Query query() {
        return new Query();
    }

    /**
     * {@code ids=<id>,<id>,...}, or as many as fit in {@link #MAX_IDS_DETAIL} followed by {@code
     * ;<n> more not listed}; null when there are none.
     */
    static String ids(List<UUID> ids) {
        if (ids.isEmpty()) {
            return null;
        }
        var out = new StringBuilder("ids=");
        int listed = 0;
        for (var id : ids) {
            var next = (listed == 0 ? "" : ",") + id;
            int reserve = listed + 1 < ids.size() ? 32 : 0;
            if (out.length() + next.length() + reserve > MAX_IDS_DETAIL) {
                break;
            }
            out.append(next);
            listed++;
        }
        if (listed < ids.size()) {
            out.append(';').append(ids.size() - listed).append(" more not listed");
        }
        return out.toString();
    }

    /** Percent-encodes everything but unreserved characters and those readable in a timestamp. */
    private static String encode(String value) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && KEEP.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
