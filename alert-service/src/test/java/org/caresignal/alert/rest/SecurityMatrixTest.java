package org.caresignal.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.security.Authenticated;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.caresignal.alert.support.DashboardLogin;
import org.caresignal.alert.support.OidcTestServer;
import org.caresignal.alert.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The alert-service role table of docs/security.md is the rule: (a) every resource method states
 * exactly the roles of its row, on the method itself, and the table and the code list the same
 * endpoints; (b) over HTTP every row answers anonymous callers 401 problem+json (the dashboard: a
 * redirect to the provider's login), each role in the row gets past authorization and every other
 * role (and an identity without any role) gets 403.
 */
@QuarkusTest
class SecurityMatrixTest {

    private static final java.nio.file.Path TABLE =
            java.nio.file.Path.of("..", "docs", "security.md");
    private static final java.nio.file.Path CLASSES = java.nio.file.Path.of("target", "classes");
    private static final String ROOT_PACKAGE = "org.caresignal.alert";
    private static final List<String> ROLES = List.of("viewer", "analyst", "responder", "admin");
    private static final Pattern ROW =
            Pattern.compile(
                    "^\\|\\s*(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\\s*\\|\\s*(\\S+(?: \\S+)*?)\\s*\\|\\s*([^|]*?)\\s*\\|\\s*$");

    /** One row of the table: method, path template, the allowed roles (or "anyone"). */
    record Row(String method, String path, Set<String> allowed) {
        String key() {
            return method + " " + path;
        }

        boolean dashboard() {
            return path.equals("/dashboard") || path.startsWith("/dashboard/");
        }
    }

    static List<Row> table() {
        String text;
        try {
            text = Files.readString(TABLE);
        } catch (IOException e) {
            throw new UncheckedIOException("docs/security.md must be readable from the module", e);
        }
        var start = text.indexOf("<!-- role-table alert-service -->");
        assertThat(start).as("the alert-service table in docs/security.md").isNotNegative();
        var end = text.indexOf("<!-- /role-table -->", start);
        var rows = new ArrayList<Row>();
        for (var line : text.substring(start, end).split("\n")) {
            var m = ROW.matcher(line.strip());
            if (m.matches()) {
                var allowed =
                        Arrays.stream(m.group(3).split(","))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .collect(Collectors.toCollection(TreeSet::new));
                rows.add(new Row(m.group(1), m.group(2), allowed));
            }
        }
        assertThat(rows).as("rows of the alert-service table").isNotEmpty();
        assertThat(rows.stream().map(Row::key).distinct().count())
                .as("no endpoint listed twice")
                .isEqualTo(rows.size());
        return rows;
    }

    /** Paths that quarkus-oidc serves itself (no resource method): the dashboard's logout. */
    static Set<String> servedByOidc() {
        var logout =
                ConfigProvider.getConfig()
                        .getValue("quarkus.oidc.dashboard.logout.path", String.class);
        return Set.of("GET " + logout);
    }

    // ---- (a) the code states the table's roles on every method --------------------------------

    @Test
    void everyResourceMethodStatesExactlyTheRolesOfItsRow() throws Exception {
        var expected = new TreeMap<String, Set<String>>();
        for (var row : table()) {
            if (!servedByOidc().contains(row.key())) {
                expected.put(row.key(), row.allowed());
            }
        }
        var actual = new TreeMap<String, Set<String>>();
        var problems = new ArrayList<String>();
        for (var type : resourceClasses()) {
            for (var security : List.of(RolesAllowed.class, PermitAll.class, DenyAll.class)) {
                if (type.isAnnotationPresent(security)) {
                    problems.add(
                            type.getSimpleName()
                                    + " has a class-level @"
                                    + security.getSimpleName());
                }
            }
            if (type.isAnnotationPresent(Authenticated.class)) {
                problems.add(type.getSimpleName() + " has a class-level @Authenticated");
            }
            var base = type.getAnnotation(Path.class).value();
            for (var method : type.getDeclaredMethods()) {
                var verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                var sub = method.getAnnotation(Path.class);
                var key = verb + " " + join(base, sub == null ? "" : sub.value());
                var roles = rolesOf(method);
                if (roles == null) {
                    problems.add(
                            key
                                    + " ("
                                    + type.getSimpleName()
                                    + "."
                                    + method.getName()
                                    + ") has no @RolesAllowed, @PermitAll, @Authenticated or"
                                    + " @DenyAll");
                    roles = Set.of("<none>");
                }
                if (actual.put(key, roles) != null) {
                    problems.add(key + " is served by two methods");
                }
            }
        }
        assertThat(problems).as("security annotations").isEmpty();
        assertThat(actual.keySet())
                .as("endpoints in the code (left) and in docs/security.md (right)")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (var entry : expected.entrySet()) {
            assertThat(actual.get(entry.getKey()))
                    .as("roles of " + entry.getKey())
                    .containsExactlyInAnyOrderElementsOf(entry.getValue());
        }
    }

    @Test
    void theServedByOidcRowsAreConfiguredAsSuch() {
        var keys = table().stream().map(Row::key).collect(Collectors.toSet());
        assertThat(keys).containsAll(servedByOidc());
    }

    private List<Class<?>> resourceClasses() throws IOException {
        var root = CLASSES.resolve(ROOT_PACKAGE.replace('.', '/'));
        var loader = getClass().getClassLoader();
        var classes = new ArrayList<Class<?>>();
        try (var files = Files.walk(root)) {
            for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                var name =
                        CLASSES.relativize(file)
                                .toString()
                                .replace(java.io.File.separatorChar, '.')
                                .replaceFirst("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                if (type.isAnnotationPresent(Path.class)) {
                    classes.add(type);
                }
            }
        }
        assertThat(classes).as("resource classes under " + root).isNotEmpty();
        return classes;
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            var verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static Set<String> rolesOf(Method method) {
        var rolesAllowed = method.getAnnotation(RolesAllowed.class);
        if (rolesAllowed != null) {
            return new TreeSet<>(Arrays.asList(rolesAllowed.value()));
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            return Set.of("anyone");
        }
        if (method.isAnnotationPresent(Authenticated.class)) {
            return Set.of("authenticated");
        }
        if (method.isAnnotationPresent(DenyAll.class)) {
            return Set.of();
        }
        return null;
    }

    private static String join(String base, String sub) {
        var path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/")
                ? path.substring(0, path.length() - 1)
                : path;
    }

    // ---- (b) every row over HTTP, anonymous and as each role ----------------------------------

    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    /** What one call answered (the body cut short: streams never end). */
    record Answer(int status, String contentType, String location, String wwwAuthenticate) {}

    @Test
    void everyRowAnswersAnonymousCallersAndEachRoleAsTheTableSays() {
        var rows = table();
        var sessions = new LinkedHashMap<String, DashboardLogin.Session>();
        for (var role : ROLES) {
            sessions.put(role, DashboardLogin.as("matrix-" + role, role));
        }
        sessions.put("", DashboardLogin.as("matrix-no-role"));
        var tokens = new LinkedHashMap<String, String>();
        for (var role : ROLES) {
            tokens.put(role, Tokens.of("matrix-" + role, role));
        }
        tokens.put("", Tokens.of("matrix-no-role"));

        var failures = new ArrayList<String>();
        // The logout rows last: a signed-out session must not change the other answers.
        var ordered =
                rows.stream()
                        .sorted(
                                (a, b) ->
                                        Boolean.compare(
                                                servedByOidc().contains(a.key()),
                                                servedByOidc().contains(b.key())))
                        .toList();
        for (var row : ordered) {
            var path = concrete(row.path());
            var anonymous = call(row, path, null, null);
            if (row.allowed().contains("anyone")) {
                expectAllowed(failures, row, "anonymous", anonymous);
            } else if (row.dashboard()) {
                expectLoginRedirect(failures, row, anonymous);
            } else {
                expectProblem(failures, row, "anonymous", anonymous, 401);
            }
            for (var role : tokens.keySet()) {
                var who = role.isEmpty() ? "no role" : role;
                var answer =
                        row.dashboard()
                                ? call(row, path, null, sessions.get(role).cookieHeader())
                                : call(row, path, tokens.get(role), null);
                // Signing out needs a session only: a person without a role may end theirs too.
                boolean signOut = servedByOidc().contains(row.key());
                if (row.allowed().contains("anyone") || row.allowed().contains(role) || signOut) {
                    expectAllowed(failures, row, who, answer);
                } else if (row.dashboard()) {
                    if (answer.status() != 403 || !answer.contentType().startsWith("text/html")) {
                        failures.add(
                                row.key() + " as " + who + ": expected a 403 page, got " + answer);
                    }
                } else {
                    expectProblem(failures, row, who, answer, 403);
                }
            }
        }
        assertThat(failures).as("answers that differ from docs/security.md").isEmpty();
    }

    @Test
    void anAnonymousCallerGets401OnEveryApiPathKnownOrNotAndASignedInOne404() {
        for (var path : List.of("/api", "/api/no-such-thing", "/api/brands/x/y/z/w")) {
            given().get(path)
                    .then()
                    .statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", startsWith("Bearer"));
            given().auth()
                    .oauth2(Tokens.viewer())
                    .get(path)
                    .then()
                    .statusCode(404)
                    .contentType(startsWith("application/problem+json"));
        }
    }

    @Test
    void aTokenThatFailsVerificationIs401WithoutEchoingIt() {
        var garbage = "not-a-jwt";
        for (var token :
                List.of(
                        Tokens.expired("matrix-admin", "admin"),
                        Tokens.forAudience("another-service", "matrix-admin", "admin"),
                        Tokens.admin().substring(0, Tokens.admin().length() - 4) + "AAAA",
                        garbage)) {
            var answer =
                    given().auth()
                            .oauth2(token)
                            .get("/api/channels")
                            .then()
                            .statusCode(401)
                            .contentType("application/problem+json")
                            .header("WWW-Authenticate", startsWith("Bearer"))
                            .extract()
                            .asString();
            assertThat(answer).doesNotContain(token).doesNotContain("matrix-admin");
        }
    }

    private static void expectAllowed(List<String> failures, Row row, String who, Answer answer) {
        boolean toLogin =
                answer.status() == 302
                        && answer.location() != null
                        && answer.location()
                                .startsWith(OidcTestServer.baseUrl() + "/auth/realms/quarkus?");
        if (answer.status() == 401 || answer.status() == 403 || toLogin) {
            failures.add(row.key() + " as " + who + ": expected to be let through, got " + answer);
        }
    }

    private static void expectLoginRedirect(List<String> failures, Row row, Answer answer) {
        if (answer.status() != 302
                || answer.location() == null
                || !answer.location()
                        .startsWith(OidcTestServer.baseUrl() + "/auth/realms/quarkus")) {
            failures.add(
                    row.key() + " anonymous: expected a redirect to the provider, got " + answer);
        }
    }

    private static void expectProblem(
            List<String> failures, Row row, String who, Answer answer, int status) {
        if (answer.status() != status
                || !answer.contentType().startsWith("application/problem+json")
                || (status == 401
                        && (answer.wwwAuthenticate() == null
                                || !answer.wwwAuthenticate().startsWith("Bearer")))) {
            failures.add(
                    row.key()
                            + " as "
                            + who
                            + ": expected "
                            + status
                            + " problem+json, got "
                            + answer);
        }
    }

    /** Harmless values for the path's parameters: nothing the call finds, or a brand of its own. */
    private static String concrete(String template) {
        return template.replace("{path: .+}", "matrix-no-such-page")
                .replace("{name}", "dashboard.css")
                .replace("{brandId}", "matrix-" + UUID.randomUUID().toString().substring(0, 8))
                .replace("{cadence}", "DAILY")
                .replace("{id}", UUID.randomUUID().toString());
    }

    private static Answer call(Row row, String path, String token, String cookies) {
        var request =
                HttpRequest.newBuilder(URI.create(DashboardLogin.appBase() + path))
                        .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        var hasBody = row.method().equals("POST") || row.method().equals("PUT");
        if (row.dashboard()) {
            // What a browser sends (EventSource asks for text/event-stream, covered by */*).
            request.header("Origin", DashboardLogin.appBase())
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
            if (hasBody) {
                request.header("Content-Type", "application/x-www-form-urlencoded");
            }
        } else {
            request.header("Accept", "application/json, text/event-stream");
            if (hasBody) {
                request.header("Content-Type", "application/json");
            }
        }
        request.method(
                row.method(),
                hasBody
                        ? HttpRequest.BodyPublishers.ofString(row.dashboard() ? "" : "{}")
                        : HttpRequest.BodyPublishers.noBody());
        try {
            HttpResponse<InputStream> response =
                    HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (var body = response.body()) {
                // A stream answers its headers at once and never ends: do not wait for the body.
                var type = response.headers().firstValue("Content-Type").orElse("");
                if (!type.startsWith("text/event-stream")) {
                    body.readAllBytes();
                }
            }
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(row.key() + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
