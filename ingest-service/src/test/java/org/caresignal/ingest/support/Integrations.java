package org.caresignal.ingest.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API keys for the tests, made through {@code POST /api/integrations} at run time (no key is
 * written anywhere), and requests that carry them.
 */
public final class Integrations {

    private static String sharedKey;

    private Integrations() {}

    /** A request to the mention endpoints authenticated by an integration for every brand. */
    public static RequestSpecification webhook() {
        return given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + sharedKey());
    }

    /** The key of one integration for every brand, created once per test JVM. */
    public static synchronized String sharedKey() {
        if (sharedKey == null) {
            sharedKey = create(uniqueName(), List.of()).get("key").toString();
        }
        return sharedKey;
    }

    /** Creates an integration and returns the answer (id, name, brandIds, key, ...). */
    public static Map<String, Object> create(String name, List<String> brandIds) {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", name);
        if (!brandIds.isEmpty()) {
            body.put("brandIds", brandIds);
        }
        return given().contentType(ContentType.JSON)
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
