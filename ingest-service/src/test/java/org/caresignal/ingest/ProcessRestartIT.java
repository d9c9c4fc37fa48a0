package org.caresignal.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.ManagementPort;
import org.caresignal.ingest.support.OidcServer;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.local.stack.KafkaBroker;
import org.caresignal.local.stack.ServiceProcess;
import org.caresignal.local.stack.TestStacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged ingest-service, killed with SIGKILL in the middle of a multi-page Mastodon walk and
 * started again on the same database: it resumes at the last committed page (the pages before it
 * are not fetched again) and every status reaches {@code mentions.ingested.v1} exactly once.
 */
class ProcessRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DB = "ingest_restart";
    private static final int PAGE = 40;

    private WireMockServer wiremock;
    private OidcServer oidc;
    private String oidcUrl;
    private int managementPort;
    private ServiceProcess service;

    @BeforeEach
    void startWireMockAndTheOidcProvider() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wiremock.start();
        oidc = new OidcServer();
        oidcUrl = oidc.start().get("keycloak.url") + "/realms/quarkus/";
    }

    @AfterEach
    void stopAll() {
        if (service != null) {
            service.close();
        }
        if (wiremock != null) {
            wiremock.stop();
        }
        if (oidc != null) {
            oidc.stop();
        }
    }

    /** The packaged service as a child JVM, ready to serve. */
    private ServiceProcess start(Path log) {
        managementPort = ManagementPort.free();
        var config = config();
        config.put("quarkus.oidc.auth-server-url", oidcUrl);
        config.put("quarkus.management.port", String.valueOf(managementPort));
        // The packaged app runs the prod profile: WireMock on loopback is allowed as an operator
        // would allow an on-premises source.
        config.put("caresignal.ingest.outbound.allow", "127.0.0.1/32,::1/128");
        var process =
                ServiceProcess.start(
                        "ingest-service",
                        Path.of("target/quarkus-app/quarkus-run.jar"),
                        KafkaBroker.freePort(),
                        config,
                        List.of("-Xmx384m"),
                        log);
        awaitReady(process);
        return process;
    }

    /**
     * Waits for readiness on the management port (ServiceProcess.awaitReady asks the API port,
     * where health no longer is), failing early if the process dies.
     */
    private void awaitReady(ServiceProcess process) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException(
                                        "ingest-service exited; see " + process.log());
                            }
                            try {
                                return management().get("/q/health/ready").statusCode() == 200;
                            } catch (Exception e) {
                                // Not listening yet (RestAssured rethrows the refused connection).
                                return false;
                            }
                        });
    }

    private io.restassured.specification.RequestSpecification management() {
        return given().baseUri("http://localhost:" + managementPort);
    }

    private static Map<String, String> config() {
        var stack = TestStacks.shared();
        var url = stack.database(DB);
        var c = new LinkedHashMap<String, String>();
        c.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        for (var prefix : List.of("", "%prod.")) {
            c.put(prefix + "quarkus.datasource.jdbc.url", url);
            c.put(prefix + "quarkus.datasource.username", stack.username(DB));
            c.put(prefix + "quarkus.datasource.password", stack.password(DB));
        }
        // The same pseudonym key in both lives, as in production.
        c.put("caresignal.ingest.privacy.pseudonym-key", "process-restart-test-key-0123456789");
        // The killed life cannot release its lease: the second one takes the connector once the
        // lease runs out, so keep it short here.
        c.put("caresignal.leases.duration", "PT5S");
        c.put("caresignal.leases.heartbeat", "1s");
        return c;
    }

    private String uri(String run, long id) {
        return "https://other.example/users/alice/statuses/" + run + id;
    }

    /** Statuses {@code from..to}, newest first, with Mastodon's Link header. */
    private ResponseDefinitionBuilder page(String run, String tag, String path, long from, long to)
            throws Exception {
        var list = new ArrayList<Map<String, Object>>();
        for (long id = to; id >= from; id--) {
            list.add(SourceFixtures.status(String.valueOf(id), uri(run, id), tag, "Kind nurses"));
        }
        var base = wiremock.baseUrl() + path;
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-RateLimit-Limit", "300")
                .withHeader("X-RateLimit-Remaining", "250")
                .withHeader("X-RateLimit-Reset", "2026-08-01T12:35:00.000000Z")
                .withHeader(
                        "Link",
                        "<"
                                + base
                                + "?limit=40&max_id="
                                + from
                                + ">; rel=\"next\", <"
                                + base
                                + "?limit=40&min_id="
                                + to
                                + ">; rel=\"prev\"")
                .withBody(JSON.writeValueAsString(list));
    }

    private void stubPage(String path, String minId, ResponseDefinitionBuilder response) {
        var request = get(urlPathEqualTo(path));
        request =
                minId == null
                        ? request.withQueryParam("min_id", absent())
                        : request.withQueryParam("min_id", WireMock.equalTo(minId));
        wiremock.stubFor(request.willReturn(response));
    }

    private int requests(String path, String minId) {
        return wiremock.findAll(
                        getRequestedFor(urlPathEqualTo(path))
                                .withQueryParam("min_id", WireMock.equalTo(minId)))
                .size();
    }

    private double backlog() {
        var metrics = management().get("/q/metrics").then().extract().asString();
        for (var line : metrics.split("\n")) {
            if (line.startsWith("caresignal_outbox_backlog")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    @Test
    void aKilledServiceResumesItsWalkWithNoDuplicateAndNoGap() throws Exception {
        var tag = SourceFixtures.unique("StMarys");
        var brand = SourceFixtures.unique("stmarys-");
        var connector = SourceFixtures.unique("masto-");
        var run = SourceFixtures.unique("");
        var path = "/api/v1/timelines/tag/" + tag;
        // First poll: the newest page (1000). Second poll walks forward: 1001..1040, 1041..1080,
        // then 1081..1120, which answers slowly (the kill lands while it waits), then a short
        // page 1121..1130 ends the walk.
        stubPage(path, null, page(run, tag, path, 1000, 1000));
        stubPage(path, "1000", page(run, tag, path, 1001, 1040));
        stubPage(path, "1040", page(run, tag, path, 1041, 1080));
        stubPage(path, "1080", page(run, tag, path, 1081, 1120).withFixedDelay(60_000));
        stubPage(path, "1120", page(run, tag, path, 1121, 1130));

        var logs = Path.of("target/process-restart");
        service = start(logs.resolve("first.log"));
        var brandBody = new LinkedHashMap<String, Object>();
        brandBody.put("id", brand);
        brandBody.put("name", "St Mary's");
        brandBody.put("watchQuery", "#" + tag);
        brandBody.put("facilities", List.of());
        Api.asAdmin()
                .baseUri(service.baseUrl())
                .contentType("application/json")
                .body(brandBody)
                .post("/api/brands")
                .then()
                .statusCode(201);
        var source = new LinkedHashMap<String, Object>();
        source.put("id", connector);
        source.put("kind", "mastodon");
        source.put("brandId", brand);
        source.put("url", wiremock.baseUrl());
        source.put("query", tag);
        source.put("pollInterval", "PT10S");
        Api.asAdmin()
                .baseUri(service.baseUrl())
                .contentType("application/json")
                .body(source)
                .post("/api/sources")
                .then()
                .statusCode(201);

        // The scheduler polls on its own: the first poll, then (10 s on) the walk, which hangs on
        // the third page after committing the first two.
        await().atMost(Duration.ofSeconds(60)).until(() -> requests(path, "1080") == 1);
        // Let the relay hand what was committed to Kafka, so that the kill lands in the walk
        // (what this test is about), not between a send and its outbox delete.
        await().atMost(Duration.ofSeconds(30)).until(() -> backlog() == 0.0);
        assertThat(service.kill()).isEqualTo(137);

        stubPage(path, "1080", page(run, tag, path, 1081, 1120));
        service = start(logs.resolve("second.log"));
        var last = uri(run, 1130);
        var records =
                KafkaTestClient.readUntil(
                        TestStacks.shared().kafkaBootstrapServers(),
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r -> brand.equals(r.key()) && r.value().contains("\"" + last + "\""));

        var expected = new ArrayList<String>();
        for (long id = 1000; id <= 1130; id++) {
            expected.add(uri(run, id));
        }
        var published = new ArrayList<String>();
        var mentionIds = new HashSet<String>();
        for (var r : records) {
            var event = JSON.readTree(r.value());
            published.add(event.get("externalId").asText());
            mentionIds.add(event.get("mentionId").asText());
        }
        assertThat(published).containsExactlyElementsOf(expected);
        assertThat(mentionIds).hasSize(expected.size());
        // The second life resumed at the committed page: the pages before were not fetched again.
        assertThat(requests(path, "1000")).isEqualTo(1);
        assertThat(requests(path, "1040")).isEqualTo(1);
        assertThat(requests(path, "1080")).isEqualTo(2);
        assertThat(requests(path, "1120")).isEqualTo(1);
    }
}
