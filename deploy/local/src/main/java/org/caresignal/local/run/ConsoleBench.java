package org.caresignal.local.run;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.caresignal.local.stack.IdentitySecrets;

/**
 * The console's page-time benchmark ({@code deploy/local/console-bench}): against a running local
 * run, loads a million stored mentions of the demo brand into sentiment-service's and
 * alert-service's databases (once), signs in as the demo analyst through Keycloak's login form with
 * a cookie-keeping HTTP client, requests the overview and the explorer many times each and prints
 * p50, p95 and max per page, then a last line {@code console_p95_ms overview=.. explorer=..}.
 */
public final class ConsoleBench {

    /** Command-line options. */
    record Options(
            Path dataDir,
            String consoleUrl,
            String ingestUrl,
            String keycloakUrl,
            String postgres,
            int mentions,
            int days,
            int requests,
            int warmup,
            String word,
            boolean load) {

        static Options parse(String[] args) {
            Path data = Path.of(".data");
            String console = "http://localhost:8083";
            String ingest = "http://localhost:8081";
            String keycloak = "http://localhost:18080";
            String postgres = "localhost:5432";
            int mentions = 1_000_000;
            int days = 90;
            int requests = 50;
            int warmup = 5;
            String word = "ambulance";
            boolean load = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--data-dir" -> data = Path.of(value(args, ++i));
                    case "--console-url" -> console = value(args, ++i);
                    case "--ingest-url" -> ingest = value(args, ++i);
                    case "--keycloak-url" -> keycloak = value(args, ++i);
                    case "--postgres" -> postgres = value(args, ++i);
                    case "--mentions" -> mentions = Integer.parseInt(value(args, ++i));
                    case "--days" -> days = Integer.parseInt(value(args, ++i));
                    case "--requests" -> requests = Integer.parseInt(value(args, ++i));
                    case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                    case "--word" -> word = value(args, ++i);
                    case "--no-load" -> load = false;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (mentions < 1 || days < 1 || requests < 1 || warmup < 0) {
                throw new IllegalArgumentException("counts must be positive");
            }
            return new Options(
                    data.toAbsolutePath(),
                    console,
                    ingest,
                    keycloak,
                    postgres,
                    mentions,
                    days,
                    requests,
                    warmup,
                    word,
                    load);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    /**
     * One page measured: its name, path (with query) and a piece of its HTML that only the page
     * itself has (its main element's id), so that an error page answered with 200 is not timed.
     */
    record Page(String name, String path, String marker) {}

    /**
     * Milliseconds of the timed requests of one page, or why it could not be measured.
     *
     * @param failure null when measured
     */
    record Timings(Page page, long[] millis, String failure) {

        long percentile(double p) {
            return ConsoleBench.percentile(millis, p);
        }

        long max() {
            return Arrays.stream(millis).max().orElse(0);
        }
    }

    private static final Pattern LOGIN_FORM =
            Pattern.compile(
                    "<form[^>]*id=\"kc-form-login\"[^>]*>|<form[^>]*action=\"[^\"]*login-actions/authenticate[^\"]*\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    private static final String OVERVIEW = "id=\"overview\"";
    private static final String EXPLORER = "id=\"explorer\"";

    private ConsoleBench() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(
                    "usage: deploy/local/console-bench [--start] [--data-dir DIR] [--mentions N]"
                            + " [--days D] [--requests N] [--warmup N] [--word W] [--no-load]");
            System.exit(2);
            return;
        }
        var identity = readIdentity(options.dataDir());
        if (options.load()) {
            load(options, identity);
        }
        settle(options);
        var http = signIn(options, identity.getProperty(passwordOf("analyst")));
        var brand = "?brand=" + DemoFeeder.BRAND;
        var word = URLEncoder.encode(options.word(), StandardCharsets.UTF_8);
        var pages =
                List.of(
                        new Page("overview 7d", "/dashboard" + brand + "&range=7d", OVERVIEW),
                        new Page("overview 30d", "/dashboard" + brand + "&range=30d", OVERVIEW),
                        new Page(
                                "explorer q=" + options.word(),
                                "/dashboard/mentions" + brand + "&q=" + word,
                                EXPLORER),
                        new Page(
                                "explorer q=" + options.word() + " by amplification",
                                "/dashboard/mentions"
                                        + brand
                                        + "&q="
                                        + word
                                        + "&sort=amplification",
                                EXPLORER));
        var results = new ArrayList<Timings>();
        for (var page : pages) {
            results.add(measure(http, options, page));
        }
        say("");
        say(
                String.format(
                        Locale.ROOT,
                        "%-40s %8s %8s %8s  (ms, %d requests each after %d warm-up, one at a time)",
                        "page",
                        "p50",
                        "p95",
                        "max",
                        options.requests(),
                        options.warmup()));
        for (var t : results) {
            if (t.failure() != null) {
                say(String.format(Locale.ROOT, "%-40s %s", t.page().name(), t.failure()));
                continue;
            }
            say(
                    String.format(
                            Locale.ROOT,
                            "%-40s %8d %8d %8d",
                            t.page().name(),
                            t.percentile(50),
                            t.percentile(95),
                            t.max()));
        }
        say(
                "console_p95_ms overview="
                        + worstP95(results.subList(0, 2))
                        + " explorer="
                        + worstP95(results.subList(2, 4)));
    }

    /**
     * VACUUM ANALYZE of both databases before measuring: a bulk load or a migration that rewrote
     * every row (sentiment V9) leaves dead rows and no visibility map until autovacuum passes, and
     * the pages would be timed on a database no running system has for long.
     */
    private static void settle(Options options) throws Exception {
        var jdbc = "jdbc:postgresql://" + options.postgres() + "/";
        say("Vacuuming and analysing the databases before measuring...");
        for (var name : List.of("sentiment", "alert")) {
            try (var db = BenchData.connect(jdbc + name, name);
                    var statement = db.createStatement()) {
                statement.execute("vacuum analyze");
            }
        }
    }

    private static void load(Options options, Properties identity) throws Exception {
        var jdbc = "jdbc:postgresql://" + options.postgres() + "/";
        try (var sentiment = BenchData.connect(jdbc + "sentiment", "sentiment");
                var alert = BenchData.connect(jdbc + "alert", "alert")) {
            long present = BenchData.count(sentiment);
            if (present >= options.mentions()) {
                say("Found " + present + " bench mentions already loaded; not loading again.");
                return;
            }
            if (present > 0) {
                throw new IllegalStateException(
                        present
                                + " bench mentions are loaded, fewer than asked: use a fresh data"
                                + " directory (--wipe) or --mentions "
                                + present);
            }
            registerBrand(options, identity);
            var data =
                    new BenchData(
                            DemoFeeder.BRAND,
                            options.mentions(),
                            Duration.ofDays(options.days()),
                            Instant.now());
            var texts =
                    DemoFeeder.load().stream()
                            .filter(p -> !p.hasNonNull("repostOf"))
                            .map(p -> p.get("text").asText())
                            .toList();
            long begin = System.nanoTime();
            say(
                    "Loading "
                            + options.mentions()
                            + " mentions of "
                            + DemoFeeder.BRAND
                            + " over "
                            + options.days()
                            + " days into sentiment-service's database...");
            data.loadSentiment(sentiment, texts);
            say("  ...and their counts into alert-service's...");
            data.loadAlert(alert, texts);
            say("Loaded in " + Duration.ofNanos(System.nanoTime() - begin).toSeconds() + " s.");
        }
    }

    /** The brand must exist at ingest-service for the pages to name it. */
    private static void registerBrand(Options options, Properties identity) {
        var admin = identity.getProperty(passwordOf("admin"));
        new DemoFeeder(options.ingestUrl(), "", () -> passwordGrant(options, "admin", admin))
                .registerBrand();
    }

    private static String passwordGrant(Options options, String role, String password) {
        var body =
                "grant_type=password&client_id=caresignal-cli&username="
                        + IdentitySecrets.demoUser(role)
                        + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8);
        var response =
                send(
                        HttpClient.newHttpClient(),
                        HttpRequest.newBuilder(
                                        URI.create(
                                                options.keycloakUrl()
                                                        + "/realms/caresignal/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token: " + response.statusCode());
        }
        var matcher =
                Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no access token in Keycloak's answer");
        }
        return matcher.group(1);
    }

