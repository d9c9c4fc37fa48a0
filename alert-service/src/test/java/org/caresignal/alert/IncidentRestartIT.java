package org.caresignal.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.DashboardLogin;
import org.caresignal.alert.support.OidcTestServer;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.SecretsKeyResource;
import org.caresignal.local.stack.CareSignalStackResource;
import org.caresignal.local.stack.KafkaBroker;
import org.caresignal.local.stack.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restart acceptance, in one test: the packaged alert-service, run as a process, opens an incident
 * on a spike and signs a person in to the dashboard; stopped and started again on the same database
 * and broker, it still has the incident open with the detector's snapshot firing, does not page the
 * ongoing spike again, resolves the incident when the spike passes (restored detector), and still
 * honours the dashboard session (its cookie key comes from configuration, not the start).
 */
class IncidentRestartIT {

    private static final String DB = "alert_restart";
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private OidcTestServer oidc;
    private String oidcBaseBefore;
    private Map<String, String> config;
    private String jdbcUrl;
    private int port;
    private int managementPort;
    private ServiceProcess service;

    @BeforeEach
    void startTheProviderAndChooseTheConfiguration() {
        // A @QuarkusIntegrationTest of this JVM may have its own provider running: restore it.
        oidcBaseBefore = System.getProperty("caresignal-test-oidc-base-url");
        oidc = new OidcTestServer();
        var c = new LinkedHashMap<String, String>(oidc.start());
        var stack = new CareSignalStackResource();
        stack.init(Map.of("database", DB));
        var stackConfig = stack.start();
        jdbcUrl = stackConfig.get("quarkus.datasource.jdbc.url");
        c.put("kafka.bootstrap.servers", stackConfig.get("kafka.bootstrap.servers"));
        for (var prefix : List.of("", "%prod.")) {
            for (var key :
                    List.of(
                            "quarkus.datasource.jdbc.url",
                            "quarkus.datasource.username",
                            "quarkus.datasource.password")) {
                c.put(prefix + key, stackConfig.get(key));
            }
        }
        c.put("caresignal.alert.secrets.keys", SecretsKeyResource.ring());
        // Its own consumer group, kept across both lives (the second resumes at its offsets):
        // another packaged alert-service of this JVM must not take this test's partitions.
        var group = "alert-restart-" + UUID.randomUUID();
        c.put("mp.messaging.incoming.mentions-scored.group.id", group);
        c.put("mp.messaging.incoming.sources-silent.group.id", group);
        // As in the @QuarkusTests: buckets close by event time at once, no wall-clock ticks.
        c.put("caresignal.alert.detection.settle", "PT0S");
        c.put("caresignal.alert.detection.tick", "off");
        config = c;
        // Both lives on the same ports, as a restarted pod keeps its address.
        port = KafkaBroker.freePort();
        managementPort = KafkaBroker.freePort();
    }

    @AfterEach
    void stopAll() {
        if (service != null) {
            service.close();
        }
        if (oidc != null) {
            oidc.stop();
        }
        if (oidcBaseBefore != null) {
            System.setProperty("caresignal-test-oidc-base-url", oidcBaseBefore);
        } else {
            System.clearProperty("caresignal-test-oidc-base-url");
        }
        RestAssured.reset();
    }

    @Test
    void anOpenIncidentAndADashboardSessionSurviveARestartAndTheSpikeIsPagedOnce()
            throws SQLException {
        service = start("incident-restart-1.log");
        var brand = ScoredMentions.uniqueBrand();

        Scenario.spike(brand);
        var open =
                Scenario.awaitIncidents(
                        brand,
                        j ->
                                j.getList("$").size() == 1
                                        && "OPEN".equals(j.getString("[0].status")));
        var incidentId = open.getString("[0].id");
        assertThat(Alerts.readUntil(brand, Alerts.ofType("AlertRaised"))).hasSize(1);
        var session = DashboardLogin.as("rhea.restart", "viewer");
        assertThat(session.given().get("/dashboard/incidents").statusCode()).isEqualTo(200);

        // A graceful stop (SIGTERM), then a new process on the same database and broker.
        service.close();
        service = start("incident-restart-2.log");

        var afterRestart = Scenario.incidents(brand);
        assertThat(afterRestart.getList("id")).containsExactly(incidentId);
        assertThat(afterRestart.getString("[0].status")).isEqualTo("OPEN");
        assertThat(detectorSnapshot(brand)).contains("\"firing\":true");

        var page = session.given().get("/dashboard/incidents");
        assertThat(page.statusCode())
                .as("the session cookie is still accepted (not a redirect to the login)")
                .isEqualTo(200);
        assertThat(page.asString()).contains(">rhea.restart</strong>");

        Scenario.moreOfTheSame(brand);
        Scenario.calmLater(brand);
        var resolved =
                Scenario.awaitIncidents(brand, j -> "RESOLVED".equals(j.getString("[0].status")));
        assertThat(resolved.getList("id")).containsExactly(incidentId);
        assertThat(resolved.getString("[0].resolvedBy")).isEqualTo("system:detector");
        var events = Alerts.readUntil(brand, Alerts.ofType("AlertResolved"));
        assertThat(events.stream().filter(Alerts.ofType("AlertRaised"))).hasSize(1);
    }

    /** The packaged service as a child JVM, ready to serve; RestAssured points at it. */
    private ServiceProcess start(String log) {
        var process =
                ServiceProcess.start(
                        "alert-service",
                        JAR,
                        port,
                        managementPort,
                        config,
                        Map.of(),
                        List.of("-Xmx384m"),
                        Path.of("target", log));
        // Readiness is on the management port (ServiceProcess.awaitReady asks the API port).
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException(
                                        "alert-service exited; see " + process.log());
                            }
                            try {
                                return given().baseUri("http://localhost:" + managementPort)
                                                .get("/q/health/ready")
                                                .statusCode()
                                        == 200;
                            } catch (Exception e) {
                                // Not listening yet.
                                return false;
                            }
                        });
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = port;
        return process;
    }

    private String detectorSnapshot(String brand) throws SQLException {
        try (var db =
                        DriverManager.getConnection(
                                jdbcUrl,
                                config.get("quarkus.datasource.username"),
                                config.get("quarkus.datasource.password"));
                var query =
                        db.prepareStatement(
                                "SELECT snapshot FROM detector_state WHERE brand_id = ? AND"
                                        + " facility_id = ''")) {
            query.setString(1, brand);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).as("a detector state for " + brand).isTrue();
                return rows.getString(1);
            }
        }
    }
}
