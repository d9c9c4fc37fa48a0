package org.caresignal.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.security.Roles;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Brands;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Mentions;
import org.caresignal.ingest.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Names in published text: a private individual's name is always [NAME]; a staff member named with
 * a title or role is [STAFF] unless the brand's keepStaffNames setting (admin, audited) keeps it.
 */
@QuarkusTest
class StaffNamesTest {

    private static final String POST =
            "Nurse Kelly on 5 North took such good care of my mom Linda at Mercy General."
                    + " @MercyHealth #MercyGeneral";

    @Test
    void keepStaffNamesIsOffByDefaultStoredShownAndAudited() {
        var admin = Tokens.uniqueUser("staff-names-admin");
        var token = Tokens.of(admin, Roles.ADMIN);
        var id = Brands.uniqueId();
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(Brands.mercy(id))
                .post("/api/brands")
                .then()
                .statusCode(201)
                .body("keepStaffNames", equalTo(false));

        var keeping = Brands.mercy(id);
        keeping.put("keepStaffNames", true);
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(keeping)
                .put("/api/brands/" + id)
                .then()
                .statusCode(200)
                .body("keepStaffNames", equalTo(true));
        Api.asViewer()
                .get("/api/brands/" + id)
                .then()
                .statusCode(200)
                .body("keepStaffNames", equalTo(true));

        // A PUT replaces the brand: without the field, staff names are redacted again.
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(Brands.mercy(id))
                .put("/api/brands/" + id)
                .then()
                .statusCode(200)
                .body("keepStaffNames", equalTo(false));

        var rows =
                Api.asAdmin()
                        .queryParam("user", admin)
                        .queryParam("action", "brand.update")
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(rows.getList("items.detail", String.class))
                .containsExactly("changed: keepStaffNames", "changed: keepStaffNames");
    }

    @Test
    void aBrandThatKeepsStaffNamesGetsTheNurseAndNeverThePatientsMother() throws Exception {
        var keeping = brand(true);
        var redacting = brand(false);
        for (var brand : List.of(keeping, redacting)) {
            var body = Mentions.valid(brand);
            body.put("text", POST);
            Integrations.webhook().body(body).post("/api/mentions").then().statusCode(202);
        }
        var texts = new LinkedHashMap<String, String>();
        var mapper = new ObjectMapper();
        for (var brand : List.of(keeping, redacting)) {
            var record =
                    KafkaTestClient.readUntil(
                                    "mentions.ingested.v1",
                                    r -> brand.equals(r.key()),
                                    r -> brand.equals(r.key()))
                            .get(0);
            texts.put(brand, mapper.readTree(record.value()).get("text").asText());
        }
        assertThat(texts.get(keeping))
                .isEqualTo(
                        "Nurse Kelly on 5 North took such good care of my mom [NAME] at Mercy"
                                + " General. @MercyHealth #MercyGeneral");
        assertThat(texts.get(redacting))
                .isEqualTo(
                        "Nurse [STAFF] on 5 North took such good care of my mom [NAME] at Mercy"
                                + " General. @MercyHealth #MercyGeneral");
    }

    /** A brand created through the API (so the catalog knows its setting at once). */
    private static String brand(boolean keepStaffNames) {
        var id = Mentions.unknownBrand();
        var facility = new LinkedHashMap<String, Object>();
        facility.put("id", "riverside-north");
        facility.put("name", "Riverside North");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("name", "Test brand " + id);
        body.put("watchQuery", "\"" + id + " zzqx\"");
        body.put("facilities", List.of(facility));
        body.put("keepStaffNames", keepStaffNames);
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/brands")
                .then()
                .statusCode(201)
                .body("keepStaffNames", equalTo(keepStaffNames));
        return id;
    }
}
