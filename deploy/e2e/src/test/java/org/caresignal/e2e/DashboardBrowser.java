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

/**
 * A browser without JavaScript for the dashboard: keeps cookies, does not follow redirects unless
 * asked (so each hop of the code flow can be checked), and signs a demo user in at Keycloak's form.
 */
final class DashboardBrowser {

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
                    response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            response = get(location.toString());
        }
        return response;
    }

    /**
     * Signs the role's demo user in through the dashboard's code flow and returns the dashboard
     * page it lands on.
     */
    static DashboardBrowser signedIn(E2eSystem e2e, String role) throws Exception {
        var browser = new DashboardBrowser();
        var page = browser.follow(browser.get(e2e.system.dashboardUrl()));
        var form =
                Jsoup.parse(page.body(), page.uri().toString()).selectFirst("form#kc-form-login");
        assertThat(form).as("Keycloak's login form").isNotNull();
        var fields = new LinkedHashMap<String, String>();
        form.select("input[name]").forEach(i -> fields.put(i.attr("name"), i.val()));
        fields.put("username", "demo-" + role);
        fields.put("password", e2e.secrets.password(role));
        var signedIn = browser.follow(browser.postForm(form.absUrl("action"), fields));
        assertThat(signedIn.statusCode()).as("signed in as demo-" + role).isEqualTo(200);
        return browser;
    }

    static boolean isRedirect(HttpResponse<String> response) {
        int status = response.statusCode();
        return status == 301 || status == 302 || status == 303 || status == 307;
    }
}