    /**
     * Signs in as demo-analyst as a browser would: the console redirects to Keycloak's login form,
     * the form is posted, the code comes back to the console, which sets its session cookie.
     */
    static HttpClient signIn(Options options, String password) {
        var http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .cookieHandler(new LocalhostCookies())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        var loginPage = send(http, get(options.consoleUrl() + "/dashboard"));
        var action = loginAction(loginPage.body());
        if (action == null) {
            throw new IllegalStateException(
                    "expected Keycloak's login form at "
                            + loginPage.uri()
                            + " (status "
                            + loginPage.statusCode()
                            + ")");
        }
        var form =
                "username="
                        + IdentitySecrets.demoUser("analyst")
                        + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)
                        + "&credentialId=";
        var signedIn =
                send(
                        http,
                        HttpRequest.newBuilder(loginPage.uri().resolve(action))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .timeout(Duration.ofSeconds(60))
                                .build());
        if (signedIn.statusCode() != 200
                || !signedIn.uri().getPath().startsWith("/dashboard")
                || loginAction(signedIn.body()) != null) {
            throw new IllegalStateException(
                    "sign-in as demo-analyst failed: ended at "
                            + signedIn.uri()
                            + " with "
                            + signedIn.statusCode());
        }
        say("Signed in as demo-analyst at " + options.consoleUrl() + "/dashboard.");
        return http;
    }

    /**
     * Keeps cookies as a browser does for http://localhost, a secure context to browsers: Keycloak
     * marks its cookies Secure even over plain HTTP, which Java's CookieManager would otherwise
     * never send back there (the login form's post then fails with 400).
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

    /** The login form's action URL in Keycloak's page, HTML entities undone; null if none. */
    static String loginAction(String html) {
        var form = LOGIN_FORM.matcher(html);
        if (!form.find()) {
            return null;
        }
        var action = ACTION.matcher(form.group());
        return action.find() ? action.group(1).replace("&amp;", "&") : null;
    }

    private static Timings measure(HttpClient http, Options options, Page page) {
        var url = options.consoleUrl() + page.path();
        say("Requesting " + url + " (" + options.warmup() + " + " + options.requests() + ")...");
        var millis = new long[options.requests()];
        for (int i = -options.warmup(); i < options.requests(); i++) {
            long begin = System.nanoTime();
            var response = send(http, get(url));
            long took = Duration.ofNanos(System.nanoTime() - begin).toMillis();
            if (response.statusCode() != 200
                    || loginAction(response.body()) != null
                    || !response.body().contains(page.marker())) {
                // A page not built yet (404) or failing: say so and measure the others.
                var failure =
                        "answered "
                                + response.statusCode()
                                + (response.statusCode() == 200 ? " without " + page.marker() : "")
                                + " at "
                                + response.uri();
                say("  " + page.name() + " " + failure);
                return new Timings(page, new long[0], failure);
            }
            if (i >= 0) {
                millis[i] = took;
            }
        }
        return new Timings(page, millis, null);
    }

    /** The largest p95 of the pages, or "n/a" when one of them could not be measured. */
    static String worstP95(List<Timings> pages) {
        long worst = 0;
        for (var t : pages) {
            if (t.failure() != null) {
                return "n/a";
            }
            worst = Math.max(worst, t.percentile(95));
        }
        return Long.toString(worst);
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        var sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/html")
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not reach " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String passwordOf(String role) {
        return IdentitySecrets.passwordVariable(role);
    }

    private static Properties readIdentity(Path dataDir) throws IOException {
        var file = dataDir.resolve(LocalRun.IDENTITY_FILE);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(
                    "no " + file + ": start the local run first (deploy/local/run)");
        }
        var properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
