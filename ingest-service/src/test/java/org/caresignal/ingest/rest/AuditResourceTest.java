package org.caresignal.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.security.Roles;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Brands;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The audit log: every configuration change lands with the token's username and subject, in the
 * change's transaction (a refused change leaves no row); admins read it filtered, paged, as JSON or
 * CSV, and each read is itself audited; the table refuses UPDATE, DELETE and TRUNCATE through the
 * application's own connection.
 */
@QuarkusTest
class AuditResourceTest {

    @Inject AgroalDataSource dataSource;

    @Test
    void brandSourceAndIntegrationChangesLandUnderTheTokensUsernameAndSubject() {
        var user = Tokens.uniqueUser("audit-admin");
        var token = Tokens.of(user, Roles.ADMIN);
        var brand = Brands.uniqueId();
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(Brands.mercy(brand))
                .post("/api/brands")
                .then()
                .statusCode(201);
        var renamed = Brands.mercy(brand);
        renamed.put("name", "Mercy Health System");
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(renamed)
                .put("/api/brands/" + brand)
                .then()
                .statusCode(200);
        var source = SourceFixtures.unique("audit-");
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "id", source,
                                "kind", "rss",
                                "brandId", brand,
                                "url", "https://news.example/feed",
                                "credential", "s3cret-never-audited"))
                .post("/api/sources")
                .then()
                .statusCode(201);
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "kind",
                                "rss",
                                "brandId",
                                brand,
                                "url",
                                "https://news.example/other-feed",
                                "enabled",
                                false))
                .put("/api/sources/" + source)
                .then()
                .statusCode(200);
        Api.as(token).delete("/api/sources/" + source).then().statusCode(204);
        Api.as(token).delete("/api/brands/" + brand).then().statusCode(204);
        var created =
                Api.as(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", Integrations.uniqueName()))
                        .post("/api/integrations")
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath();
        var integration = created.getString("id");
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("brandIds", List.of(brand)))
                .put("/api/integrations/" + integration + "/brands")
                .then()
                .statusCode(200);
        Api.as(token).delete("/api/integrations/" + integration).then().statusCode(204);

        var rows = audit(Map.of("user", user));
        assertThat(rows.getList("items.action", String.class))
                .containsExactly(
                        "integration.revoke",
                        "integration.grant",
                        "integration.create",
                        "brand.delete",
                        "source.delete",
                        "source.update",
                        "source.create",
                        "brand.update",
                        "brand.create");
        assertThat(rows.getList("items.username", String.class)).containsOnly(user);
        assertThat(rows.getList("items.subject", String.class)).containsOnly(Tokens.subject(user));
        assertThat(rows.getList("items.target", String.class))
                .containsExactly(
                        integration,
                        integration,
                        integration,
                        brand,
                        source,
                        source,
                        source,
                        brand,
                        brand);
        assertThat(rows.getList("items.rowCount", Integer.class)).containsOnlyNulls();
        assertThat(rows.getString("items.find { it.action == 'brand.update' }.detail"))
                .isEqualTo("changed: name");
        assertThat(rows.getString("items.find { it.action == 'source.create' }.detail"))
                .contains("credential=set");
        assertThat(rows.getString("items.find { it.action == 'source.update' }.detail"))
                .contains("url", "enabled");
        assertThat(rows.getString("items.find { it.action == 'integration.grant' }.detail"))
                .isEqualTo("brands=" + brand);
        assertThat(rows.prettify()).doesNotContain("s3cret-never-audited");
        assertThat(rows.getLong("total")).isEqualTo(9);

        // `user` also matches the subject.
        assertThat(audit(Map.of("user", Tokens.subject(user))).getLong("total")).isEqualTo(9);
    }

    @Test
    void aPollRequestIsAuditedAndARefusedChangeLeavesNoRow() {
        var user = Tokens.uniqueUser("audit-poller");
        var token = Tokens.of(user, Roles.ADMIN);
        var brand = SourceFixtures.unique("b-");
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(Brands.mercy(brand))
                .post("/api/brands")
                .then()
                .statusCode(201);
        // Taken: refused with 409, and the refused change is not in the log.
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(Brands.mercy(brand))
                .post("/api/brands")
                .then()
                .statusCode(409);
        Api.as(token)
                .post("/api/sources/" + SourceFixtures.unique("none-") + "/poll")
                .then()
                .statusCode(404);
        var source = SourceFixtures.unique("poll-");
        SourceFixtures.connector(source, "rss", brand, "http://127.0.0.1:9/feed", null, null);
        Api.as(token).post("/api/sources/" + source + "/poll").then().statusCode(200);

        var rows = audit(Map.of("user", user));
        assertThat(rows.getList("items.action", String.class))
                .containsExactly("source.poll", "brand.create");
        assertThat(rows.getString("items[0].target")).isEqualTo(source);
    }

    @Test
    void filtersPagingAndNewestFirst() {
        var user = Tokens.uniqueUser("audit-pager");
        var token = Tokens.of(user, Roles.ADMIN);
        var before = Instant.now().minusSeconds(1);
        var brands = new java.util.ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            var brand = Brands.uniqueId();
            brands.add(0, brand);
            Api.as(token)
                    .contentType(ContentType.JSON)
                    .body(Brands.mercy(brand))
                    .post("/api/brands")
                    .then()
                    .statusCode(201);
        }
        Api.as(token).delete("/api/brands/" + brands.get(0)).then().statusCode(204);

        var first = audit(Map.of("user", user, "action", "brand.create", "size", "2"));
        assertThat(first.getInt("page")).isZero();
        assertThat(first.getInt("size")).isEqualTo(2);
        assertThat(first.getLong("total")).isEqualTo(5);
        assertThat(first.getList("items.target", String.class))
                .containsExactly(brands.get(0), brands.get(1));
        var third = audit(Map.of("user", user, "action", "brand.create", "size", "2", "page", "2"));
        assertThat(third.getList("items.target", String.class)).containsExactly(brands.get(4));
        assertThat(audit(Map.of("user", user, "action", "brand.delete")).getLong("total"))
                .isEqualTo(1);

        var window =
                Map.of(
                        "user",
                        user,
                        "from",
                        before.toString(),
                        "to",
                        Instant.now().plusSeconds(60).toString());
        assertThat(audit(window).getLong("total")).isEqualTo(6);
        assertThat(
                        audit(Map.of("user", user, "to", before.toString()))
                                .getList("items", Object.class))
                .isEmpty();
        assertThat(
                        audit(Map.of("user", user, "from", "2999-01-01T00:00:00+02:00"))
                                .getLong("total"))
                .isZero();
    }

    @Test
    void csvHasAHeaderQuotesFieldsAndNeutralisesFormulas() {
        var user = "=HYPERLINK(\"https://evil.example\")-" + Tokens.uniqueUser("x");
        var token = Tokens.of(user, Roles.ADMIN);
        var brand = Brands.uniqueId();
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(Brands.mercy(brand))
                .post("/api/brands")
                .then()
                .statusCode(201);
        var changed = Brands.mercy(brand);
        changed.put("name", "Other");
        changed.put("watchQuery", "Other");
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(changed)
                .put("/api/brands/" + brand)
                .then()
                .statusCode(200);

        var csv =
                Api.asAdmin()
                        .accept("text/csv")
                        .queryParam("user", user)
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/csv"))
                        .extract()
                        .asString();
        var lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo(AuditCsv.HEADER);
        var quotedUser = "\"'" + user.replace("\"", "\"\"") + "\"";
        assertThat(lines[1])
                .contains("," + quotedUser + ",brand.update," + brand + ",,")
                .endsWith(",\"changed: name, watchQuery\"");
        assertThat(lines[2]).contains(",brand.create," + brand + ",,");
        assertThat(AuditCsv.cell("+1")).isEqualTo("'+1");
        assertThat(AuditCsv.cell("-1")).isEqualTo("'-1");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsv.cell("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(AuditCsv.cell("plain")).isEqualTo("plain");
    }

    @Test
    void readingTheLogIsAuditedWithTheFilterAndTheRowCount() {
        var reader = Tokens.uniqueUser("audit-reader");
        var token = Tokens.of(reader, Roles.ADMIN);
        for (int i = 0; i < 4; i++) {
            Api.as(token)
                    .contentType(ContentType.JSON)
                    .body(Brands.mercy(Brands.uniqueId()))
                    .post("/api/brands")
                    .then()
                    .statusCode(201);
        }
        Api.as(token)
                .queryParam("user", reader)
                .queryParam("action", "brand.create")
                .queryParam("size", "3")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("items", hasSize(3))
                .body("total", equalTo(4));
        var rows = audit(Map.of("user", reader, "action", "audit.read"));
        assertThat(rows.getLong("total")).isEqualTo(1);
        assertThat(rows.getString("items[0].target"))
                .isEqualTo("user=" + reader + "&action=brand.create&size=3");
        assertThat(rows.getInt("items[0].rowCount")).isEqualTo(3);
        assertThat(rows.getString("items[0].subject")).isEqualTo(Tokens.subject(reader));
    }

    @Test
    void badParametersAre400ProblemsWithViolations() {
        for (var bad :
                List.of(
                        Map.of("from", "yesterday"),
                        Map.of("to", "2026-13-01T00:00:00Z"),
                        Map.of("size", "0"),
                        Map.of("size", "501"),
                        Map.of("size", "ten"),
                        Map.of("page", "-1"),
                        Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"))) {
            var field =
                    bad.containsKey("from") && bad.containsKey("to")
                            ? "to"
                            : bad.keySet().iterator().next();
            Api.asAdmin()
                    .queryParams(bad)
                    .get("/api/audit")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem(field));
        }
        Api.asAdmin()
                .queryParam("size", "500")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("size", equalTo(500));
    }

    @Test
    void onlyAnAdminReadsTheLog() {
        Api.anonymous()
                .get("/api/audit")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        for (var token : List.of(Tokens.viewer(), Tokens.analyst(), Tokens.responder())) {
            Api.as(token)
                    .get("/api/audit")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("title", containsString("Forbidden"));
        }
    }

    @Test
    void theTableRefusesUpdateDeleteAndTruncateThroughTheApplicationsConnection()
            throws SQLException {
        var user = Tokens.uniqueUser("audit-proof");
        Api.as(Tokens.of(user, Roles.ADMIN))
                .contentType(ContentType.JSON)
                .body(Brands.mercy(Brands.uniqueId()))
                .post("/api/brands")
                .then()
                .statusCode(201);
        long id = audit(Map.of("user", user)).getLong("items[0].id");
        for (var sql :
                List.of(
                        "update audit_event set username = 'someone-else' where id = " + id,
                        "delete from audit_event where id = " + id,
                        "truncate audit_event")) {
            try (var connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (var statement = connection.createStatement()) {
                    assertThatThrownBy(() -> statement.executeUpdate(sql))
                            .as(sql)
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("append-only");
                } finally {
                    connection.rollback();
                }
            }
        }
        var rows = audit(Map.of("user", user));
        assertThat(rows.getLong("items[0].id")).isEqualTo(id);
        assertThat(rows.getString("items[0].username")).isEqualTo(user);
    }

    private static JsonPath audit(Map<String, String> query) {
        return Api.asAdmin()
                .queryParams(query)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath();
    }
}
