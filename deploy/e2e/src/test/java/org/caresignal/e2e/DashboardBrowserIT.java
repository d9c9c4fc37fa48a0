package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A real headless Chromium (see {@link Chromium}): the demo responder opens an incident's page,
 * signs in on Keycloak's page, acknowledges the incident with the dashboard's button, and the audit
 * log names them.
 */
class DashboardBrowserIT {

    private static E2eSystem e2e;

    private Chromium chromium;

    @BeforeAll
    static void start() {
        e2e = E2eSystem.shared();
    }

    @BeforeEach
    void openChromium() {
        chromium = Chromium.open();
    }

    @AfterEach
    void closeChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theDemoResponderSignsInAcknowledgesAnIncidentAndTheAuditNamesThem() throws Exception {
        var id = Incidents.criticalPost(e2e, Incidents.uniqueBrand("browser"));
        var incidentPage = e2e.system.dashboardUrl() + "/incidents/" + id;
        var browser = chromium.driver;

        chromium.signIn(e2e, incidentPage, "responder", incidentPage);
        assertThat(browser.getCurrentUrl()).isEqualTo(incidentPage);
        assertThat(browser.getPageSource()).contains("OPEN");

        browser.findElement(By.cssSelector("form[action$='/acknowledge'] button[type=submit]"))
                .click();
        chromium.wait.until(
                d ->
                        d.getCurrentUrl().startsWith(incidentPage)
                                && d.findElements(By.cssSelector("form[action$='/acknowledge']"))
                                        .isEmpty());

        assertThat(e2e.api.incidentStatus(id)).isEqualTo("ACKNOWLEDGED");
        var audit = e2e.api.alertAudit("demo-responder", "incident.acknowledge");
        assertThat(audit.get("items").findValuesAsText("target")).contains(id);
        assertThat(browser.getPageSource()).contains("demo-responder");
    }
}
