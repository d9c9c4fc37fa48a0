package org.caresignal.sentiment.tools;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.caresignal.local.stack.KafkaBroker;
import org.caresignal.sentiment.support.OidcTestServer;
import org.caresignal.sentiment.support.Tokens;

/**
 * The {@code sentiment-service/history-bench} command: starts the packaged sentiment-service
 * against a database filled by {@link HistoryGenerator} (with a test OIDC provider and an embedded
 * Kafka broker beside it, the retention purge off), then requests, one at a time, each kind of
 * history and search query for random brands and ranges within the data and prints p50/p95/max
 * milliseconds per kind (the client's time over loopback, response read completely).
 */
public final class HistoryBench {

    private static final Pattern CURSOR = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");

    private HistoryBench() {}

    /** One kind of request: a name and, for a random draw, the path and query to request. */
    private record Kind(String name, int requests, Function<SplittableRandom, String> request) {}

    public static void main(String[] args) throws Exception {
        var options = HistoryDatabase.options(args);
        int requests = Integer.parseInt(options.getOrDefault("requests", "50"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        long seed = Long.parseLong(options.getOrDefault("seed", "7"));
        var oidc = new OidcTestServer();
        var oidcConfig = oidc.start();
        var kafkaDir = Files.createTempDirectory("history-bench-kafka");
        Process service = null;
        try (var database = HistoryDatabase.open(options);
                var kafka = KafkaBroker.start(kafkaDir, 0, 1)) {
            database.migrate();
            var brands = new ArrayList<String>();
            Instant last;
            try (var db = database.connect();
                    var st = db.createStatement()) {
                try (var rs =
                        st.executeQuery(
                                "select brand_id from sentiment_rollup where aspect = '' group by"
                                        + " brand_id order by sum(negative + neutral + positive)"
                                        + " desc")) {
                    while (rs.next()) {
                        brands.add(rs.getString(1));
                    }
                }
                try (var rs = st.executeQuery("select max(hour) from sentiment_rollup")) {
                    rs.next();
                    last = rs.getTimestamp(1).toInstant().plus(Duration.ofHours(1));
                }
            }
            if (brands.isEmpty()) {
                throw new IllegalStateException("no mentions: run generate-history first");
            }
            int httpPort;
            int managementPort;
            try (var a = new ServerSocket(0);
                    var b = new ServerSocket(0)) {
                httpPort = a.getLocalPort();
                managementPort = b.getLocalPort();
            }
            var command =
                    new ArrayList<>(
                            List.of(
                                    "java",
                                    "-Xmx" + options.getOrDefault("heap", "1g"),
                                    "-Dquarkus.http.port=" + httpPort,
                                    "-Dquarkus.management.port=" + managementPort,
                                    "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                                    "-Dquarkus.datasource.jdbc.url=" + database.jdbcUrl,
                                    "-Dquarkus.datasource.username=" + database.user,
                                    "-Dquarkus.datasource.password=" + database.password,
                                    "-Dcaresignal.sentiment.retention.purge-every=off",
                                    "-Dquarkus.log.level=WARN"));
            oidcConfig.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
            service =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(Path.of("target/history-bench-service.log").toFile())
                            .start();
            var http = HttpClient.newHttpClient();
            waitUntilReady(http, managementPort, service);
            var base = "http://127.0.0.1:" + httpPort;
            // Ranges end at a random whole hour of the data's last 60 days (12-month ranges: of
            // the last 10 days, so that they hold a full year).
            var kinds =
                    List.of(
                            timeline(
                                    "30-day hourly, UTC",
                                    requests,
                                    brands,
                                    last,
                                    60,
                                    30,
                                    "hour",
                                    "UTC",
                                    r -> ""),
                            timeline(
                                    "30-day hourly, America/New_York",
                                    requests,
                                    brands,
                                    last,
                                    60,
                                    30,
                                    "hour",
                                    "America/New_York",
                                    r -> ""),
                            timeline(
                                    "30-day hourly, one aspect",
                                    requests,
                                    brands,
                                    last,
                                    60,
                                    30,
                                    "hour",
                                    "UTC",
                                    r ->
                                            "&aspect="
                                                    + HistoryGenerator.ASPECTS[
                                                            r.nextInt(
                                                                    HistoryGenerator.ASPECTS
                                                                            .length)]),
                            timeline(
                                    "12-month daily, America/New_York",
                                    requests,
                                    brands,
                                    last,
                                    10,
                                    365,
                                    "day",
                                    "America/New_York",
                                    r -> ""),
                            timeline(
                                    "12-month daily, one facility",
                                    requests,
                                    brands,
                                    last,
                                    10,
                                    365,
                                    "day",
                                    "UTC",
                                    r -> "&facility=" + pickBrand(brands, r) + "-site-1"),
                            timeline(
                                    "30-day hourly, Asia/Kolkata (raw rows)",
                                    Math.max(5, requests / 5),
                                    brands,
                                    last,
                                    60,
                                    30,
                                    "hour",
                                    "Asia/Kolkata",
                                    r -> ""),
                            new Kind(
                                    "search q=parking, 30 days, first page",
                                    requests,
                                    r -> search(brands, r, last, "parking", "")),
                            new Kind(
                                    "search q=ambulance, negative, one source, 90 days",
                                    requests,
                                    r ->
                                            search(
                                                    brands,
                                                    r,
                                                    last,
                                                    "ambulance",
                                                    "&label=negative&source=mastodon")));
            var random = new SplittableRandom(seed);
            var token = Tokens.analyst();
            var tokenAt = Instant.now();
            var results = new LinkedHashMap<String, double[]>();
            var nextPages = new double[requests];
            int nextPageCount = 0;
            for (var kind : kinds) {
                var times = new double[kind.requests()];
                for (int i = -warmup; i < kind.requests(); i++) {
                    if (Duration.between(tokenAt, Instant.now()).toMinutes() >= 3) {
                        token = Tokens.analyst();
                        tokenAt = Instant.now();
                    }
                    var path = kind.request().apply(random);
                    var timed = get(http, base + path, token);
                    if (i >= 0) {
                        times[i] = timed.millis();
                    }
                    // The search's next page, by the cursor of the first (keyset pagination).
                    if (kind.name().startsWith("search q=parking") && i >= 0) {
                        var cursor = CURSOR.matcher(timed.body());
                        if (cursor.find() && nextPageCount < nextPages.length) {
                            var next =
                                    get(
                                            http,
                                            base
                                                    + path
                                                    + "&cursor="
                                                    + URLEncoder.encode(
                                                            cursor.group(1),
                                                            StandardCharsets.UTF_8),
                                            token);
                            nextPages[nextPageCount++] = next.millis();
                        }
                    }
                }
                results.put(kind.name(), times);
                System.err.println(kind.name() + ": " + summary(times));
            }
            results.put(
                    "search q=parking, next page (cursor)",
                    Arrays.copyOf(nextPages, nextPageCount));
            System.out.println("| query | requests | p50 ms | p95 ms | max ms |");
            System.out.println("| --- | --- | --- | --- | --- |");
            results.forEach(
                    (name, times) ->
                            System.out.printf(
                                    Locale.ROOT,
                                    "| %s | %d | %s |%n",
                                    name,
                                    times.length,
                                    summary(times).replace(" ", " | ")));
            double hourly =
                    worstP95(results, "30-day hourly, UTC", "30-day hourly, America/New_York");
            double daily = worstP95(results, "12-month daily, America/New_York");
            double search =
                    worstP95(
                            results,
                            "search q=parking, 30 days, first page",
                            "search q=ambulance, negative, one source, 90 days");
            System.out.printf(
                    Locale.ROOT,
                    "history_p95_ms hourly_30d=%.0f daily_12m=%.0f search=%.0f%n",
                    hourly,
                    daily,
                    search);
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor();
            }
            oidc.stop();
            System.exit(0);
        }
    }

    private static String pickBrand(List<String> brands, SplittableRandom random) {
        return brands.get(random.nextInt(brands.size()));
    }

    /**
     * A timeline kind: ranges of {@code days} ending at a random hour of the data's last {@code
     * withinDays} days, of a random brand, with {@code extra} parameters drawn after the brand.
     */
    private static Kind timeline(
            String name,
            int requests,
            List<String> brands,
            Instant last,
            int withinDays,
            int days,
            String bucket,
            String zone,
            Function<SplittableRandom, String> extra) {
        return new Kind(
                name,
                requests,
                random -> {
                    // Drawn first, as when these were arguments of the request's builder, so that
                    // a seed gives the same requests as before.
                    var suffix = extra.apply(random);
                    var to = last.minus(Duration.ofHours(random.nextInt(withinDays * 24)));
                    var from = to.minus(Duration.ofDays(days));
                    return "/api/brands/"
                            + pickBrand(brands, random)
                            + "/sentiment?from="
                            + from
                            + "&to="
                            + to
                            + "&bucket="
                            + bucket
                            + "&tz="
                            + zone
                            + suffix;
                });
    }

    private static String search(
            List<String> brands, SplittableRandom random, Instant last, String word, String extra) {
        var to = last.minus(Duration.ofHours(random.nextInt(60 * 24)));
        var from = to.minus(Duration.ofDays(extra.isEmpty() ? 30 : 90));
        return "/api/mentions?brand="
                + pickBrand(brands, random)
                + "&from="
                + from
                + "&to="
                + to
                + "&q="
                + word
                + extra;
    }

    private record Timed(double millis, String body) {}

    private static Timed get(HttpClient http, String url, String token) throws Exception {
        var request =
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json")
                        .timeout(Duration.ofMinutes(2))
                        .build();
        long started = System.nanoTime();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - started) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    url + " answered " + response.statusCode() + ": " + response.body());
        }
        return new Timed(millis, response.body());
    }

    /** The highest p95 of the named kinds. */
    private static double worstP95(Map<String, double[]> results, String... kinds) {
        return Arrays.stream(kinds).mapToDouble(k -> p(results.get(k), 95)).max().orElseThrow();
    }

    private static double p(double[] times, int percentile) {
        var sorted = times.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        // Nearest rank.
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String summary(double[] times) {
        var sorted = times.clone();
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "%.0f %.0f %.0f",
                p(times, 50),
                p(times, 95),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    }

    private static void waitUntilReady(HttpClient http, int managementPort, Process service)
            throws Exception {
        var deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new IllegalStateException(
                        "the service stopped; see target/history-bench-service.log");
            }
            try {
                var response =
                        http.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + managementPort
                                                                + "/q/health/started"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the service did not start in 5 minutes");
    }
}
