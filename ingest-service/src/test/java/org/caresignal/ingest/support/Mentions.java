package org.caresignal.ingest.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Request bodies for POST /api/mentions, valid unless a test takes a field away. */
public final class Mentions {

    private Mentions() {}

    /** A complete, valid submission for a brand of the test's own. */
    public static Map<String, Object> valid(String brandId) {
        var body = new LinkedHashMap<String, Object>();
        body.put("brandId", brandId);
        body.put("facilityId", "riverside-north");
        body.put("source", "webhook");
        body.put("externalId", "post-" + UUID.randomUUID());
        body.put("url", "https://social.example/@someone/48213");
        body.put("text", "Waited 6 hours in the ER last night. Staff were kind but overwhelmed.");
        body.put("publishedAt", "2026-11-24T14:03:00Z");
        return body;
    }

    public static Map<String, Object> without(String brandId, String field) {
        var body = valid(brandId);
        body.remove(field);
        return body;
    }

    public static String uniqueBrand() {
        return "brand-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
