package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.security.Authenticated;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Checks every endpoint of the service against its role table in {@code docs/security.md}: by
 * reflection (each resource method carries its own rule, equal to the table's row, and the table
 * and the code list the same endpoints) and over HTTP (anonymous gets 401, a role outside the row
 * 403, a role in it gets past authorization).
 */
@QuarkusTest
class SecurityMatrixTest {

    private static final String SERVICE = "sentiment-service";
    private static final java.nio.file.Path SECURITY_MD =
            java.nio.file.Path.of("..", "docs", "security.md");
    private static final java.nio.file.Path CLASSES = java.nio.file.Path.of("target", "classes");
    private static final String PACKAGE = "org.caresignal.sentiment";
    private static final String ANYONE = "anyone";
    private static final String AUTHENTICATED = "authenticated";
    private static final List<String> ROLES =
            List.of(Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN);
    private static final String PROBLEM_JSON = "application/problem+json";

    /**
     * Query parameters that keep a call harmless for a role that is let through (the call must
     * change nothing other tests rely on): a rescore with limit 0 is refused by validation.
     */
    private static final Map<String, Map<String, String>> HARMLESS_QUERY =
            Map.of("POST /api/rescore", Map.of("limit", "0"));

    private static final Pattern ROW =
            Pattern.compile("^\\|\\s*([A-Z]+)\\s*\\|\\s*(\\S+)\\s*\\|\\s*([^|]*?)\\s*\\|\\s*$");

    /** (method, path) to the allowed roles, from docs/security.md. */
    static Map<String, Set<String>> table() throws IOException {
        var text = Files.readString(SECURITY_MD);
        var start = text.indexOf("<!-- role-table " + SERVICE + " -->");
        assertThat(start).as("role table of %s in %s", SERVICE, SECURITY_MD).isNotNegative();
        var end = text.indexOf("<!-- /role-table -->", start);
        var rows = new TreeMap<String, Set<String>>();
        for (var line : text.substring(start, end).split("\n")) {
            var m = ROW.matcher(line.trim());
            if (m.matches() && !m.group(1).equals("Method")) {
                var roles =
                        Arrays.stream(m.group(3).split(","))
                                .map(String::trim)
                                .filter(r -> !r.isEmpty())
                                .collect(Collectors.toCollection(TreeSet::new));
                var previous = rows.put(m.group(1) + " " + m.group(2), roles);
                assertThat(previous).as("duplicate row %s %s", m.group(1), m.group(2)).isNull();
            }
        }
        assertThat(rows).as("rows of the %s table", SERVICE).isNotEmpty();
        return rows;
    }

    /** (method, path) to the rule on the resource method, for every resource class we ship. */
    static Map<String, Set<String>> code() throws IOException, ClassNotFoundException {
        var endpoints = new TreeMap<String, Set<String>>();
        var missing = new ArrayList<String>();
        for (var type : resourceClasses()) {
            assertThat(classLevelRules(type))
                    .as("%s: rules belong on each method, not on the class", type.getName())
                    .isEmpty();
            var base = type.getAnnotation(Path.class).value();
            for (Method method : type.getDeclaredMethods()) {
                var verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                var sub = method.getAnnotation(Path.class);
                var path = join(base, sub == null ? "" : sub.value());
                var rule = rule(method);
                if (rule == null) {
                    missing.add(
                            verb
                                    + " "
                                    + path
                                    + " ("
                                    + type.getSimpleName()
                                    + "."
                                    + method.getName()
                                    + ")");
                    continue;
                }
                endpoints.put(verb + " " + path, rule);
            }
        }
        assertThat(missing)
                .as(
                        "resource methods without @RolesAllowed, @PermitAll, @Authenticated or @DenyAll")
                .isEmpty();
        return endpoints;
    }

    @Test
    void everyResourceMethodCarriesTheRolesOfItsTableRow() throws Exception {
        var table = table();
        var code = code();
        assertThat(code.keySet())
                .as("endpoints in the code vs. rows of the table in docs/security.md")
                .containsExactlyInAnyOrderElementsOf(table.keySet());
        for (var endpoint : table.entrySet()) {
            assertThat(code.get(endpoint.getKey()))
                    .as("roles of %s", endpoint.getKey())
                    .containsExactlyInAnyOrderElementsOf(endpoint.getValue());
        }
    }

    @Test
    void everyEndpointAnswersAnonymousWith401AndEachRoleAsTheTableSays() throws Exception {
        for (var row : table().entrySet()) {
            var endpoint = row.getKey();
            var verb = endpoint.substring(0, endpoint.indexOf(' '));
            var path = harmlessPath(endpoint.substring(endpoint.indexOf(' ') + 1));
            var allowed = row.getValue();

            if (!allowed.contains(ANYONE)) {
                call(given(), endpoint, verb, path)
                        .then()
                        .statusCode(401)
                        .contentType(startsWith(PROBLEM_JSON))
                        .header("WWW-Authenticate", startsWith("Bearer"))
                        .body("status", equalTo(401));
            }
            for (var role : ROLES) {
                var response =
                        call(given().auth().oauth2(Tokens.forRole(role)), endpoint, verb, path)
                                .then();
                if (allowed.contains(role)
                        || allowed.contains(ANYONE)
                        || allowed.contains(AUTHENTICATED)) {
                    response.statusCode(not(oneOf(401, 403)));
                } else {
                    response.statusCode(403)
                            .contentType(startsWith(PROBLEM_JSON))
                            .body("status", equalTo(403));
                }
            }
        }
    }

