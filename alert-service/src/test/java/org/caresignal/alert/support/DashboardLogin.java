package org.caresignal.alert.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Signs a person in to the dashboard as a browser does, over HTTP with cookies: the dashboard
 * redirects to the provider's authorization endpoint, the login page is shown, the login form is
 * sent, the provider redirects back with a code, and alert-service exchanges it for the person's
 * tokens (stubbed on {@link OidcTestServer} for this user and roles) and sets the session cookie.
 */
public final class DashboardLogin {

    private DashboardLogin() {}

    /** A signed-in dashboard session: its cookies, to send with later requests. */
    public record Session(String username, Map<String, String> cookies) {

        /** A RestAssured request carrying the session (redirects not followed). */
        public RequestSpecification given() {
            return io.restassured.RestAssured.given().redirects().follow(false).cookies(cookies);
        }

        /** The {@code Cookie} header value of the session. */
        public String cookieHeader() {
            var header = new StringBuilder();
            cookies.forEach(
                    (k, v) ->
                            header.append(header.isEmpty() ? "" : "; ")
                                    .append(k)
                                    .append('=')
                                    .append(v));
            return header.toString();
        }
    }

    /** Where the application under test answers, e.g. {@code http://localhost:38211}. */
    public static String appBase() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    /** Signs {@code username} (holding {@code roles} at the provider) in; returns the session. */
    public static Session as(String username, String... roles) {
        var code = "test-code-" + UUID.randomUUID();
        stub(username, code, roles);
        var cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        var client =
                HttpClient.newBuilder()
                        .cookieHandler(cookies)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();

        var start = send(client, URI.create(appBase() + "/dashboard"));
        expect(start, 302, "the dashboard redirects to the provider");
        var authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        if (!authorize.toString().startsWith(OidcTestServer.baseUrl())) {
            throw new AssertionError("not redirected to the provider: " + authorize);
        }
        var query = query(authorize);
        expect(send(client, authorize), 200, "the provider shows its login page");

        var login =
                URI.create(
                        OidcTestServer.baseUrl()
                                + "/login?username="
                                + encode(username)
                                + "&password=secret&state="
                                + encode(query.get("state"))
                                + "&redirect_uri="
                                + encode(query.get("redirect_uri")));
        var back = send(client, login);
        expect(back, 302, "the provider sends the browser back with a code");
        var callback =
                send(client, URI.create(back.headers().firstValue("Location").orElseThrow()));
        expect(callback, 302, "alert-service completes the login");

        var session = new LinkedHashMap<String, String>();
        for (var cookie : cookies.getCookieStore().getCookies()) {
            if (cookie.getName().startsWith("q_session")) {
                session.put(cookie.getName(), cookie.getValue());
            }
        }
        if (session.isEmpty()) {
            throw new AssertionError("no session cookie after the login: " + callback.headers());
        }
        return new Session(username, session);
    }

    /** The provider's side of this login: the login form's redirect and the token answer. */
    private static void stub(String username, String code, String... roles) {
        var server = URI.create(OidcTestServer.baseUrl());
        var wireMock = new WireMock(server.getHost(), server.getPort());
        wireMock.register(
                get(urlPathEqualTo("/login"))
                        .withQueryParam("username", equalTo(username))
                        .atPriority(1)
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader(
                                                "Location",
                                                "{{{request.query.redirect_uri}}}?state="
                                                        + "{{{request.query.state}}}&code="
                                                        + code)
                                        .withTransformers("response-template")));
        wireMock.register(
                post(urlEqualTo("/auth/realms/quarkus/token"))
                        .withRequestBody(containing("code=" + code))
                        .atPriority(1)
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"access_token\":\""
                                                        + Tokens.dashboardAccessToken(
                                                                username, roles)
                                                        + "\",\"id_token\":\""
                                                        + Tokens.idToken(username)
                                                        + "\",\"refresh_token\":\"refresh-"
                                                        + code
                                                        + "\",\"token_type\":\"Bearer\","
                                                        + "\"expires_in\":43200}")));
    }

    private static HttpResponse<String> send(HttpClient client, URI uri) {
        try {
            return client.send(
                    HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError(
                    what
                            + ": expected "
                            + status
                            + " from "
                            + response.uri()
                            + ", got "
                            + response.statusCode()
                            + " "
                            + response.headers().map());
        }
    }

    private static Map<String, String> query(URI uri) {
        var params = new LinkedHashMap<String, String>();
        for (var pair : uri.getRawQuery().split("&")) {
            var eq = pair.indexOf('=');
            params.put(
                    URLDecoder.decode(
                            eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0
                            ? ""
                            : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
