package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard (deploy/grafana) and the alerting rules (deploy/prometheus) query only
 * metrics the running services expose: every metric name in their PromQL is on some service's
 * {@code /q/metrics}, once a mention has gone through the pipeline.
 */
class MonitoringIT {

    private static final Path DEPLOY =
            Path.of(System.getProperty("caresignal.repo", "../.."))
                    .toAbsolutePath()
                    .normalize()
                    .resolve("deploy");

    // Series Prometheus makes itself when it scrapes, never on /q/metrics.
    private static final Set<String> SCRAPE_SERIES = Set.of("up");

    private static final Set<String> KEYWORDS =
            Set.of(
                    "and",
                    "or",
                    "unless",
                    "by",
                    "without",
                    "on",
                    "ignoring",
                    "group_left",
                    "group_right",
                    "bool",
                    "offset",
                    "inf",
                    "nan");
    private static final Pattern NAME = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*\\b");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyMetricOfTheDashboardAndTheAlertingRulesIsExposed() throws Exception {
        var used = new TreeMap<String, String>();
        for (var expr : dashboardQueries()) {
            metricNames(expr).forEach(name -> used.putIfAbsent(name, "dashboard: " + expr));
        }
        for (var expr : ruleQueries()) {
            metricNames(expr).forEach(name -> used.putIfAbsent(name, "rule: " + expr));
        }
        assertThat(used.keySet())
                .as("the metric extraction sees the pipeline metrics")
                .contains(
                        "kafka_consumer_fetch_manager_records_lag",
                        "caresignal_consumer_in_flight",
                        "caresignal_dead_letters_total",
                        "caresignal_outbox_backlog",
                        "caresignal_outbox_oldest_age_seconds");
        used.keySet().removeAll(SCRAPE_SERIES);

        // Counters such as mentions counted appear with their first mention.
        var e2e = E2eSystem.shared();
        var brand = Incidents.uniqueBrand("metrics");
        e2e.api.postMention(
                brand, "post-" + UUID.randomUUID(), "Clean rooms, quick check-in.", Instant.now());
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(e2e.api.totalCount(brand)).isEqualTo(1));

        // The Kafka clients publish their metrics every few seconds after they are assigned.
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> {
                            var exposed = exposedMetrics(e2e);
                            var missing = new TreeMap<>(used);
                            missing.keySet().removeAll(exposed);
                            assertThat(missing)
                                    .as("metrics queried but exposed by no service's /q/metrics")
                                    .isEmpty();
                        });
    }

    @Test
    void theMetricExtractionReadsPromQl() {
        assertThat(
                        metricNames(
                                "sum by (job, topic) (rate(caresignal_dead_letters_total{job=~\"$job\","
                                        + " topic!=\"x_y\"}[5m])) * 60 > 0 and on (job)"
                                        + " up offset 10m"))
                .containsExactlyInAnyOrder("caresignal_dead_letters_total", "up");
        assertThat(
                        metricNames(
                                "histogram_quantile(0.95, sum by (le)"
                                        + " (rate(a_seconds_bucket[5m]))) / ignoring(x) b_total"))
                .containsExactlyInAnyOrder("a_seconds_bucket", "b_total");
    }

    /** Metric names in a PromQL expression: not functions, keywords, labels, strings or ranges. */
    static Set<String> metricNames(String expr) {
        var stripped =
                expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                        .replaceAll("\\{[^}]*\\}", " ")
                        .replaceAll("\\[[^\\]]*\\]", " ")
                        .replaceAll(
                                "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)",
                                " ");
        var names = new TreeSet<String>();
        var matcher = NAME.matcher(stripped);
        while (matcher.find()) {
            var name = matcher.group();
            var rest = stripped.substring(matcher.end()).stripLeading();
            if (rest.startsWith("(") || KEYWORDS.contains(name.toLowerCase())) {
                continue;
            }
            names.add(name);
        }
        return names;
    }

    private static List<String> dashboardQueries() throws Exception {
        var dashboard =
                new ObjectMapper()
                        .readTree(DEPLOY.resolve("grafana/caresignal-pipeline.json").toFile());
        var queries = new ArrayList<String>();
        collectExpressions(dashboard.get("panels"), queries);
        assertThat(queries).as("queries of the dashboard").isNotEmpty();
        return queries;
    }

    private static void collectExpressions(JsonNode panels, List<String> into) {
        for (var panel : panels) {
            for (var target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    into.add(target.get("expr").asText());
                }
            }
            collectExpressions(panel.path("panels"), into);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> ruleQueries() throws Exception {
        Map<String, Object> rules =
                new Yaml()
                        .load(Files.readString(DEPLOY.resolve("prometheus/caresignal-alerts.yml")));
        var queries = new ArrayList<String>();
        for (var group : (List<Map<String, Object>>) rules.get("groups")) {
            for (var rule : (List<Map<String, Object>>) group.get("rules")) {
                queries.add(String.valueOf(rule.get("expr")));
            }
        }
        assertThat(queries).as("expressions of the alerting rules").isNotEmpty();
        return queries;
    }

    /** Every metric name on the three services' /q/metrics (series lines and # TYPE lines). */
    private Set<String> exposedMetrics(E2eSystem e2e) throws Exception {
        var names = new TreeSet<String>();
        for (var service : e2e.system.services()) {
            var response =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(service.managementUrl() + "/q/metrics"))
                                    .header("Accept", "text/plain")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(service.name() + " /q/metrics").isEqualTo(200);
            for (var line : response.body().split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                var end = line.indexOf('{');
                if (end < 0) {
                    end = line.indexOf(' ');
                }
                names.add(line.substring(0, end));
            }
        }
        return names;
    }
}