    @Test
    void anAnonymousCallerGets401OnEveryApiPathKnownOrNotAndASignedInOne404() {
        for (var path : List.of("/api", "/api/no-such-thing", "/api/mentions/x/y/z")) {
            given().get(path)
                    .then()
                    .statusCode(401)
                    .contentType(startsWith(PROBLEM_JSON))
                    .header("WWW-Authenticate", startsWith("Bearer"));
            given().auth()
                    .oauth2(Tokens.forRole(Roles.ANALYST))
                    .get(path)
                    .then()
                    .statusCode(404)
                    .contentType(startsWith(PROBLEM_JSON));
        }
    }

    @Test
    void tokensThatFailVerificationAre401AndAreNotEchoed() {
        var token = Tokens.analyst();
        var badSignature = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        var refused =
                List.of(
                        badSignature,
                        Tokens.forOtherAudience(Tokens.ANALYST, Roles.ANALYST),
                        Tokens.expired(Tokens.ANALYST, Roles.ANALYST),
                        "not-a-jwt");
        for (var bad : refused) {
            var body =
                    given().auth()
                            .oauth2(bad)
                            .queryParam("brand", "riverside-health")
                            .when()
                            .get("/api/mentions")
                            .then()
                            .statusCode(401)
                            .contentType(startsWith(PROBLEM_JSON))
                            .header("WWW-Authenticate", startsWith("Bearer"))
                            .body("status", equalTo(401))
                            .extract()
                            .asString();
            assertThat(body).doesNotContain(bad.substring(0, Math.min(bad.length(), 20)));
        }
    }

    private static io.restassured.response.Response call(
            RequestSpecification request, String endpoint, String verb, String path) {
        HARMLESS_QUERY.getOrDefault(endpoint, Map.of()).forEach(request::queryParam);
        if (!verb.equals("GET") && !verb.equals("DELETE")) {
            request = request.contentType("application/json").body("{}");
        }
        return request.when().request(verb, path);
    }

    /** Path parameters become a random UUID: an unknown mention id and an unknown brand slug. */
    private static String harmlessPath(String template) {
        return template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    private static List<Class<?>> resourceClasses() throws IOException, ClassNotFoundException {
        var root = CLASSES.resolve(PACKAGE.replace('.', '/'));
        List<String> names;
        try (var files = Files.walk(root)) {
            names =
                    files.map(CLASSES::relativize)
                            .map(java.nio.file.Path::toString)
                            .filter(n -> n.endsWith(".class") && !n.contains("$"))
                            .map(n -> n.substring(0, n.length() - 6).replace('/', '.'))
                            .sorted()
                            .toList();
        }
        var loader = Thread.currentThread().getContextClassLoader();
        var resources = new ArrayList<Class<?>>();
        for (var name : names) {
            var type = Class.forName(name, false, loader);
            if (type.isAnnotationPresent(Path.class)) {
                resources.add(type);
            }
        }
        assertThat(resources).as("resource classes under %s", root).isNotEmpty();
        return resources;
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

    private static Set<String> rule(Method method) {
        var rules = new ArrayList<Set<String>>();
        var roles = method.getAnnotation(RolesAllowed.class);
        if (roles != null) {
            rules.add(new TreeSet<>(List.of(roles.value())));
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            rules.add(Set.of(ANYONE));
        }
        if (method.isAnnotationPresent(Authenticated.class)) {
            rules.add(Set.of(AUTHENTICATED));
        }
        if (method.isAnnotationPresent(DenyAll.class)) {
            rules.add(Set.of());
        }
        assertThat(rules.size())
                .as("%s carries more than one security annotation", method)
                .isLessThanOrEqualTo(1);
        return rules.isEmpty() ? null : rules.get(0);
    }

    private static List<String> classLevelRules(Class<?> type) {
        return Arrays.stream(type.getAnnotations())
                .map(a -> a.annotationType())
                .filter(
                        t ->
                                t == RolesAllowed.class
                                        || t == PermitAll.class
                                        || t == Authenticated.class
                                        || t == DenyAll.class)
                .map(Class::getSimpleName)
                .toList();
    }

    private static String join(String base, String sub) {
        var path = "/" + base.replaceAll("^/+|/+$", "");
        var rest = sub.replaceAll("^/+|/+$", "");
        return rest.isEmpty() ? path : path + "/" + rest;
    }
}
