package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Keycloak tokens against the real services: a script's password grant gives the demo user's
 * role, an analyst reads post text (and the read is audited under their name), a viewer is refused
 * it without seeing any.
 */
class RoleAccessIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static E2eSystem e2e;

    @BeforeAll
    static void start() {
        e2e = E2eSystem.shared();
    }

    @Test
    void thePasswordGrantOfTheCliClientGivesTheDemoAnalystTheAnalystRoleForTheApi()
            throws Exception {
        var claims =
                claims(e2e.keycloak.passwordGrant("demo-analyst", e2e.secrets.password("analyst")));

        assertThat(claims.get("iss").asText()).isEqualTo(e2e.keycloak.realmUrl());
        assertThat(claims.get("preferred_username").asText()).isEqualTo("demo-analyst");
        assertThat(claims.get("azp").asText()).isEqualTo("caresignal-cli");
        assertThat(strings(claims.get("aud"))).contains("caresignal-api");
        assertThat(strings(claims.path("realm_access").path("roles")))
                .contains("analyst")
                .doesNotContain("viewer", "responder", "admin");
    }

    @Test
    void anAnalystReadsPostTextWhileAViewerIsRefusedAndSeesNone() throws Exception {
        var brand = Incidents.uniqueBrand("roles");
        var text = "The night nurse " + UUID.randomUUID() + " was patient and kind.";
        var mentionId =
                e2e.api.postMention(brand, "post-" + UUID.randomUUID(), text, Instant.now());
        var search = e2e.system.sentimentUrl() + "/api/mentions?brand=" + brand;

        var page =
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () -> e2e.api.get(search, "analyst"),
                                r -> r.status() == 200 && r.body().contains(mentionId));
        assertThat(page.body()).contains(text);

        for (var url : List.of(search, e2e.system.sentimentUrl() + "/api/mentions/" + mentionId)) {
            var refused = e2e.api.get(url, "viewer");
            assertThat(refused.status()).as(url).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain(text).doesNotContain("nurse");
        }
        // A responder reads the mentions behind an incident: by id, and (since the console's
        // incident
        // page lists a window's posts) through the search; both audited like an analyst's.
        assertThat(
                        e2e.api
                                .get(
                                        e2e.system.sentimentUrl() + "/api/mentions/" + mentionId,
                                        "responder")
                                .body())
                .contains(text);
        var responderSearch = e2e.api.get(search, "responder");
        assertThat(responderSearch.status()).isEqualTo(200);
        assertThat(responderSearch.body()).contains(mentionId);

        // The analyst's read is in sentiment-service's audit log under their verified name.
        var audit =
                e2e.api.get(
                        e2e.system.sentimentUrl()
                                + "/api/audit?user=demo-analyst&action=mention.search",
                        "admin");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().get("items").findValuesAsText("target"))
                .anySatisfy(target -> assertThat(target).contains(brand));
        assertThat(audit.body()).doesNotContain(text);
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static List<String> strings(JsonNode node) {
        var out = new ArrayList<String>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isMissingNode()) {
            out.add(node.asText());
        }
        return out;
    }
}
