package org.caresignal.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.security.Authenticated;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.caresignal.ingest.security.Roles;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Deny by default, proven: the ingest-service table of docs/security.md is the rule. By reflection,
 * every resource method of the service carries its own role annotation naming exactly the roles of
 * its row, and the table and the code list the same endpoints; over HTTP, every row is called
 * anonymously (401), with an API key and as each role (allowed: past authorization; else 403), all
 * problem+json, with inputs that find nothing to change (random ids, empty bodies).
 */
@QuarkusTest
class SecurityMatrixTest {

    private static final java.nio.file.Path TABLE = java.nio.file.Path.of("../docs/security.md");
    private static final String SERVICE = "ingest-service";
    private static final String ROOT_PACKAGE = "org.caresignal.ingest";
    private static final java.nio.file.Path CLASSES = java.nio.file.Path.of("target/classes");
    private static final String ANYONE = "anyone";
    private static final List<String> CALLERS =
            List.of(Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.INTEGRATION);

    /** One row of the table: an endpoint and who may call it. */
    record Endpoint(String method, String path) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint o) {
            return (path + " " + method).compareTo(o.path + " " + o.method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The key of an integration granted no brand, made at the first call that needs it. */
    private static String integrationKey;

    @Test
    void everyResourceMethodStatesExactlyTheRolesOfItsRowAndTheTableListsEveryEndpoint()
            throws Exception {
        var table = table();
        var code = new LinkedHashMap<Endpoint, Set<String>>();
        var problems = new ArrayList<String>();
        for (var resource : resourceClasses()) {
            for (var annotation :
                    List.of(
                            RolesAllowed.class,
                            PermitAll.class,
                            DenyAll.class,
                            Authenticated.class)) {
                if (resource.isAnnotationPresent(annotation)) {
                    problems.add(
                            resource.getSimpleName()
                                    + " has a class-level @"
                                    + annotation.getSimpleName()
                                    + ": state the roles on each method");
                }
            }
            for (var method : resource.getDeclaredMethods()) {
                var http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                var endpoint = new Endpoint(http, path(resource, method));
                var roles = roles(method);
                if (roles == null) {
                    problems.add(
                            endpoint
                                    + " ("
                                    + resource.getSimpleName()
                                    + "."
                                    + method.getName()
                                    + ") has no @RolesAllowed, @PermitAll, @Authenticated or"
                                    + " @DenyAll");
                    roles = Set.of();
                }
                if (code.put(endpoint, roles) != null) {
                    problems.add(endpoint + " is served by two methods");
                }
                var row = table.get(endpoint);
                if (row != null && !row.equals(roles)) {
                    problems.add(
                            endpoint
                                    + " allows "
                                    + roles
                                    + " in the code but "
                                    + row
                                    + " in docs/security.md");
                }
            }
        }
        for (var endpoint : new TreeSet<>(code.keySet())) {
            if (!table.containsKey(endpoint)) {
                problems.add(
                        endpoint
                                + " is missing from the "
                                + SERVICE
                                + " table of docs/security.md");
            }
        }
        for (var endpoint : new TreeSet<>(table.keySet())) {
            if (!code.containsKey(endpoint)) {
                problems.add(endpoint + " is in docs/security.md but no resource method serves it");
            }
        }
        assertThat(problems).as("security annotations against docs/security.md").isEmpty();
        assertThat(code).as("resource methods found").isNotEmpty();
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
    void everyEndpointAnswersEachCallerAsTheTableSays() throws Exception {
        var failures = new ArrayList<String>();
        for (var row : table().entrySet()) {
            var endpoint = row.getKey();
            var allowed = row.getValue();
            check(endpoint, "anonymous", Api.anonymous(), allowed.contains(ANYONE), failures);
            for (var caller : CALLERS) {
                check(
                        endpoint,
                        caller,
                        request(caller),
                        allowed.contains(caller) || allowed.contains(ANYONE),
                        failures);
            }
        }
        assertThat(failures).as("answers against docs/security.md").isEmpty();
    }

    private static RequestSpecification request(String caller) {
        if (Roles.INTEGRATION.equals(caller)) {
            if (integrationKey == null) {
                integrationKey =
                        Integrations.create(Integrations.uniqueName(), List.of())
                                .get("key")
                                .toString();
            }
            return Api.anonymous().header("Authorization", "Bearer " + integrationKey);
        }
        return Api.as(Tokens.of("matrix-" + caller, caller));
    }

    private static void check(
            Endpoint endpoint,
            String caller,
            RequestSpecification request,
            boolean allowed,
            List<String> failures) {
        var path = endpoint.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        if (Set.of("POST", "PUT", "PATCH").contains(endpoint.method())) {
            request = request.contentType(ContentType.JSON).body("{}");
        }
        var response = request.request(endpoint.method(), path);
        var status = response.statusCode();
        var problem =
                response.contentType() != null
                        && response.contentType().startsWith("application/problem+json");
        String expected;
        boolean ok;
        if (allowed) {
            expected = "past authorization";
            ok = status != 401 && status != 403;
        } else if ("anonymous".equals(caller)) {
            expected = "401 problem+json";
            ok = status == 401 && problem && response.header("WWW-Authenticate") != null;
        } else {
            expected = "403 problem+json";
            ok = status == 403 && problem;
        }
        if (!ok) {
            failures.add(
                    endpoint
                            + " as "
                            + caller
                            + ": expected "
                            + expected
                            + ", got "
                            + status
                            + " "
                            + response.contentType());
        }
    }

    /** The service's table: endpoint → allowed callers (role names, or {@code anyone}). */
    static Map<Endpoint, Set<String>> table() throws IOException {
        var text = Files.readString(TABLE);
        var start = text.indexOf("<!-- role-table " + SERVICE + " -->");
        var end = text.indexOf("<!-- /role-table -->", start);
        assertThat(start).as("role table of " + SERVICE + " in " + TABLE).isNotNegative();
        var rows = new LinkedHashMap<Endpoint, Set<String>>();
        var row = Pattern.compile("^\\|\\s*([A-Z]+)\\s*\\|\\s*(/\\S*)\\s*\\|\\s*(.*?)\\s*\\|\\s*$");
        for (var line : text.substring(start, end).split("\n")) {
            var m = row.matcher(line.strip());
            if (m.matches()) {
                var allowed =
                        Set.copyOf(
                                List.of(m.group(3).split(",")).stream()
                                        .map(String::strip)
                                        .filter(s -> !s.isEmpty())
                                        .toList());
                assertThat(rows.put(new Endpoint(m.group(1), m.group(2)), allowed))
                        .as("a row for " + m.group(1) + " " + m.group(2) + " given twice")
                        .isNull();
            }
        }
        assertThat(rows).as("rows of the " + SERVICE + " table").isNotEmpty();
        return rows;
    }

    /** Every class of this service with a JAX-RS {@code @Path}, from the compiled classes. */
    private static List<Class<?>> resourceClasses() throws IOException, ClassNotFoundException {
        var root = CLASSES.resolve(ROOT_PACKAGE.replace('.', '/'));
        List<String> names;
        try (var files = Files.walk(root)) {
            names =
                    files.map(p -> CLASSES.relativize(p).toString())
                            .filter(n -> n.endsWith(".class") && !n.contains("$"))
                            .map(n -> n.substring(0, n.length() - 6).replace('/', '.'))
                            .sorted()
                            .toList();
        }
        var resources = new ArrayList<Class<?>>();
        for (var name : names) {
            var type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
            if (type.isAnnotationPresent(Path.class) && !Modifier.isAbstract(type.getModifiers())) {
                resources.add(type);
            }
        }
        return resources;
    }

    private static String httpMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            var http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value().toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String path(Class<?> resource, Method method) {
        var path = "/" + resource.getAnnotation(Path.class).value();
        var sub = method.getAnnotation(Path.class);
        if (sub != null) {
            path += "/" + sub.value();
        }
        path = path.replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/")
                ? path.substring(0, path.length() - 1)
                : path;
    }

    /** The callers the method's own annotation allows, or null when it has none. */
    private static Set<String> roles(Method method) {
        var rolesAllowed = method.getAnnotation(RolesAllowed.class);
        if (rolesAllowed != null) {
            return Set.of(rolesAllowed.value());
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            return Set.of(ANYONE);
        }
        if (method.isAnnotationPresent(Authenticated.class)) {
            return CALLERS.stream().collect(Collectors.toUnmodifiableSet());
        }
        if (method.isAnnotationPresent(DenyAll.class)) {
            return Set.of();
        }
        return null;
    }
}
