package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.FailingResource;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MentionResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject ScoredMentionRepository repository;

    @Test
    void storedMentionIsReturnedAsItsDto() {
        var mentionId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> repository.persist(Mentions.scored(mentionId)));

        given().auth()
                .oauth2(Tokens.responder())
                .when()
                .get("/api/mentions/{id}", mentionId)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("mentionId", equalTo(mentionId.toString()))
                .body("brandId", equalTo("riverside-health"))
                .body("facilityId", equalTo("riverside-north"))
                .body("source", equalTo("webhook"))
                .body("externalId", equalTo("post-48213"))
                .body("url", equalTo("https://social.example/@someone/48213"))
                .body("text", containsString("Riverside North ER"))
                .body("publishedAt", equalTo("2026-11-24T14:03:00Z"))
                .body("label", equalTo("NEGATIVE"))
                .body("score", equalTo(-0.5f))
                .body("modelVersion", equalTo("corenlp-4.5.10-stock"))
                .body("scoredAt", equalTo("2026-11-24T14:05:13.020Z"))
                .body(
                        "language",
                        equalTo(Mentions.golden("MentionIngested").get("language").asText()));
    }

    @Test
    void unknownMentionIsANotFoundProblem() {
        var mentionId = UUID.randomUUID();

        given().auth()
                .oauth2(Tokens.responder())
                .when()
                .get("/api/mentions/{id}", mentionId)
                .then()
                .statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Not Found"))
                .body("status", equalTo(404))
                .body("detail", containsString(mentionId.toString()))
                .body("instance", equalTo("/api/mentions/" + mentionId))
                .body("violations", nullValue());
    }

    @Test
    void idThatIsNotAUuidIsABadRequestProblemNamingTheParameter() {
        given().auth()
                .oauth2(Tokens.responder())
                .when()
                .get("/api/mentions/{id}", "not-a-uuid")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/mentions/not-a-uuid"))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("mentionId"))
                .body("violations[0].message", equalTo("must be a UUID"));
    }

    @Test
    void unsupportedMethodIsAMethodNotAllowedProblem() {
        given().auth()
                .oauth2(Tokens.responder())
                .when()
                .delete("/api/mentions/{id}", UUID.randomUUID())
                .then()
                .statusCode(405)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(405))
                .body("title", equalTo("Method Not Allowed"));
    }

    @Test
    void unexpectedFailureIsAnInternalErrorProblemThatLeaksNothing() {
        given().when()
                .get("/test-support/failure")
                .then()
                .statusCode(500)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(500))
                .body("title", equalTo("Internal Server Error"))
                .body("detail", containsString("reference"))
                .body(not(containsString(FailingResource.SECRET)))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at org.")));
    }
}
