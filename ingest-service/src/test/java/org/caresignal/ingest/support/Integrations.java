package org.caresignal.ingest.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API keys for the tests, made by an admin through {@code POST /api/integrations} at run time (no
 * key is written anywhere), and webhook requests that carry them.
 */
public final class Integrations {

    private static String sharedKey;

    private Integrations() {}

    /** A request to the mention endpoints authenticated by an integration for every brand. */
    public static RequestSpecification webhook() {
        return webhook(sharedKey());
    }

    /** A JSON request authenticated by this API key ({@code Authorization: Bearer csk_…}). */
    public static RequestSpecification webhook(Object key) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key);
    }

    /** The key of one integration granted every brand, created once per test JVM. */
    public static synchronized String sharedKey() {
        if (sharedKey == null) {
            sharedKey = createForEveryBrand(uniqueName()).get("key").toString();
        }
        return sharedKey;
    }

    /**
     * Creates an integration granted exactly these brands (none when empty) and returns the answer
     * (id, name, brandIds, allBrands, key, ...).
     */
    public static Map<String, Object> create(String name, List<String> brandIds) {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", name);
        body.put("brandIds", brandIds);
        return create(body);
    }

    /** Creates an integration granted every brand ({@code allBrands: true}). */
    public static Map<String, Object> createForEveryBrand(String name) {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", name);
        body.put("allBrands", true);
        return create(body);
    }

    private static Map<String, Object> create(Map<String, Object> body) {
        return Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/integrations")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getMap("");
    }

    public static String uniqueName() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
