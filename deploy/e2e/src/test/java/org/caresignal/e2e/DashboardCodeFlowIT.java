package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's authorization-code flow followed over plain HTTP, as a browser without JavaScript
 * would: the redirect to Keycloak, its login form, the way back with the code, the session cookie,
 * the signed-in name on the page, and logout.
 */
class DashboardCodeFlowIT {

    private static E2eSystem e2e;

    @BeforeAll
    static void start() {
        e2e = E2eSystem.shared();
    }

    @Test
    void aViewerSignsInAtKeycloakAndTheDashboardShowsTheirNameUntilTheySignOut() throws Exception {
        var browser = new DashboardBrowser();
        var dashboard = e2e.system.dashboardUrl();

        var first = browser.get(dashboard);
        assertThat(first.statusCode()).isEqualTo(302);
        var login = first.headers().firstValue("Location").orElseThrow();
        assertThat(login)
                .startsWith(e2e.keycloak.realmUrl() + "/protocol/openid-connect/auth")
                .contains("client_id=caresignal-dashboard")
                .contains("code_challenge=");

        var page = browser.follow(first);
        assertThat(page.statusCode()).isEqualTo(200);
        var form =
                Jsoup.parse(page.body(), page.uri().toString()).selectFirst("form#kc-form-login");
        assertThat(form).as("Keycloak's login form").isNotNull();
        var action = form.absUrl("action");
        assertThat(action).startsWith(e2e.keycloak.realmUrl() + "/login-actions/authenticate");

        var fields = new LinkedHashMap<String, String>();
        form.select("input[name]").forEach(i -> fields.put(i.attr("name"), i.val()));
        fields.put("username", "demo-viewer");
        fields.put("password", e2e.secrets.password("viewer"));
        var afterLogin = browser.postForm(action, fields);
        assertThat(afterLogin.statusCode()).isEqualTo(302);
        assertThat(afterLogin.headers().firstValue("Location").orElseThrow())
                .startsWith(dashboard)
                .contains("code=");

        var signedIn = browser.follow(afterLogin);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.uri().toString()).startsWith(dashboard);
        assertThat(signedIn.body()).contains("demo-viewer").contains("Incidents");

        // The session is a cookie: the next page needs no new login.
        var again = browser.get(dashboard);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("demo-viewer");

        // Logout ends the dashboard's and Keycloak's sessions: the dashboard asks for a login
        // again.
        browser.follow(browser.get(dashboard + "/logout"));
        var afterLogout = browser.get(dashboard);
        assertThat(afterLogout.statusCode()).isEqualTo(302);
        var loginAgain = browser.follow(afterLogout);
        assertThat(loginAgain.body()).contains("kc-form-login");
    }
}
