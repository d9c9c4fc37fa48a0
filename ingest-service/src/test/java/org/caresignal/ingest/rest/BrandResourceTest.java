package org.caresignal.ingest.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Brands;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BrandResourceTest {

    @Test
    void aBrandIsCreatedReadReplacedAndDeleted() {
        var id = Brands.uniqueId();
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Brands.mercy(id))
                .post("/api/brands")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/brands/" + id))
                .body("watchQuery", equalTo(Brands.MERCY_QUERY))
                .body("facilities.id", contains("mercy-general", "mercy-north"))
                .body("facilities[0].aliases", contains("#MercyGeneral", "MGH Springfield"))
                .body("facilities[0].timeZone", equalTo("America/Chicago"))
                .body("facilities[0].location.city", equalTo("Springfield"));

        Api.asViewer()
                .get("/api/brands/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Mercy Health"));
        Api.asViewer().get("/api/brands").then().statusCode(200).body("id", hasItem(id));

        var changed = Brands.mercy(id);
        changed.put("name", "Mercy Health System");
        changed.put("facilities", List.of());
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(changed)
                .put("/api/brands/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Mercy Health System"))
                .body("facilities.size()", equalTo(0));

        Api.asAdmin().delete("/api/brands/" + id).then().statusCode(204);
        Api.asViewer()
                .get("/api/brands/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.asAdmin().delete("/api/brands/" + id).then().statusCode(404);
    }

    @Test
    void aWatchQuerySyntaxErrorIsA400NamingThePosition() {
        var body = Brands.mercy(Brands.uniqueId());
        body.put("watchQuery", "(\"Mercy General\" OR #MercyGeneral AND NOT");
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/brands")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("position", equalTo(42))
                .body("violations.field", contains("watchQuery"))
                .body("detail", containsString("at position 42"))
                .body("detail", containsString("found the end of the query"));
        Api.asViewer().get("/api/brands/" + body.get("id")).then().statusCode(404);
    }

    @Test
    void facilityRulesAreChecked() {
        var body = Brands.mercy(Brands.uniqueId());
        @SuppressWarnings("unchecked")
        var facilities = (List<Map<String, Object>>) body.get("facilities");
        facilities.get(1).put("timeZone", "Mars/Olympus");
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/brands")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("facilities[1].timeZone"));

        facilities.get(1).put("timeZone", "America/Chicago");
        facilities.get(1).put("id", "mercy-general");
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/brands")
                .then()
                .statusCode(400)
                .body("violations.field", contains("facilities[1].id"));
    }

    @Test
    void aBrandsTimeZoneIsItsOwnElseItsFirstFacilitysElseUtc() {
        var own = Brands.mercy(Brands.uniqueId());
        own.put("timeZone", "America/New_York");
        create(own).body("timeZone", equalTo("America/New_York"));
        Api.asViewer()
                .get("/api/brands/" + own.get("id"))
                .then()
                .statusCode(200)
                .body("timeZone", equalTo("America/New_York"))
                .body("facilities[0].timeZone", equalTo("America/Chicago"));

        var following = Brands.mercy(Brands.uniqueId());
        @SuppressWarnings("unchecked")
        var facilities = (List<Map<String, Object>>) following.get("facilities");
        facilities.get(0).remove("timeZone");
        facilities.get(1).put("timeZone", "America/Denver");
        create(following).body("timeZone", equalTo("America/Denver"));

        var none = Brands.mercy(Brands.uniqueId());
        none.put("facilities", List.of());
        create(none).body("timeZone", equalTo("UTC"));

        // A PUT without the field goes back to following the facilities.
        var replaced = Brands.mercy((String) own.get("id"));
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(replaced)
                .put("/api/brands/" + own.get("id"))
                .then()
                .statusCode(200)
                .body("timeZone", equalTo("America/Chicago"));
    }

    @Test
    void aBrandTimeZoneThatIsNotAnIanaZoneIsA400() {
        for (var zone : List.of("Mars/Olympus", "+02:00", "CST6", "")) {
            var body = Brands.mercy(Brands.uniqueId());
            body.put("timeZone", zone);
            Api.asAdmin()
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/brands")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", contains("timeZone"));
            Api.asViewer().get("/api/brands/" + body.get("id")).then().statusCode(404);
        }
    }

    private static io.restassured.response.ValidatableResponse create(Map<String, Object> body) {
        return Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/brands")
                .then()
                .statusCode(201);
    }

    @Test
    void fieldValidationNamesTheFields() {
        var body = Brands.mercy("Not A Slug");
        body.remove("name");
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/brands")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("id", "name"));
    }

    @Test
    void aTakenIdIsAConflictAndAMismatchedPathIdIsRefused() {
        var id = Brands.uniqueId();
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Brands.mercy(id))
                .post("/api/brands")
                .then()
                .statusCode(201);
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Brands.mercy(id))
                .post("/api/brands")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Brands.mercy(Brands.uniqueId()))
                .put("/api/brands/" + id)
                .then()
                .statusCode(400)
                .body("violations.field", contains("id"));
    }

    @Test
    void theCheckEndpointRunsTheDocumentedExamples() {
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "query",
                                Brands.MERCY_QUERY,
                                "texts",
                                List.of(
                                        "Six hours in the ER at Mercy\nGeneral",
                                        "thank you @MercyHealth@mastodon.social",
                                        "#mercygeneral nurses rock",
                                        "Mercy me, Mercy General again",
                                        "https://news.example/mercy-general")))
                .post("/api/watch-queries/check")
                .then()
                .statusCode(200)
                .body(
                        "parsed",
                        equalTo(
                                "(((\"Mercy General\" OR #MercyGeneral) OR @MercyHealth) AND NOT \"Mercy Me\")"))
                .body("results.matches", contains(true, true, true, false, false));

        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("query", "Mercy OR OR General", "texts", List.of()))
                .post("/api/watch-queries/check")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("position", equalTo(10))
                .body("violations.field", contains("query"));
    }
}
