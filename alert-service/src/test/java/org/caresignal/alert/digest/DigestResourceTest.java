package org.caresignal.alert.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.UUID;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The digest admin API: create, replace, read and delete a brand's daily and weekly digest as an
 * admin, each change audited under the token's identity without the addresses; every invalid field
 * reported in one problem+json; other roles refused.
 */
@QuarkusTest
class DigestResourceTest {

    // The test profile's From address is caresignal-alerts@localhost.localdomain: its domain is
    // the only one recipients may be in (ALERT_SMTP_ALLOWED_DOMAINS unset).
    private static final String COMMS = "comms@localhost.localdomain";
    private static final String LEAD = "lead@mail.localhost.localdomain";

    @Test
    void anAdminCreatesReplacesReadsAndDeletesADigestAndEveryChangeIsAudited() {
        var brand = ScoredMentions.uniqueBrand();
        var user = "digest-admin-" + UUID.randomUUID().toString().substring(0, 8);
        var token = Tokens.of(user, "admin");

        Api.withToken(token)
                .contentType(ContentType.JSON)
                .body(
                        "{\"recipients\": [\" "
                                + COMMS
                                + " \", \""
                                + LEAD
                                + "\", \""
                                + COMMS
                                + "\"], \"sendAt\": \"08:00\", \"dayOfWeek\": \"mon\","
                                + " \"internal\": true}")
                .put("/api/brands/" + brand + "/digests/weekly")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/brands/" + brand + "/digests/WEEKLY"))
                .body("brandId", equalTo(brand))
                .body("cadence", equalTo("WEEKLY"))
                .body("dayOfWeek", equalTo("MONDAY"))
                .body("sendAt", equalTo("08:00"))
                .body("recipients", equalTo(java.util.List.of(COMMS, LEAD)))
                .body("internal", equalTo(true))
                .body("enabled", equalTo(true))
                .body("lastSentPeriod", nullValue());

        Api.withToken(token)
                .contentType(ContentType.JSON)
                .body("{\"recipients\": [\"" + COMMS + "\"], \"sendAt\": \"17:30\"}")
                .put("/api/brands/" + brand + "/digests/DAILY")
                .then()
                .statusCode(201)
                .body("internal", equalTo(false))
                .body("dayOfWeek", nullValue());
        Api.withToken(token)
                .contentType(ContentType.JSON)
                .body(
                        "{\"recipients\": [\""
                                + LEAD
                                + "\"], \"sendAt\": \"07:15\", \"enabled\": false}")
                .put("/api/brands/" + brand + "/digests/DAILY")
                .then()
                .statusCode(200)
                .body("sendAt", equalTo("07:15"))
                .body("recipients", equalTo(java.util.List.of(LEAD)))
                .body("enabled", equalTo(false));

        var list =
                Api.asAdmin()
                        .get("/api/brands/" + brand + "/digests")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(list.getList("cadence", String.class)).containsExactly("DAILY", "WEEKLY");
        Api.asAdmin()
                .get("/api/brands/" + brand + "/digests/daily")
                .then()
                .statusCode(200)
                .body("sendAt", equalTo("07:15"));

        Api.withToken(token)
                .delete("/api/brands/" + brand + "/digests/DAILY")
                .then()
                .statusCode(204);
        Api.withToken(token)
                .delete("/api/brands/" + brand + "/digests/DAILY")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        Api.asAdmin()
                .get("/api/brands/" + brand + "/digests/DAILY")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));

        var audit =
                Api.asAdmin()
                        .queryParam("user", user)
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(audit.getList("items.action", String.class))
                .containsExactly(
                        "digest.delete", "digest.update", "digest.create", "digest.create");
        assertThat(audit.getList("items.target", String.class))
                .containsExactly(
                        brand + "/DAILY", brand + "/DAILY", brand + "/DAILY", brand + "/WEEKLY");
        assertThat(audit.getList("items.subject", String.class))
                .containsOnly(Tokens.subjectOf(user));
        assertThat(audit.getString("items[3].detail"))
                .isEqualTo("WEEKLY on MONDAY at 08:00 to 2 recipient(s), internal (with excerpts)");
        assertThat(audit.getString("items[1].detail")).endsWith(", disabled");
        // The addresses are personal data: the audit log keeps their number only.
        assertThat(audit.prettify()).doesNotContain("comms@").doesNotContain("lead@");
        Api.asAdmin().delete("/api/brands/" + brand + "/digests/WEEKLY").then().statusCode(204);
    }

    @Test
    void everyInvalidFieldIsReportedInOneProblem() {
        var brand = ScoredMentions.uniqueBrand();
        var answer =
                Api.asAdmin()
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"recipients\": [\"not an address\", \"x@elsewhere.example\","
                                        + " \""
                                        + COMMS
                                        + "\\r\\nBcc: y@localhost.localdomain\"], \"sendAt\":"
                                        + " \"8am\"}")
                        .put("/api/brands/" + brand + "/digests/WEEKLY")
                        .then()
                        .statusCode(400)
                        .contentType(startsWith("application/problem+json"))
                        .extract()
                        .jsonPath();
        assertThat(answer.getList("violations.field", String.class))
                .containsExactly(
                        "recipients[0]", "recipients[1]", "recipients[2]", "sendAt", "dayOfWeek");
        assertThat(answer.getString("violations[1].message"))
                .isEqualTo("must be an address in localhost.localdomain");

        var tooMany = new ArrayList<String>();
        for (int i = 0; i < 51; i++) {
            tooMany.add("\"p" + i + "@localhost.localdomain\"");
        }
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"recipients\": ["
                                + String.join(",", tooMany)
                                + "], \"sendAt\": \"08:00\", \"dayOfWeek\": \"FRIDAY\"}")
                .put("/api/brands/" + brand + "/digests/DAILY")
                .then()
                .statusCode(400)
                .body("violations.field", equalTo(java.util.List.of("recipients", "dayOfWeek")));
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"recipients\": [], \"sendAt\": \"08:00:30\"}")
                .put("/api/brands/" + brand + "/digests/DAILY")
                .then()
                .statusCode(400)
                .body("violations.field", equalTo(java.util.List.of("recipients", "sendAt")));
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"recipients\": [\"" + COMMS + "\"], \"sendAt\": \"08:00\"}")
                .put("/api/brands/" + brand + "/digests/MONTHLY")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("cadence"));
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"recipients\": [\"" + COMMS + "\"], \"sendAt\": \"08:00\"}")
                .put("/api/brands/Not_A_Slug/digests/DAILY")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("brandId"));
        Api.asAdmin()
                .get("/api/brands/" + brand + "/digests")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void onlyAdminsMayReadOrChangeDigests() {
        var brand = ScoredMentions.uniqueBrand();
        for (var role : new String[] {"viewer", "analyst", "responder"}) {
            Api.asUser("digest-" + role, role)
                    .get("/api/brands/" + brand + "/digests")
                    .then()
                    .statusCode(403)
                    .contentType(startsWith("application/problem+json"));
            Api.asUser("digest-" + role, role)
                    .contentType(ContentType.JSON)
                    .body("{\"recipients\": [\"" + COMMS + "\"], \"sendAt\": \"08:00\"}")
                    .put("/api/brands/" + brand + "/digests/DAILY")
                    .then()
                    .statusCode(403);
        }
        Api.asAdmin()
                .get("/api/brands/" + brand + "/digests")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }
}
