package org.caresignal.alert.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.caresignal.alert.support.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChannelResourceTest {

    private static final String HOOK = "https://hooks.slack.com/services/T1/B1/SECRETSECRET";
    private static final String ROUTING = "ROUTINGKEYSECRETROUTINGKEYSECRET";

    @Test
    void crudKeepsSecretsWriteOnly() {
        var created =
                Api.asAdmin()
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"name\": \"#comms\", \"type\": \"slack\", \"secrets\": {\"url\":"
                                        + " \""
                                        + HOOK
                                        + "\"}}")
                        .post("/api/channels")
                        .then()
                        .statusCode(201)
                        .body("type", equalTo("SLACK"))
                        .body("enabled", equalTo(true))
                        .body("secretsSet", contains("url"))
                        .extract();
        assertThat(created.asString()).doesNotContain("SECRETSECRET");
        String id = created.path("id");

        var updated =
                Api.asAdmin()
                        .contentType(ContentType.JSON)
                        .body("{\"name\": \"#comms-north\", \"enabled\": false}")
                        .put("/api/channels/" + id)
                        .then()
                        .statusCode(200)
                        .body("name", equalTo("#comms-north"))
                        .body("enabled", equalTo(false))
                        .body("secretsSet", contains("url"))
                        .extract()
                        .asString();
        assertThat(updated).doesNotContain("SECRETSECRET");
        var listed =
                Api.asAdmin()
                        .get("/api/channels")
                        .then()
                        .statusCode(200)
                        .body("id", hasItem(id))
                        .extract()
                        .asString();
        assertThat(listed).doesNotContain("SECRETSECRET");
        assertThat(
                        Api.asAdmin()
                                .get("/api/channels/" + id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString())
                .doesNotContain("SECRETSECRET");

        Api.asAdmin().delete("/api/channels/" + id).then().statusCode(204);
        Api.asAdmin()
                .get("/api/channels/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void pagerDutyTakesAnEndpointAndARoutingKey() {
        var body =
                Api.asAdmin()
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"name\": \"pd\", \"type\": \"PAGERDUTY\", \"endpoint\":"
                                        + " \"https://events.pagerduty.com/v2/enqueue\","
                                        + " \"secrets\": {\"routingKey\": \""
                                        + ROUTING
                                        + "\"}}")
                        .post("/api/channels")
                        .then()
                        .statusCode(201)
                        .body("endpoint", equalTo("https://events.pagerduty.com/v2/enqueue"))
                        .body("secretsSet", contains("routingKey"))
                        .extract();
        assertThat(body.asString()).doesNotContain(ROUTING);
        Api.asAdmin().delete("/api/channels/" + body.path("id")).then().statusCode(204);
    }

    @Test
    void badChannelsAreRefusedWithProblemJson() {
        bad("{\"name\": \"x\", \"type\": \"CARRIER_PIGEON\", \"secrets\": {}}", "type");
        bad(
                "{\"name\": \"x\", \"type\": \"WEBHOOK\", \"secrets\": {\"url\": \"https://a.example\"}}",
                "secrets.signingKey");
        bad(
                "{\"name\": \"x\", \"type\": \"SLACK\", \"secrets\": {\"url\": \"ftp://a.example\"}}",
                "secrets.url");
        bad(
                "{\"name\": \"x\", \"type\": \"SLACK\", \"secrets\": {\"url\": \"https://a.example\","
                        + " \"token\": \"t\"}}",
                "secrets.token");
        bad(
                "{\"name\": \"\", \"type\": \"SLACK\", \"secrets\": {\"url\": \"https://a.example\"}}",
                "name");
        Api.asResponder()
                .get("/api/deliveries?status=LOST")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static void bad(String body, String field) {
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/channels")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }
}
