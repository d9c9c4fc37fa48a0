package org.caresignal.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real Keycloak once (it takes 10-40 s), on an embedded PostgreSQL, and checks what the
 * local run and the end-to-end tests rely on.
 */
class KeycloakServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void startsWithTheRealmGrantsTokensWithTheUsersRoleAndStopsItsWholeProcessTree()
            throws Exception {
        var secrets = IdentitySecrets.loadOrCreate(dir.resolve("identity.properties"));
        assertThat(secrets.created()).isTrue();
        assertThat(Files.getPosixFilePermissions(dir.resolve("identity.properties")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(
                        IdentitySecrets.loadOrCreate(dir.resolve("identity.properties"))
                                .keycloakEnvironment())
                .isEqualTo(secrets.keycloakEnvironment());

        try (var postgres = PostgresServer.start(null, 0)) {
            postgres.ensureDatabase("keycloak");
            var log = dir.resolve("logs/keycloak.log");
            long begin = System.nanoTime();
            var keycloak =
                    KeycloakServer.start(
                            new KeycloakServer.Settings(
                                    KeycloakServer.unpacked(Path.of("target/keycloak")),
                                    KafkaBroker.freePort(),
                                    KafkaBroker.freePort(),
                                    postgres.jdbcUrl("keycloak"),
                                    "keycloak",
                                    "keycloak",
                                    "http://localhost:8083/dashboard",
                                    secrets,
                                    log));
            List<ProcessHandle> tree = new ArrayList<>();
            try {
                keycloak.awaitReady(Duration.ofMinutes(3));
                System.out.printf("Keycloak ready in %.1f s%n", (System.nanoTime() - begin) / 1e9);
                Files.readAllLines(log).stream()
                        .filter(
                                l ->
                                        l.contains("augmentation completed")
                                                || l.contains("started in"))
                        .forEach(System.out::println);
                tree.add(keycloak.handle());
                keycloak.handle().descendants().forEach(tree::add);

                var analyst = claims(keycloak.demoToken("analyst"));
                assertThat(analyst.get("iss").asText()).isEqualTo(keycloak.realmUrl());
                assertThat(analyst.get("preferred_username").asText()).isEqualTo("demo-analyst");
                assertThat(roles(analyst)).contains("analyst").doesNotContain("viewer", "admin");
                assertThat(audience(analyst)).contains("caresignal-api");
                assertThat(analyst.get("azp").asText()).isEqualTo(KeycloakServer.CLI_CLIENT);
                assertThat(roles(claims(keycloak.demoToken("responder"))))
                        .contains("responder")
                        .doesNotContain("analyst", "admin");

                assertThatThrownBy(() -> keycloak.passwordGrant("demo-viewer", "not-the-password"))
                        .hasMessageContaining("invalid_grant")
                        .hasMessageNotContaining(secrets.password("viewer"));

                var service =
                        claims(
                                keycloak.clientCredentialsGrant(
                                        "caresignal-services", secrets.servicesClientSecret()));
                assertThat(service.get("azp").asText()).isEqualTo("caresignal-services");
                assertThat(audience(service)).contains("caresignal-api");

                // deploy/local/token reads the same file and prints a token for curl.
                var script =
                        new ProcessBuilder("./token", "--data-dir", dir.toString(), "admin")
                                .redirectError(ProcessBuilder.Redirect.INHERIT);
                script.environment().put("CARESIGNAL_KEYCLOAK_URL", keycloak.url());
                var run = script.start();
                var out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(run.exitValue()).isZero();
                var admin = claims(out.strip());
                assertThat(admin.get("preferred_username").asText()).isEqualTo("demo-admin");
                assertThat(roles(admin)).contains("admin").doesNotContain("analyst");

                // The passwords never reach the log.
                var logged = Files.readString(log);
                assertThat(logged).contains("caresignal");
                for (var role : IdentitySecrets.ROLES) {
                    assertThat(logged).doesNotContain(secrets.password(role));
                }
            } finally {
                long stopping = System.nanoTime();
                keycloak.close();
                System.out.printf(
                        "Keycloak stopped in %.1f s%n", (System.nanoTime() - stopping) / 1e9);
            }
            // kc.sh and its JVM, or one process when kc.sh exec-ed the JVM after building the
            // image.
            assertThat(tree).isNotEmpty().noneMatch(ProcessHandle::isAlive);
        }
    }

    @Test
    void theTokenScriptRefusesAnUnknownRoleAndAMissingFile() throws Exception {
        var unknown = new ProcessBuilder("./token", "superuser").start();
        var usage = new String(unknown.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unknown.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(unknown.exitValue()).isEqualTo(2);
        assertThat(usage).contains("usage: deploy/local/token");

        var missing = new ProcessBuilder("./token", "--data-dir", dir.toString(), "viewer").start();
        var error = new String(missing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(missing.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(missing.exitValue()).isEqualTo(1);
        assertThat(error).contains("identity.properties").contains("deploy/local/run");
    }

    private static JsonNode claims(String jwt) throws Exception {
        var parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static List<String> roles(JsonNode claims) {
        var roles = new ArrayList<String>();
        claims.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    private static List<String> audience(JsonNode claims) {
        var aud = claims.get("aud");
        var out = new ArrayList<String>();
        if (aud.isArray()) {
            aud.forEach(a -> out.add(a.asText()));
        } else {
            out.add(aud.asText());
        }
        return out;
    }
}
