package org.caresignal.alert.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.Routes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RouteResourceTest {

    private String slack;
    private String pager;

    @BeforeEach
    void channels() {
        slack = Routes.webhook("route-test slack", "https://hooks.example/a");
        pager = Routes.webhook("route-test pager", "https://hooks.example/b");
    }

    @AfterEach
    void cleanup() {
        Channels.delete(slack);
        Channels.delete(pager);
    }

    @Test
    void crudOfARouteWithQuietHoursAndEscalation() {
        var body =
                "{\"name\": \"north nights\", \"position\": 10, \"brandId\": \"riverside-health\","
                        + " \"facilityId\": \"north\", \"kinds\": [\"spike\", \"CRITICAL_POST\"],"
                        + " \"minSeverity\": \"medium\", \"channelIds\": [\""
                        + slack
                        + "\"], \"continue\": true, \"quietHours\": {\"days\": [\"MON\", \"fri\","
                        + " \"SATURDAY\"], \"start\": \"22:00\", \"end\": \"07:00\", \"zone\":"
                        + " \"America/Chicago\", \"override\": \"HIGH\"}, \"escalation\":"
                        + " [{\"after\": \"PT15M\", \"channelIds\": [\""
                        + pager
                        + "\"]}]}";
        String id =
                Api.asAdmin()
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/routes")
                        .then()
                        .statusCode(201)
                        .header("Location", org.hamcrest.Matchers.containsString("/api/routes/"))
                        .extract()
                        .path("id");
        Api.asAdmin()
                .get("/api/routes/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("north nights"))
                .body("position", equalTo(10))
                .body("enabled", equalTo(true))
                .body("brandId", equalTo("riverside-health"))
                .body("facilityId", equalTo("north"))
                .body("kinds", contains("CRITICAL_POST", "SPIKE"))
                .body("minSeverity", equalTo("MEDIUM"))
                .body("channelIds", contains(slack))
                .body("continue", equalTo(true))
                .body("quietHours.days", contains("MONDAY", "FRIDAY", "SATURDAY"))
                .body("quietHours.start", equalTo("22:00"))
                .body("quietHours.end", equalTo("07:00"))
                .body("quietHours.zone", equalTo("America/Chicago"))
                .body("quietHours.override", equalTo("HIGH"))
                .body("escalation[0].after", equalTo("PT15M"))
                .body("escalation[0].channelIds", contains(pager));
        Api.asAdmin().get("/api/routes").then().statusCode(200).body("id", hasItem(id));

        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"name\": \"everything\", \"channelIds\": [\"" + pager + "\"]}")
                .put("/api/routes/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("everything"))
                .body("position", equalTo(100))
                .body("brandId", nullValue())
                .body("kinds.size()", equalTo(0))
                .body("quietHours", nullValue())
                .body("escalation.size()", equalTo(0))
                .body("channelIds", contains(pager))
                .body("continue", equalTo(false));

        Api.asAdmin().delete("/api/routes/" + id).then().statusCode(204);
        Api.asAdmin()
                .get("/api/routes/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.asAdmin().delete("/api/routes/" + id).then().statusCode(404);
        Api.asAdmin().get("/api/routes").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void anUnknownRouteIs404() {
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"channelIds\": [\"" + slack + "\"]}")
                .put("/api/routes/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badRoutesAreRefusedWithProblemJsonNamingTheField() {
        bad("{\"channelIds\": [\"" + slack + "\"]}", "name");
        bad("{\"name\": \"x\", \"channelIds\": []}", "channelIds");
        bad("{\"name\": \"x\", \"channelIds\": [\"" + UUID.randomUUID() + "\"]}", "channelIds");
        bad("{\"name\": \"x\", \"channelIds\": [\"not-a-uuid\"]}", "channelIds");
        bad(
                "{\"name\": \"x\", \"brandId\": \"Not A Slug\", \"channelIds\": [\""
                        + slack
                        + "\"]}",
                "brandId");
        bad(
                "{\"name\": \"x\", \"kinds\": [\"GOSSIP\"], \"channelIds\": [\"" + slack + "\"]}",
                "kinds");
        bad(
                "{\"name\": \"x\", \"minSeverity\": \"URGENT\", \"channelIds\": [\""
                        + slack
                        + "\"]}",
                "minSeverity");
        bad(
                quiet(
                        "\"days\": [\"MON\"], \"start\": \"22:00\", \"end\": \"07:00\", \"zone\": \"Mars/Olympus\""),
                "quietHours.zone");
        bad(
                quiet(
                        "\"days\": [\"MON\"], \"start\": \"25:00\", \"end\": \"07:00\", \"zone\": \"UTC\""),
                "quietHours.start");
        bad(
                quiet("\"days\": [], \"start\": \"22:00\", \"end\": \"07:00\", \"zone\": \"UTC\""),
                "quietHours.days");
        bad(
                quiet(
                        "\"days\": [\"FUNDAY\"], \"start\": \"22:00\", \"end\": \"07:00\", \"zone\": \"UTC\""),
                "quietHours.days");
        bad(
                "{\"name\": \"x\", \"channelIds\": [\""
                        + slack
                        + "\"], \"escalation\": [{\"after\": \"15 minutes\", \"channelIds\": [\""
                        + pager
                        + "\"]}]}",
                "escalation[0].after");
        bad(
                "{\"name\": \"x\", \"channelIds\": [\""
                        + slack
                        + "\"], \"escalation\": [{\"after\": \"PT15M\", \"channelIds\": [\""
                        + pager
                        + "\"]}, {\"after\": \"PT10M\", \"channelIds\": [\""
                        + pager
                        + "\"]}]}",
                "escalation[1].after");
        bad(
                "{\"name\": \"x\", \"channelIds\": [\""
                        + slack
                        + "\"], \"escalation\": [{\"after\": \"PT15M\", \"channelIds\": [\""
                        + UUID.randomUUID()
                        + "\"]}]}",
                "escalation[0].channelIds");
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"name\": ")
                .post("/api/routes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private String quiet(String fields) {
        return "{\"name\": \"x\", \"channelIds\": [\""
                + slack
                + "\"], \"quietHours\": {"
                + fields
                + "}}";
    }

    private static void bad(String body, String field) {
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/routes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }
}
