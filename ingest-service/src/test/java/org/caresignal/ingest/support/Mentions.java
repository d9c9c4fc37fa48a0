package org.caresignal.ingest.support;

import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.List;
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
        var id = UUID.randomUUID().toString();
        body.put("externalId", "post-" + id);
        // Each post its own URL, as at a real source: an erased post's URL is refused from then on.
        body.put("url", "https://social.example/@someone/" + id);
        body.put("text", "Waited 6 hours in the ER last night. Staff were kind but overwhelmed.");
        body.put("publishedAt", "2026-11-24T14:03:00Z");
        return body;
    }

    public static Map<String, Object> without(String brandId, String field) {
        var body = valid(brandId);
        body.remove(field);
        return body;
    }

    /**
     * A new brand of the test's own, created through the brand API with the facility {@link #valid}
     * names: the webhook takes mentions only for brands and facilities that exist.
     */
    public static String uniqueBrand() {
        var id = unknownBrand();
        var facility = new LinkedHashMap<String, Object>();
        facility.put("id", "riverside-north");
        facility.put("name", "Riverside North");
        var brand = new LinkedHashMap<String, Object>();
        brand.put("id", id);
        brand.put("name", "Test brand " + id);
        // A phrase no post of any test contains: the connectors' posts never match it.
        brand.put("watchQuery", "\"" + id + " zzqx\"");
        brand.put("facilities", List.of(facility));
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(brand)
                .post("/api/brands")
                .then()
                .statusCode(201);
        return id;
    }

    /** A brand id no brand has. */
    public static String unknownBrand() {
        return "brand-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
