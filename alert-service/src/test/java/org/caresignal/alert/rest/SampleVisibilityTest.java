package org.caresignal.alert.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Supplier;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * Who sees a sample mention's post link and excerpt through the incident API (tokens from the OIDC
 * test provider): analysts and responders do; viewers and admins see the mention id only, in the
 * list and in the detail.
 */
@QuarkusTest
class SampleVisibilityTest {

    @Test
    void analystsAndRespondersSeeLinksAndExcerptsViewersAndAdminsSeeIds() {
        var brand = ScoredMentions.uniqueBrand();
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(45));
        var id =
                Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");

        for (Supplier<RequestSpecification> who :
                List.<Supplier<RequestSpecification>>of(Api::asAnalyst, Api::asResponder)) {
            var detail = detail(who.get(), id);
            assertThat(detail.getString("incident.explanation.samples[0].url"))
                    .startsWith("https://social.example/@someone/");
            assertThat(detail.getString("incident.explanation.samples[0].excerpt"))
                    .isEqualTo(Scenario.BREACH);
        }
        for (Supplier<RequestSpecification> who :
                List.<Supplier<RequestSpecification>>of(Api::asViewer, Api::asAdmin)) {
            var detail = detail(who.get(), id);
            assertThat(detail.getString("incident.explanation.samples[0].mentionId")).isNotBlank();
            assertThat(detail.getString("incident.explanation.samples[0].url")).isNull();
            assertThat(detail.getMap("incident.explanation.samples[0]"))
                    .doesNotContainKey("excerpt");
            var list =
                    who.get()
                            .queryParam("brand", brand)
                            .get("/api/incidents")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString();
            assertThat(list).doesNotContain("social.example").doesNotContain("leaked online");
        }
    }

    private static io.restassured.path.json.JsonPath detail(RequestSpecification as, String id) {
        return as.get("/api/incidents/" + id).then().statusCode(200).extract().jsonPath();
    }
}
