package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.domain.incident.IncidentAudit;
import org.caresignal.alert.domain.incident.IncidentKind;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * The detector's updates to an open spike: only a higher severity is an escalation that channels
 * hear about; a trigger joining at the same severity is folded in quietly.
 */
@QuarkusTest
class DetectorUpdateAuditTest {

    @Inject IncidentService incidents;

    private static Explanation explanation(List<String> triggers, long negative) {
        var start = Instant.parse("2026-03-03T18:00:00Z");
        return new Explanation(
                triggers,
                new Explanation.Window(start, start.plusSeconds(300)),
                new Explanation.Counts(negative + 4, negative),
                new Explanation.Baseline("negative-count", negative, 0.5),
                new Explanation.Threshold(1e-6, 5, 15, 2.0),
                1e-9,
                negative / 0.5,
                List.of(),
                negative + " negative mentions in 5 min against 0.5 expected",
                List.of());
    }

    @Test
    void aNewTriggerAtTheSameSeverityFoldsAndOnlyAHigherSeverityEscalates() {
        var brand = ScoredMentions.uniqueBrand();
        var id =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        incidents.raise(
                                                        brand,
                                                        null,
                                                        IncidentKind.SPIKE,
                                                        Severity.HIGH,
                                                        explanation(List.of("NEGATIVE_VOLUME"), 6),
                                                        IncidentAudit.DETECTOR)
                                                .id);

        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                incidents.escalate(
                                        brand,
                                        null,
                                        Severity.HIGH,
                                        explanation(
                                                List.of("NEGATIVE_VOLUME", "TOTAL_VOLUME"), 9)));
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                incidents.escalate(
                                        brand,
                                        null,
                                        Severity.CRITICAL,
                                        explanation(List.of("NEGATIVE_VOLUME"), 30)));

        var detail =
                Api.asViewer()
                        .get("/api/incidents/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(detail.getList("audit.action", String.class))
                .containsExactly("RAISED", "FOLDED", "ESCALATED");
        assertThat(detail.getString("audit[1].detail"))
                .startsWith("the episode goes on (NEGATIVE_VOLUME, TOTAL_VOLUME)")
                .doesNotContain("->");
        assertThat(detail.getString("audit[2].detail")).startsWith("severity HIGH -> CRITICAL");
        assertThat(detail.getString("incident.severity")).isEqualTo("CRITICAL");
        assertThat(detail.getList("incident.explanation.triggers", String.class))
                .containsExactly("NEGATIVE_VOLUME");
    }
}
