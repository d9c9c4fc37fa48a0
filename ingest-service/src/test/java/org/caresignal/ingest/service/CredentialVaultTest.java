package org.caresignal.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import javax.sql.DataSource;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Source credentials at rest: what the API writes is sealed in {@code source_connector.credential}
 * (read back with SQL), the X connector still sends the credential in clear to WireMock, a
 * plain-text row of an older version is sealed by the start-up pass, and a sealed value copied to
 * another row is refused.
 */
@QuarkusTest
class CredentialVaultTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer wiremock;

    @Inject SourcePoller poller;
    @Inject CredentialVault vault;
    @Inject DataSource db;

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

    private String stored(String connector) throws SQLException {
        try (var c = db.getConnection();
                var s =
                        c.prepareStatement(
                                "select credential from source_connector where connector_id = ?")) {
            s.setString(1, connector);
            try (var r = s.executeQuery()) {
                assertThat(r.next()).as("row of " + connector).isTrue();
                return r.getString(1);
            }
        }
    }

    private void execute(String sql, Object... args) throws SQLException {
        try (var c = db.getConnection();
                var s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    /** An empty X search page at {@code path}, so that a poll succeeds. */
    private static void emptySearchAt(String path) throws Exception {
        wiremock.stubFor(
                get(urlPathEqualTo(path + "/2/tweets/search/recent"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/json")
                                        .withHeader("x-rate-limit-limit", "450")
                                        .withHeader("x-rate-limit-remaining", "449")
                                        .withHeader("x-rate-limit-reset", "1785588300")
                                        .withBody(
                                                JSON.writeValueAsString(
                                                        SourceFixtures.xPage(List.of(), null)))));
    }

    private static void verifyBearer(String path, String token) {
        wiremock.verify(
                getRequestedFor(urlPathEqualTo(path + "/2/tweets/search/recent"))
                        .withHeader("Authorization", WireMock.equalTo("Bearer " + token)));
    }

    @Test
    void createdAndUpdatedCredentialsAreSealedInTheDatabaseAndStillSent() throws Exception {
        var brand = SourceFixtures.unique("vault-");
        var tag = SourceFixtures.unique("Vault");
        var connector = SourceFixtures.unique("x-");
        var path = "/" + SourceFixtures.unique("x");
        var token = SourceFixtures.unique("AAAA-bearer-secret-");
        SourceFixtures.brandWatching(brand, tag);
        SourceFixtures.connector(
                connector, "x", brand, wiremock.baseUrl() + path, "#" + tag, token);

        var created = stored(connector);
        assertThat(created).startsWith("v1:test:").doesNotContain(token);
        emptySearchAt(path);
        poller.pollNow(connector);
        verifyBearer(path, token);

        var newToken = SourceFixtures.unique("BBBB-bearer-secret-");
        var body = new LinkedHashMap<String, Object>();
        body.put("kind", "x");
        body.put("brandId", brand);
        body.put("url", wiremock.baseUrl() + path);
        body.put("query", "#" + tag);
        body.put("credential", newToken);
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .put("/api/sources/" + connector)
                .then()
                .statusCode(200)
                .body("credentialSet", equalTo(true))
                .body(not(containsString(newToken)))
                .body(not(containsString("v1:test:")));

        var updated = stored(connector);
        assertThat(updated).startsWith("v1:test:").doesNotContain(newToken).isNotEqualTo(created);
        poller.pollNow(connector);
        verifyBearer(path, newToken);
        Api.asViewer()
                .get("/api/sources")
                .then()
                .statusCode(200)
                .body(not(containsString(newToken)))
                .body(not(containsString(updated)));
    }

    @Test
    void aPlainTextRowOfAnOlderVersionIsSealedAtStartAndStillWorks() throws Exception {
        var brand = SourceFixtures.unique("legacy-");
        var tag = SourceFixtures.unique("Legacy");
        var connector = SourceFixtures.unique("x-legacy-");
        var path = "/" + SourceFixtures.unique("x");
        var token = SourceFixtures.unique("LEGACY-plain-token-");
        SourceFixtures.brandWatching(brand, tag);
        var now = Timestamp.from(Instant.now());
        execute(
                "insert into source_connector (connector_id, kind, brand_id, base_url, query,"
                        + " credential, poll_interval_seconds, silent_after_seconds, enabled,"
                        + " created_at, updated_at) values (?, 'x', ?, ?, ?, ?, 60, 21600, true,"
                        + " ?, ?)",
                connector,
                brand,
                wiremock.baseUrl() + path,
                "#" + tag,
                token,
                now,
                now);
        assertThat(stored(connector)).isEqualTo(token);

        var report = vault.sealStoredCredentials();

        assertThat(report.sealed()).isGreaterThanOrEqualTo(1);
        var sealed = stored(connector);
        assertThat(sealed).startsWith("v1:test:").doesNotContain(token);
        // A second pass (the next start) leaves it as it is.
        var again = vault.sealStoredCredentials();
        assertThat(again.sealed()).isZero();
        assertThat(again.resealed()).isZero();
        assertThat(stored(connector)).isEqualTo(sealed);
        Api.asViewer()
                .get("/api/sources/" + connector)
                .then()
                .statusCode(200)
                .body("credentialSet", equalTo(true))
                .body(not(containsString(token)));
        emptySearchAt(path);
        poller.pollNow(connector);
        verifyBearer(path, token);
    }

    @Test
    void aSealedCredentialCopiedToAnotherRowIsRefusedAndReported() throws Exception {
        var brand = SourceFixtures.unique("moved-");
        var tag = SourceFixtures.unique("Moved");
        var owner = SourceFixtures.unique("x-owner-");
        var thief = SourceFixtures.unique("x-thief-");
        var path = "/" + SourceFixtures.unique("x");
        var token = SourceFixtures.unique("OWNER-bearer-secret-");
        SourceFixtures.brandWatching(brand, tag);
        SourceFixtures.connector(owner, "x", brand, wiremock.baseUrl() + path, "#" + tag, token);
        SourceFixtures.connector(
                thief, "x", brand, wiremock.baseUrl() + path + "-other", "#" + tag, "other-token");
        emptySearchAt(path + "-other");

        execute(
                "update source_connector set credential = ? where connector_id = ?",
                stored(owner),
                thief);
        poller.pollNow(thief);

        wiremock.verify(0, getRequestedFor(urlPathEqualTo(path + "-other/2/tweets/search/recent")));
        Api.asViewer()
                .get("/api/sources/" + thief)
                .then()
                .statusCode(200)
                .body("health.lastError", containsString("authentication failed"))
                .body(not(containsString(token)));
    }
}
