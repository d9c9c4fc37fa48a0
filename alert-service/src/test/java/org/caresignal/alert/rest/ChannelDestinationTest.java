package org.caresignal.alert.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Channels;
import org.junit.jupiter.api.Test;

/**
 * A channel's secret follows its destination: moving it to another host or changing its type
 * without sending the secret again is refused, so a stored credential cannot be redirected. URLs
 * that name internal addresses are refused at once.
 */
@QuarkusTest
class ChannelDestinationTest {

    private static final String ROUTING = "ROUTINGKEYSECRETROUTINGKEYSECRET";

    @Test
    void aPagerDutyEndpointOnAnotherHostNeedsItsRoutingKeyAgain() {
        var id =
                Channels.create(
                        Map.of(
                                "name", "pd",
                                "type", "PAGERDUTY",
                                "endpoint", "https://events.pagerduty.com/v2/enqueue",
                                "secrets", Map.of("routingKey", ROUTING)));
        try {
            refused(
                    id,
                    "{\"endpoint\": \"https://attacker.example/v2/enqueue\"}",
                    "secrets.routingKey");
            refused(
                    id,
                    "{\"endpoint\": \"https://events.pagerduty.com:8443/v2/enqueue\"}",
                    "secrets.routingKey");
            refused(
                    id,
                    "{\"endpoint\": \"http://events.pagerduty.com/v2/enqueue\"}",
                    "secrets.routingKey");
            // Same host: the key may stay.
            update(id, "{\"endpoint\": \"https://events.pagerduty.com/v2/enqueue?x=1\"}")
                    .body("endpoint", equalTo("https://events.pagerduty.com/v2/enqueue?x=1"));
            // Another host with the key sent again: fine.
            update(
                            id,
                            "{\"endpoint\": \"https://events.eu.pagerduty.com/v2/enqueue\","
                                    + " \"secrets\": {\"routingKey\": \""
                                    + ROUTING
                                    + "\"}}")
                    .body("endpoint", equalTo("https://events.eu.pagerduty.com/v2/enqueue"));
            refused(id, "{\"type\": \"WEBHOOK\"}", "type");
        } finally {
            Channels.delete(id);
        }
        // From PagerDuty's default endpoint (none stored) to another host, too.
        var defaulted =
                Channels.create(
                        Map.of(
                                "name",
                                "pd",
                                "type",
                                "PAGERDUTY",
                                "secrets",
                                Map.of("routingKey", ROUTING)));
        try {
            refused(
                    defaulted,
                    "{\"endpoint\": \"https://attacker.example/\"}",
                    "secrets.routingKey");
        } finally {
            Channels.delete(defaulted);
        }
    }

    @Test
    void aWebhookUrlOnAnotherHostNeedsItsSigningKeyAgain() {
        var id =
                Channels.create(
                        Map.of(
                                "name",
                                "hook",
                                "type",
                                "WEBHOOK",
                                "secrets",
                                Map.of(
                                        "url",
                                        "https://hooks.riverside.example/a",
                                        "signingKey",
                                        "k1")));
        try {
            refused(
                    id,
                    "{\"secrets\": {\"url\": \"https://attacker.example/a\"}}",
                    "secrets.signingKey");
            update(id, "{\"secrets\": {\"url\": \"https://hooks.riverside.example/b\"}}")
                    .body("secretsSet", hasItem("signingKey"));
            update(
                    id,
                    "{\"secrets\": {\"url\": \"https://other.riverside.example/a\", \"signingKey\": \"k2\"}}");
            refused(id, "{\"type\": \"SLACK\"}", "type");
        } finally {
            Channels.delete(id);
        }
    }

    @Test
    void urlsNamingInternalAddressesOrCarryingUserInfoAreRefused() {
        for (var url :
                new String[] {
                    "http://169.254.169.254/latest/meta-data/",
                    "http://10.0.0.5/hook",
                    "http://[::ffff:192.168.1.1]/hook",
                    "http://[fd00::1]/hook",
                    "http://127.0.0.2:8080/hook",
                    "https://user:password@hooks.slack.com/services/T/B/X",
                    "file:///etc/passwd",
                    "gopher://hooks.slack.com/"
                }) {
            Api.asAdmin()
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "s", "type", "SLACK", "secrets", Map.of("url", url)))
                    .post("/api/channels")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("secrets.url"));
        }
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "name", "pd",
                                "type", "PAGERDUTY",
                                "endpoint", "http://169.254.169.254/v2/enqueue",
                                "secrets", Map.of("routingKey", ROUTING)))
                .post("/api/channels")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("endpoint"));
    }

    private static io.restassured.response.ValidatableResponse update(String id, String body) {
        return Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/channels/" + id)
                .then()
                .statusCode(200);
    }

    private static void refused(String id, String body, String field) {
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/channels/" + id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }
}
