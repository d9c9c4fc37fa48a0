package org.caresignal.alert.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** Channels and the delivery log through the API, for the channel tests. */
public final class Channels {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Channels() {}

    /** Creates a channel and returns its id. */
    public static String create(Map<String, Object> body) {
        try {
            return Api.asAdmin()
                    .contentType(ContentType.JSON)
                    .body(MAPPER.writeValueAsString(body))
                    .post("/api/channels")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void delete(String id) {
        Api.asAdmin().delete("/api/channels/" + id).then().statusCode(204);
    }

    /** The incident's deliveries on one channel, oldest first, once {@code done} holds. */
    public static JsonPath awaitDeliveries(
            String incidentId, String channelId, Predicate<JsonPath> done) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () ->
                                Api.asResponder()
                                        .queryParam("incident", incidentId)
                                        .queryParam("channel", channelId)
                                        .get("/api/deliveries")
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .jsonPath(),
                        done);
    }

    /** True when the change's delivery has {@code status}. */
    public static Predicate<JsonPath> has(String change, String status) {
        return j ->
                j.getList("findAll { it.change == '" + change + "' }.status", String.class)
                        .contains(status);
    }

    /** Acknowledges, snoozes or resolves as the responder {@code username}. */
    public static void act(String username, String incidentId, String action, String body) {
        Api.asUser(username, "responder")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents/" + incidentId + "/" + action)
                .then()
                .statusCode(200);
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
