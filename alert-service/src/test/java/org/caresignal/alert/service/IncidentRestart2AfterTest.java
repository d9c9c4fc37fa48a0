package org.caresignal.alert.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.RestartScenario;
import org.caresignal.alert.support.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: after a restart (a new application on the same database and broker) the incident
 * opened by {@link IncidentRestart1BeforeTest} is still open, the spike going on is not paged
 * again, and the restored detector resolves it when the spike passes; the dashboard session signed
 * in before the restart is still accepted.
 */
@QuarkusTest
@TestProfile(RestartScenario.Restarted.class)
class IncidentRestart2AfterTest {

    @Inject EntityManager em;

    @Test
    void theOpenIncidentStaysOpenAndIsNotPagedAgainAfterARestart() {
        assertThat(RestartScenario.brand())
                .as("IncidentRestart1BeforeTest must run first, in the same JVM")
                .isNotNull();
        var brand = RestartScenario.brand();

        var afterRestart = Scenario.incidents(brand);
        assertThat(afterRestart.getList("id")).containsExactly(RestartScenario.incidentId());
        assertThat(afterRestart.getString("[0].status")).isEqualTo("OPEN");
        String snapshot =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        (String)
                                                em.createNativeQuery(
                                                                "SELECT snapshot FROM detector_state"
                                                                        + " WHERE brand_id = :b AND facility_id = ''")
                                                        .setParameter("b", brand)
                                                        .getSingleResult());
        assertThat(snapshot).contains("\"firing\":true");

        Scenario.moreOfTheSame(brand);
        Scenario.calmLater(brand);

        var resolved =
                Scenario.awaitIncidents(brand, j -> "RESOLVED".equals(j.getString("[0].status")));
        assertThat(resolved.getList("id")).containsExactly(RestartScenario.incidentId());
        assertThat(resolved.getString("[0].resolvedBy")).isEqualTo("system:detector");
        var events = Alerts.readUntil(brand, Alerts.ofType("AlertResolved"));
        assertThat(events.stream().filter(Alerts.ofType("AlertRaised"))).hasSize(1);
    }

    @Test
    void aDashboardSessionFromBeforeTheRestartStillWorks() {
        var cookies = RestartScenario.sessionCookies();
        assertThat(cookies)
                .as("IncidentRestart1BeforeTest must run first, in the same JVM")
                .isNotEmpty();
        var page = given().redirects().follow(false).cookies(cookies).get("/dashboard");
        assertThat(page.statusCode())
                .as("the session cookie is still accepted (not a redirect to the login)")
                .isEqualTo(200);
        assertThat(page.asString()).contains(">" + RestartScenario.sessionUsername() + "</strong>");
    }
}
