package org.caresignal.alert.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * GET /api/audit: every configuration change lands with the token's subject and username in the
 * same transaction; the log filters by user, action and time, pages newest first, answers CSV
 * safely, refuses bad parameters, and audits its own reads.
 */
@QuarkusTest
class AuditResourceTest {

    /** A fresh admin per test, so that filtering by user sees only this test's rows. */
    private static String admin() {
        return "audit-admin-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonPath log(String user, Map<String, ?> query) {
        return Api.asAdmin()
                .queryParam("user", user)
                .queryParams(query)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath();
    }

    @Test
    void everyConfigurationChangeIsAuditedUnderTheTokensIdentity() {
        var user = admin();
        var token = Tokens.of(user, "admin");
        var brand = ScoredMentions.uniqueBrand();

        String channel =
                Api.withToken(token)
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"name\": \"audit desk\", \"type\": \"WEBHOOK\", \"secrets\":"
                                        + " {\"url\": \"http://127.0.0.1:9/hook\", \"signingKey\":"
                                        + " \"whsec-audit-never-logged\"}}")
                        .post("/api/channels")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        Api.withToken(token)
                .contentType(ContentType.JSON)
                .body(
                        "{\"enabled\": false, \"secrets\": {\"signingKey\": \"whsec-rotated-secret\"}}")
                .put("/api/channels/" + channel)
                .then()
                .statusCode(200);
        String route =
                Api.withToken(token)
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"name\": \"audit route\", \"brandId\": \""
                                        + brand
                                        + "\", \"channelIds\": [\""
                                        + channel
                                        + "\"]}")
                        .post("/api/routes")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        Api.withToken(token)
                .contentType(ContentType.JSON)
                .body("{\"name\": \"audit route 2\", \"channelIds\": [\"" + channel + "\"]}")
                .put("/api/routes/" + route)
                .then()
                .statusCode(200);
        Api.withToken(token).delete("/api/routes/" + route).then().statusCode(204);
        var ruleId = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        Api.withToken(token)
                .contentType(ContentType.JSON)
                .body(
                        "{\"id\": \""
                                + ruleId
                                + "\", \"category\": \"audit\", \"match\": \"zzz-never-posted\","
                                + " \"enabled\": false}")
                .post("/api/rules/critical-posts")
                .then()
                .statusCode(201);
        Api.withToken(token)
                .contentType(ContentType.JSON)
                .body(
                        "{\"category\": \"audit\", \"match\": \"zzz-still-never\", \"enabled\": false}")
                .put("/api/rules/critical-posts/" + ruleId)
                .then()
                .statusCode(200);
        Api.withToken(token).delete("/api/rules/critical-posts/" + ruleId).then().statusCode(204);
        Api.withToken(token)
                .contentType(ContentType.JSON)
                .body("{\"sensitivity\": \"low\"}")
                .put("/api/rules/detectors/" + brand)
                .then()
                .statusCode(200);
        Api.withToken(token).delete("/api/rules/detectors/" + brand).then().statusCode(204);
        Api.withToken(token).delete("/api/channels/" + channel).then().statusCode(204);

        var rows = log(user, Map.of("size", 100));
        assertThat(rows.getList("items.action", String.class))
                .containsExactly(
                        "channel.delete",
                        "detector.delete",
                        "detector.update",
                        "critical-rule.delete",
                        "critical-rule.update",
                        "critical-rule.create",
                        "route.delete",
                        "route.update",
                        "route.create",
                        "channel.update",
                        "channel.create");
        assertThat(rows.getList("items.username", String.class)).containsOnly(user);
        assertThat(rows.getList("items.subject", String.class))
                .containsOnly(Tokens.subjectOf(user));
        assertThat(rows.getList("items.target", String.class))
                .containsExactly(
                        channel, brand, brand, ruleId, ruleId, ruleId, route, route, route, channel,
                        channel);
        assertThat(rows.getList("items.rowCount")).containsOnlyNulls();
        assertThat(rows.getInt("total")).isEqualTo(11);
        assertThat(rows.getString("items.find { it.action == 'channel.update' }.detail"))
                .isEqualTo("changed enabled, secrets.signingKey");
        assertThat(rows.prettify())
                .doesNotContain("whsec-audit-never-logged")
                .doesNotContain("whsec-rotated-secret")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void theLogFiltersByUserSubjectActionAndTimeAndPagesNewestFirst() {
        var user = admin();
        var before = Instant.now().minusSeconds(1);
        var brands =
                List.of(
                        ScoredMentions.uniqueBrand(),
                        ScoredMentions.uniqueBrand(),
                        ScoredMentions.uniqueBrand());
        for (var brand : brands) {
            Api.asUser(user, "admin")
                    .contentType(ContentType.JSON)
                    .body("{\"sensitivity\": \"high\"}")
                    .put("/api/rules/detectors/" + brand)
                    .then()
                    .statusCode(200);
        }
        var after = Instant.now().plusSeconds(1);

        var bySubject = log(Tokens.subjectOf(user), Map.of());
        assertThat(bySubject.getList("items.target", String.class))
                .containsExactly(brands.get(2), brands.get(1), brands.get(0));
        assertThat(bySubject.getInt("page")).isZero();
        assertThat(bySubject.getInt("size")).isEqualTo(50);
        assertThat(bySubject.getInt("total")).isEqualTo(3);

        var first = log(user, Map.of("action", "detector.update", "size", 2, "page", 0));
        var second = log(user, Map.of("action", "detector.update", "size", 2, "page", 1));
        assertThat(first.getList("items.target", String.class))
                .containsExactly(brands.get(2), brands.get(1));
        assertThat(second.getList("items.target", String.class)).containsExactly(brands.get(0));
        assertThat(first.getInt("total")).isEqualTo(3);
        assertThat(second.getInt("page")).isEqualTo(1);

        assertThat(log(user, Map.of("action", "channel.create")).getList("items")).isEmpty();
        assertThat(
                        log(user, Map.of("from", before.toString(), "to", after.toString()))
                                .getInt("total"))
                .isEqualTo(3);
        assertThat(log(user, Map.of("from", after.toString())).getList("items")).isEmpty();
        assertThat(log(user, Map.of("to", before.toString())).getList("items")).isEmpty();
    }

    @Test
    void readingTheLogIsItselfAudited() {
        var reader = admin();
        var filter = "someone-" + UUID.randomUUID();
        Api.asUser(reader, "admin")
                .queryParam("user", filter)
                .queryParam("action", "channel.delete")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));

        var reads = log(reader, Map.of("action", "audit.read"));
        assertThat(reads.getList("items")).hasSize(1);
        assertThat(reads.getString("items[0].target"))
                .contains("user=" + filter)
                .contains("action=channel.delete")
                .contains("page=0")
                .contains("size=50");
        assertThat(reads.getInt("items[0].rowCount")).isZero();
        assertThat(reads.getString("items[0].subject")).isEqualTo(Tokens.subjectOf(reader));
    }

    @Test
    void theCsvCarriesTheSameRowsQuotedAndSafeForSpreadsheets() {
        // A username a spreadsheet would run as a formula, and a channel name that needs quoting.
        var user = "=HYPERLINK(\"http://evil.example\",\"x\")";
        var channel =
                Api.asUser(user, "admin")
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"name\": \"Desk, \\\"north\\\"\", \"type\": \"WEBHOOK\","
                                        + " \"secrets\": {\"url\": \"http://127.0.0.1:9/h\","
                                        + " \"signingKey\": \"k-csv\"}}")
                        .post("/api/channels")
                        .then()
                        .statusCode(201)
                        .extract()
                        .<String>path("id");
        Channels.delete(channel);

        var csv =
                Api.asAdmin()
                        .accept("text/csv")
                        .queryParam("user", user)
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .contentType(containsString("text/csv"))
                        .extract()
                        .asString();
        var lines = csv.split("\r\n", -1);
        assertThat(lines[0])
                .isEqualTo("id,occurredAt,subject,username,action,target,rowCount,detail");
        assertThat(lines).hasSize(3); // header, one row, nothing after the final CRLF
        assertThat(lines[2]).isEmpty();
        assertThat(lines[1])
                .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",channel.create,")
                .contains("," + channel + ",,")
                .endsWith(",\"WEBHOOK channel \"\"Desk, \"\"north\"\"\"\"\"");
        var json = log(user, Map.of());
        assertThat(json.getList("items")).hasSize(1);
        assertThat(lines[1]).startsWith(json.getString("items[0].id") + ",");
    }

    @Test
    void badParametersAre400ProblemsNamingEachOne() {
        Api.asAdmin()
                .queryParam("from", "yesterday")
                .queryParam("to", "2026-13-01")
                .queryParam("page", "-1")
                .queryParam("size", "501")
                .get("/api/audit")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("from", "to", "page", "size"));
        Api.asAdmin()
                .queryParam("size", "many")
                .get("/api/audit")
                .then()
                .statusCode(400)
                .body("violations.field", hasItems("size"));
        Api.asAdmin()
                .queryParam("from", "2026-11-25T00:00:00Z")
                .queryParam("to", "2026-11-24T00:00:00Z")
                .get("/api/audit")
                .then()
                .statusCode(400)
                .body("detail", containsString("from must be before to"));
        Api.asAdmin()
                .queryParam("user", "x".repeat(256))
                .get("/api/audit")
                .then()
                .statusCode(400)
                .body("violations.field", hasItems("user"));
    }

    @Test
    void onlyAdminsReadTheLog() {
        Api.asResponder()
                .get("/api/audit")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        io.restassured.RestAssured.given()
                .get("/api/audit")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
