package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.caresignal.local.stack.ServiceProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Without a token nothing under /api/** answers but 401 problem+json, on every endpoint of the
 * three services' role tables in docs/security.md and on paths that do not exist; health and
 * metrics live on the management ports only.
 */
class ApiAuthenticationIT {

    private static final Pattern ROW =
            Pattern.compile("^\\| (GET|POST|PUT|DELETE) \\| (/api/\\S*) \\|", Pattern.MULTILINE);

    private static E2eSystem e2e;

    @BeforeAll
    static void start() {
        e2e = E2eSystem.shared();
    }

    @Test
    void anonymousCallsOnEveryApiEndpointOfTheThreeServicesGet401ProblemJson() throws Exception {
        var services = e2e.system.services();
        var soft = new SoftAssertions();
        int calls = 0;
        for (var service : services) {
            var rows = apiRows(service.name());
            assertThat(rows).as("%s's role table", service.name()).isNotEmpty();
            // A path that does not exist answers alike: a stranger cannot map the API.
            rows.add(new String[] {"GET", "/api/no-such-endpoint"});
            for (var row : rows) {
                var path = row[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                var request =
                        HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                                .header("Content-Type", "application/json")
                                .method(
                                        row[0],
                                        row[0].equals("GET") || row[0].equals("DELETE")
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofString("{}"));
                var reply = e2e.api.send(request);
                var what = service.name() + " " + row[0] + " " + path;
                soft.assertThat(reply.status()).as(what).isEqualTo(401);
                soft.assertThat(reply.contentType())
                        .as(what)
                        .startsWith("application/problem+json");
                soft.assertThat(reply.headers().firstValue("WWW-Authenticate").orElse(""))
                        .as(what)
                        .startsWith("Bearer");
                calls++;
            }
        }
        soft.assertAll();
        // ingest 20, sentiment 5, alert 29 rows under /api when this was written.
        assertThat(calls).isGreaterThan(40);
    }

    @Test
    void aForgedOrExpiredLookingTokenIsRefusedLikeNone() {
        var token = e2e.api.token("analyst");
        // Same header and claims, signature of another key: the services verify, not trust.
        var forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        var reply =
                e2e.api.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                e2e.system.sentimentUrl()
                                                        + "/api/mentions?brand=any"))
                                .header("Authorization", "Bearer " + forged));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContain(forged);
    }

    @Test
    void healthAndMetricsAreServedOnTheManagementPortsOnly() {
        for (ServiceProcess service : e2e.system.services()) {
            var onHttp = e2e.api.get(service.baseUrl() + "/q/metrics", null);
            assertThat(onHttp.status())
                    .as(service.name() + " /q/metrics on its HTTP port")
                    .isNotEqualTo(200);
            assertThat(onHttp.body()).doesNotContain("# TYPE");
            var healthOnHttp = e2e.api.get(service.baseUrl() + "/q/health/ready", null);
            assertThat(healthOnHttp.status())
                    .as(service.name() + " /q/health on its HTTP port")
                    .isNotEqualTo(200);

            var metrics = e2e.api.get(service.managementUrl() + "/q/metrics", null);
            assertThat(metrics.status()).as(service.name() + " /q/metrics").isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE").contains("jvm_");
            var health = e2e.api.get(service.managementUrl() + "/q/health/ready", null);
            assertThat(health.status()).as(service.name() + " /q/health/ready").isEqualTo(200);
            assertThat(health.body()).contains("UP");
        }
    }

    /** {method, path} of the /api rows of a service's role table. */
    private static List<String[]> apiRows(String service) throws IOException {
        var doc =
                Files.readString(
                        Path.of(System.getProperty("caresignal.repo", "../.."))
                                .resolve("docs/security.md"));
        int start = doc.indexOf("<!-- role-table " + service + " -->");
        int end = doc.indexOf("<!-- /role-table -->", start);
        assertThat(start).as("role table of " + service).isNotNegative();
        var rows = new ArrayList<String[]>();
        var matcher = ROW.matcher(doc.substring(start, end));
        while (matcher.find()) {
            rows.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        return rows;
    }
}
