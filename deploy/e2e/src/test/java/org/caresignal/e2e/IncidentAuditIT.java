package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A responder's acknowledgement over the API lands in alert-service's audit log under the token's
 * verified name and subject; the same action as a viewer is refused and changes nothing.
 */
class IncidentAuditIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static E2eSystem e2e;

    @BeforeAll
    static void start() {
        e2e = E2eSystem.shared();
    }

    @Test
    void aViewerMayNotAcknowledgeAResponderMayAndTheAdminSeesItInTheAudit() throws Exception {
        var api = e2e.api;
        var incidents = e2e.system.alertUrl() + "/api/incidents/";
        var id = Incidents.criticalPost(e2e, Incidents.uniqueBrand("audit"));
        assertThat(api.incidentStatus(id)).isEqualTo("OPEN");

        var refused = api.post(incidents + id + "/acknowledge", "viewer", "{\"note\":\"mine\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(api.incidentStatus(id)).isEqualTo("OPEN");

        var acknowledged =
                api.post(incidents + id + "/acknowledge", "responder", "{\"note\":\"on it\"}");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(api.incidentStatus(id)).isEqualTo("ACKNOWLEDGED");
        // The incident's own trail names the verified user too.
        assertThat(api.incident(id).get("audit").findValuesAsText("actor"))
                .contains("demo-responder");

        var audit = api.alertAudit("demo-responder", "incident.acknowledge");
        JsonNode row = null;
        for (var item : audit.get("items")) {
            if (item.get("target").asText().equals(id)) {
                row = item;
            }
        }
        assertThat(row).as("audit row of incident %s in %s", id, audit).isNotNull();
        assertThat(row.get("action").asText()).isEqualTo("incident.acknowledge");
        assertThat(row.get("username").asText()).isEqualTo("demo-responder");
        assertThat(row.get("subject").asText()).isEqualTo(subject(api.token("responder")));
        assertThat(api.alertAudit("demo-viewer", "incident.acknowledge").get("items")).isEmpty();

        // Only an admin reads the audit log.
        assertThat(api.get(e2e.system.alertUrl() + "/api/audit", "responder").status())
                .isEqualTo(403);
    }

    private static String subject(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]))
                .get("sub")
                .asText();
    }
}
