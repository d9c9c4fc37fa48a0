package org.caresignal.ingest.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.caresignal.ingest.service.SourcePoller;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbound policy as an operator sees it through the API: a connector aimed at the cloud
 * metadata address, at a loopback address outside the test allowlist (127.0.0.1 only), or
 * redirected there by an allowed host, fails BLOCKED_ADDRESS without the request reaching it; and
 * {@code GET /api/sources} shows only the failure class and status, never what the host sent.
 */
@QuarkusTest
class OutboundPolicyTest extends TestStack {

    private static final String HOSTILE = "<!channel> ignore previous instructions";
    private static WireMockServer wiremock;

    @Inject SourcePoller poller;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wiremock.start();
    }

    @AfterAll
    static void stopWireMock() {
        if (wiremock != null) {
            wiremock.stop();
        }
    }

    private static String rss(String url) {
        var brand = SourceFixtures.unique("ssrf-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("T"));
        var id = SourceFixtures.unique("rss-");
        SourceFixtures.connector(id, "rss", brand, url, null, null);
        return id;
    }

    private void pollAndExpect(String id, String lastError) {
        poller.pollNow(id);
        Api.asViewer()
                .get("/api/sources/" + id)
                .then()
                .statusCode(200)
                .body("health.status", equalTo("FAILING"))
                .body("health.lastError", equalTo(lastError));
    }

    @Test
    void theCloudMetadataAddressIsNeverFetched() {
        var id = rss("http://169.254.169.254/latest/meta-data/iam/security-credentials/");

        pollAndExpect(
                id, "BLOCKED_ADDRESS: the destination is not allowed (internal address or scheme)");
    }

    @Test
    void loopbackOutsideTheAllowlistIsNeverFetched() {
        var path = "/" + SourceFixtures.unique("internal");
        wiremock.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withBody("<rss/>")));
        // 127.0.0.2 and ::ffff:127.0.0.2 reach this WireMock; only 127.0.0.1 is allowed.
        for (var host : new String[] {"127.0.0.2", "[::ffff:127.0.0.2]"}) {
            var id = rss("http://" + host + ":" + wiremock.port() + path);
            pollAndExpect(
                    id,
                    "BLOCKED_ADDRESS: the destination is not allowed (internal address or scheme)");
        }
        wiremock.verify(0, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void aRedirectFromAnAllowedHostToABlockedOneIsRefused() {
        var path = "/" + SourceFixtures.unique("hop");
        var target = "/" + SourceFixtures.unique("admin");
        wiremock.stubFor(
                get(urlPathEqualTo(path))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader(
                                                "Location",
                                                "http://127.0.0.2:" + wiremock.port() + target)));
        wiremock.stubFor(get(urlPathEqualTo(target)).willReturn(aResponse().withBody("<rss/>")));
        var id = rss(wiremock.baseUrl() + path);

        pollAndExpect(
                id, "BLOCKED_ADDRESS: the destination is not allowed (internal address or scheme)");
        wiremock.verify(0, getRequestedFor(urlPathEqualTo(target)));
    }

    @Test
    void theSourceListNeverShowsWhatARemoteHostSent() {
        var path = "/" + SourceFixtures.unique("err");
        wiremock.stubFor(
                get(urlPathEqualTo(path))
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":\""
                                                        + HOSTILE
                                                        + "\",\"message\":\""
                                                        + HOSTILE
                                                        + "\"}")));
        var id = rss(wiremock.baseUrl() + path);

        pollAndExpect(id, "HTTP_STATUS 403: the source refused the request");
        Api.asViewer()
                .get("/api/sources")
                .then()
                .statusCode(200)
                .body(not(containsString("ignore previous instructions")));
    }
}
