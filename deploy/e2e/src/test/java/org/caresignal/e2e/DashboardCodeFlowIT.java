package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

    /**
     * Keeps cookies as a browser does for http://localhost, which browsers treat as a secure
     * context: Keycloak marks its cookies Secure even over plain HTTP, and Java's CookieManager
     * would otherwise never send them back there.
     */
    private static final class LocalhostCookies extends CookieHandler {
        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers)
                throws IOException {
            var asSecure = uri;
            if ("http".equals(uri.getScheme()) && "localhost".equals(uri.getHost())) {
                try {
                    asSecure =
                            new URI(
                                    "https",
                                    uri.getUserInfo(),
                                    uri.getHost(),
                                    uri.getPort(),
                                    uri.getPath(),
                                    uri.getQuery(),
                                    null);
                } catch (URISyntaxException e) {
                    throw new IOException(e);
                }
            }
            return cookies.get(asSecure, headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            cookies.put(uri, headers);
        }
    }

    /** A cookie-keeping client that does not follow redirects, so each hop can be checked. */
    private static final class Browser {
        final HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .cookieHandler(new LocalhostCookies())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();

        HttpResponse<String> get(String url) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Accept", "text/html")
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(String url, Map<String, String> form) throws Exception {
            var body =
                    form.entrySet().stream()
                            .map(
                                    e ->
                                            URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                                    + "="
                                                    + URLEncoder.encode(
                                                            e.getValue(), StandardCharsets.UTF_8))
                            .collect(Collectors.joining("&"));
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept", "text/html")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Follows redirects from {@code response} (at most 10) and returns the last answer. */
        HttpResponse<String> follow(HttpResponse<String> response) throws Exception {
            for (int hop = 0; hop < 10 && isRedirect(response); hop++) {
                var location =
                        response.uri()
                                .resolve(response.headers().firstValue("Location").orElseThrow());
                response = get(location.toString());
            }
            return response;
        }
    }

    @Test
    void aViewerSignsInAtKeycloakAndTheDashboardShowsTheirNameUntilTheySignOut() throws Exception {
        var browser = new Browser();
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

    private static boolean isRedirect(HttpResponse<String> response) {
        int status = response.statusCode();
        return status == 301 || status == 302 || status == 303 || status == 307;
    }
}
