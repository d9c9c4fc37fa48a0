package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String FROM = "2026-06-01T00:00:00Z";
    private static final String TO = "2026-06-02T00:00:00Z";

    @Inject ScoredMentionRepository repository;

    private ScoredMention store(String brand, String text) {
        var row =
                Mentions.scored(
                        brand,
                        Instant.parse("2026-06-01T10:00:00Z"),
                        SentimentLabel.NEGATIVE,
                        -0.5,
                        "mastodon",
                        text);
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        return row;
    }

    private static io.restassured.response.ValidatableResponse auditOf(String user) {
        return given().auth()
                .oauth2(Tokens.admin())
                .queryParam("user", user)
                .when()
                .get("/api/audit")
                .then()
                .statusCode(200)
                .contentType("application/json");
    }

    @Test
    void readsOfPostTextAreAuditedUnderTheTokensUsernameAndSubject() {
        var brand = Mentions.freshBrand();
        var mention = store(brand, "The ER wait was endless");
        var user = Tokens.freshUser("analyst");
        var token = Tokens.of(user, Roles.ANALYST);
        var unknown = UUID.randomUUID();

        given().auth()
                .oauth2(token)
                .when()
                .get("/api/mentions/{id}", mention.mentionId)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/mentions/{id}", unknown)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token)
                .queryParam("brand", brand)
                .queryParam("from", FROM)
                .queryParam("to", TO)
                .queryParam("q", "ER wait&more")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .header("Accept", "text/csv")
                .queryParam("brand", brand)
                .queryParam("from", FROM)
                .queryParam("to", TO)
                .queryParam("label", "negative")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"));
        given().auth()
                .oauth2(token)
                .queryParam("from", "2026-06-01T10:00:00Z")
                .queryParam("to", "2026-06-01T12:00:00Z")
                .when()
                .get("/api/brands/{brand}/sentiment", brand)
                .then()
                .statusCode(200);

        var subject = Tokens.subjectOf(user);
        auditOf(user)
                .body("total", equalTo(5))
                .body("page", equalTo(0))
                .body("size", equalTo(50))
                .body("items.username", everyItem(equalTo(user)))
                .body("items.subject", everyItem(equalTo(subject)))
                .body(
                        "items.action",
                        contains(
                                "history.read",
                                "mention.export",
                                "mention.search",
                                "mention.read",
                                "mention.read"))
                .body(
                        "items[0].target",
                        equalTo(
                                "brand="
                                        + brand
                                        + "&from=2026-06-01T10:00:00Z&to=2026-06-01T12:00:00Z"
                                        + "&bucket=hour&tz=UTC"))
                .body("items[0].rowCount", equalTo(2))
                .body(
                        "items[1].target",
                        equalTo(
                                "brand="
                                        + brand
                                        + "&from="
                                        + FROM
                                        + "&to="
                                        + TO
                                        + "&label=negative&page=0&size=50"))
                .body("items[1].rowCount", equalTo(1))
                .body("items[1].detail", equalTo("ids=" + mention.mentionId))
                .body(
                        "items[2].target",
                        equalTo(
                                "brand="
                                        + brand
                                        + "&from="
                                        + FROM
                                        + "&to="
                                        + TO
                                        + "&q=ER%20wait%26more&page=0&size=50"))
                .body("items[2].rowCount", equalTo(0))
                .body("items[2].detail", nullValue())
                .body("items[3].target", equalTo(unknown.toString()))
                .body("items[3].rowCount", equalTo(0))
                .body("items[3].detail", equalTo("not found"))
                .body("items[4].target", equalTo(mention.mentionId.toString()))
                .body("items[4].rowCount", equalTo(1))
                .body("items[4].detail", nullValue());

        // The user filter also matches the subject.
        auditOf(subject).body("total", equalTo(5));
    }

    @Test
    void aResponderReadsOneMentionSearchesAndTheHistoryEachAudited() {
        // Since the console (issue 12) a responder searches too (the explorer behind an incident),
        // and every role reads the history (counts only); each read is still audited.
        var brand = Mentions.freshBrand();
        var mention = store(brand, "Thank you to the night nurses");
        var user = Tokens.freshUser("responder");
        var token = Tokens.of(user, Roles.RESPONDER);

        given().auth()
                .oauth2(token)
                .when()
                .get("/api/mentions/{id}", mention.mentionId)
                .then()
                .statusCode(200)
                .body("text", equalTo("Thank you to the night nurses"));
        given().auth()
                .oauth2(token)
                .queryParam("brand", brand)
                .queryParam("from", "2026-01-01T00:00:00Z")
                .queryParam("to", "2027-01-01T00:00:00Z")
                .when()
                .get("/api/mentions")
                .then()
                .statusCode(200)
                .body("items[0].text", equalTo("Thank you to the night nurses"));
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/brands/{brand}/sentiment", brand)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"label\":\"POSITIVE\"}")
                .when()
                .post("/api/mentions/{id}/correction", mention.mentionId)
                .then()
                .statusCode(403)
                .contentType(PROBLEM_JSON);

        auditOf(user)
                .body("total", equalTo(3))
                .body(
                        "items.action",
                        org.hamcrest.Matchers.containsInAnyOrder(
                                "mention.read", "mention.search", "history.read"));
    }

    @Test
    void anAdminReadsTheLogButNoPostText() {
        var mention = store(Mentions.freshBrand(), "A post admins may not read");
        given().auth()
                .oauth2(Tokens.admin())
                .when()
                .get("/api/mentions/{id}", mention.mentionId)
                .then()
                .statusCode(403);
        for (var role : new String[] {Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER}) {
            given().auth()
                    .oauth2(Tokens.forRole(role))
                    .when()
                    .get("/api/audit")
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM_JSON);
        }
    }

    @Test
    void filtersAndPagesNewestFirst() {
        var user = Tokens.freshUser("pager");
        var token = Tokens.of(user, Roles.RESPONDER);
        var first = UUID.randomUUID();
        var second = UUID.randomUUID();
        var third = UUID.randomUUID();
        var before = Instant.now();
        for (var id : new UUID[] {first, second, third}) {
            given().auth()
                    .oauth2(token)
                    .when()
                    .get("/api/mentions/{id}", id)
                    .then()
                    .statusCode(404);
        }
        var after = Instant.now().plusMillis(1);

        auditOf(user).body("total", equalTo(3));
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("user", user)
                .queryParam("size", "2")
                .when()
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("size", equalTo(2))
                .body("items.target", contains(third.toString(), second.toString()));
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("user", user)
                .queryParam("size", "2")
                .queryParam("page", "1")
                .when()
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("page", equalTo(1))
                .body("items.target", contains(first.toString()));
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("user", user)
                .queryParam("action", "mention.search")
                .when()
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(0))
                .body("items", hasSize(0));
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("user", user)
                .queryParam("action", "mention.read")
                .queryParam("from", before.toString())
                .queryParam("to", after.toString())
                .when()
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(3));
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("user", user)
                .queryParam("from", after.toString())
                .when()
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("user", user)
                .queryParam("to", before.toString())
                .when()
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void csvQuotesCellsAndNeutralizesFormulas() {
        var user = "=HYPERLINK(\"x\",1)-" + UUID.randomUUID().toString().substring(0, 8);
        var id = UUID.randomUUID();
        given().auth()
                .oauth2(Tokens.of(user, Roles.RESPONDER))
                .when()
                .get("/api/mentions/{id}", id)
                .then()
                .statusCode(404);

        var lines =
                given().auth()
                        .oauth2(Tokens.admin())
                        .header("Accept", "text/csv")
                        .queryParam("user", user)
                        .when()
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/csv"))
                        .header("X-Total-Count", "1")
                        .extract()
                        .asString()
                        .split("\r\n");

        assertThat(lines).hasSize(2);
        assertThat(lines[0])
                .isEqualTo("id,occurred_at,subject,username,action,target,row_count,detail");
        assertThat(lines[1])
                .contains(",\"'" + user.replace("\"", "\"\"") + "\",")
                .contains(",mention.read," + id + ",0,not found")
                .contains("," + Tokens.subjectOf(user) + ",");
    }

    @Test
    void readingTheAuditLogIsItselfAudited() {
        var admin = Tokens.freshUser("auditor");
        var returned =
                given().auth()
                        .oauth2(Tokens.of(admin, Roles.ADMIN))
                        .queryParam("action", "mention.read")
                        .queryParam("size", "3")
                        .when()
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("items.size()");

        auditOf(admin)
                .body("total", equalTo(1))
                .body("items[0].action", equalTo("audit.read"))
                .body("items[0].subject", equalTo(Tokens.subjectOf(admin)))
                .body("items[0].target", equalTo("action=mention.read&page=0&size=3"))
                .body("items[0].rowCount", equalTo(returned));
    }

    @Test
    void aReadWhoseAuditRowCannotBeWrittenFailsWithoutItsBody() {
        var mention = store(Mentions.freshBrand(), "Text that must not leave unaudited");
        // A username longer than the audit column: the audit insert fails, so must the read.
        var user = "u".repeat(300);

        given().auth()
                .oauth2(Tokens.of(user, Roles.ANALYST))
                .when()
                .get("/api/mentions/{id}", mention.mentionId)
                .then()
                .statusCode(500)
                .contentType(PROBLEM_JSON)
                .body(not(org.hamcrest.Matchers.containsString("must not leave")));
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        expectProblem("size", "501", "size");
        expectProblem("size", "0", "size");
        expectProblem("page", "-1", "page");
        expectProblem("from", "yesterday", "from");
        expectProblem("to", "2026-13-01T00:00:00Z", "to");
        expectProblem("action", "DROP TABLE", "action");
        expectProblem("format", "xml", "format");
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("from", "2026-06-02T00:00:00Z")
                .queryParam("to", "2026-06-01T00:00:00Z")
                .when()
                .get("/api/audit")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("from"));
    }

    private static void expectProblem(String name, String value, String field) {
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam(name, value)
                .when()
                .get("/api/audit")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(field));
    }
}
