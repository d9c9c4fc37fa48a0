package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.DashboardLogin;
import org.caresignal.alert.support.RestartScenario;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * First half of the restart acceptance test: a spike opens an incident, and a person signs in to
 * the dashboard, before the restart.
 */
@QuarkusTest
class IncidentRestart1BeforeTest {

    @Test
    void aSpikeOpensAnIncidentBeforeTheRestart() {
        var brand = ScoredMentions.uniqueBrand();

        Scenario.spike(brand);

        var open =
                Scenario.awaitIncidents(
                        brand,
                        j ->
                                j.getList("$").size() == 1
                                        && "OPEN".equals(j.getString("[0].status")));
        assertThat(Alerts.readUntil(brand, Alerts.ofType("AlertRaised"))).hasSize(1);
        RestartScenario.remember(brand, open.getString("[0].id"));

        var session = DashboardLogin.as("rhea.restart", "viewer");
        assertThat(session.given().get("/dashboard").statusCode()).isEqualTo(200);
        RestartScenario.rememberSession(session.username(), session.cookies());
    }
}
