package org.caresignal.alert.support;

import io.restassured.http.ContentType;
import java.util.Map;

/** Routes through the API, for the routing tests. */
public final class Routes {

    private Routes() {}

    /** Creates a route and returns its id. */
    public static String create(Map<String, Object> body) {
        try {
            return Api.asAdmin()
                    .contentType(ContentType.JSON)
                    .body(Channels.mapper().writeValueAsString(body))
                    .post("/api/routes")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces a route (PUT) with {@code body}. */
    public static void replace(String id, Map<String, Object> body) {
        try {
            Api.asAdmin()
                    .contentType(ContentType.JSON)
                    .body(Channels.mapper().writeValueAsString(body))
                    .put("/api/routes/" + id)
                    .then()
                    .statusCode(200);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void delete(String id) {
        Api.asAdmin().delete("/api/routes/" + id).then().statusCode(204);
    }

    /** A webhook channel posting to {@code url}; returns its id. */
    public static String webhook(String name, String url) {
        return Channels.create(
                Map.of(
                        "name",
                        name,
                        "type",
                        "WEBHOOK",
                        "secrets",
                        Map.of("url", url, "signingKey", "whsec-routing-test")));
    }
}
