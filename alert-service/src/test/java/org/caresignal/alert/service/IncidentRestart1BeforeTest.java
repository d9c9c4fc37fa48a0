package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.RestartScenario;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/** First half of the restart acceptance test: a spike opens an incident before the restart. */
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
    }
}
