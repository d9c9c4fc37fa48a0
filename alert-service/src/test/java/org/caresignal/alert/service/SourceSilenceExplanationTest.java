package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.alert.domain.channel.ChannelPayloads;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.event.AlertEvent;
import org.caresignal.alert.event.InvalidEventException;
import org.caresignal.alert.event.SourceRecovered;
import org.caresignal.alert.event.SourceSilent;
import org.junit.jupiter.api.Test;

/**
 * What a source-health incident says, from the golden events: the reason and the rate limit in the
 * explanation's triggers and summary, and so in the channels' titles and texts; and the audit note
 * of each way a silence ends.
 */
class SourceSilenceExplanationTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private static ObjectNode golden(String event) {
        try {
            return (ObjectNode)
                    JSON.readTree(Path.of("../docs/events/" + event + ".v1.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SourceSilent silent(ObjectNode node) {
        try {
            return JSON.treeToValue(node, SourceSilent.class).validated();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SourceRecovered recovered(ObjectNode node) {
        try {
            return JSON.treeToValue(node, SourceRecovered.class).validated();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aRateLimitedSourceSaysUntilWhenInItsSummaryTriggersAndChannelTitles() throws Exception {
        var event = silent(golden("SourceSilent"));
        assertThat(event.reason()).isEqualTo("RATE_LIMITED");
        var explanation = SourceSilenceService.explain(event);
        assertThat(explanation.triggers())
                .containsExactly("SOURCE_SILENT:riverside-x", "REASON:RATE_LIMITED");
        assertThat(explanation.summary())
                .startsWith(
                        "Source x (connector riverside-x) is rate-limited until"
                                + " 2026-12-01T00:00:00Z")
                .contains(
                        "last error: RATE_LIMITED 429: the source is rate limiting us",
                        "no new post since 2026-11-24T14:03:00Z");

        var payloads = new ChannelPayloads(JSON);
        var alert = alertOf(explanation);
        assertThat(payloads.slack(alert))
                .contains("Source rate-limited — brand:riverside-health")
                .contains("rate-limited until 2026-12-01T00:00:00Z");
        assertThat(payloads.teams(alert))
                .contains("New incident: Source rate-limited — brand:riverside-health")
                .contains("rate-limited until 2026-12-01T00:00:00Z");
        assertThat(
                        JSON.readTree(payloads.pagerDuty(alert, "routing-key-0123456789abcdef0123"))
                                .at("/payload/summary")
                                .asText())
                .startsWith("HIGH Source rate-limited — brand:riverside-health: Source x")
                .contains("rate-limited until 2026-12-01T00:00:00Z");
    }

    @Test
    void aFailingAndAQuietSourceAndAnOlderEventWithoutReasonReadAsSuch() throws Exception {
        var failing = golden("SourceSilent");
        failing.put("reason", "FAILING");
        failing.putNull("rateLimitedUntil");
        failing.put("lastError", "HTTP 503");
        var explanation = SourceSilenceService.explain(silent(failing));
        assertThat(explanation.triggers()).contains("REASON:FAILING");
        assertThat(explanation.summary())
                .startsWith("Source x (connector riverside-x) is failing: no new post since")
                .doesNotContain("rate-limited");
        assertThat(new ChannelPayloads(JSON).slack(alertOf(explanation)))
                .contains("Source failing — brand:riverside-health");

        var quiet = golden("SourceSilent");
        quiet.put("reason", "NO_ITEMS");
        quiet.putNull("rateLimitedUntil");
        quiet.putNull("lastError");
        var quietExplanation = SourceSilenceService.explain(silent(quiet));
        assertThat(quietExplanation.summary())
                .contains("has delivered no new post since 2026-11-24T14:03:00Z")
                .endsWith("Alerts of this brand may be missing while it is silent.");
        assertThat(new ChannelPayloads(JSON).slack(alertOf(quietExplanation)))
                .contains("Source silent — brand:riverside-health");

        // A producer from before the reason existed: no reason trigger, the old wording.
        var older = golden("SourceSilent");
        older.remove("reason");
        older.remove("rateLimitedUntil");
        var olderExplanation = SourceSilenceService.explain(silent(older));
        assertThat(olderExplanation.triggers()).containsExactly("SOURCE_SILENT:riverside-x");
        assertThat(olderExplanation.summary()).contains("has delivered no new post since");
    }

    @Test
    void eachResolutionSaysHowTheSilenceEnded() {
        var delivering = golden("SourceRecovered");
        assertThat(SourceSilenceService.resolutionNote(recovered(delivering)))
                .contains(
                        "riverside-x",
                        "delivers again since 2026-12-01T00:00:07Z",
                        "2026-11-24T14:03:00Z",
                        "PT153H57M7S");

        var polled = golden("SourceRecovered");
        polled.putNull("firstItemAt");
        assertThat(SourceSilenceService.resolutionNote(recovered(polled)))
                .contains("answers again (polled successfully) since 2026-12-01T00:00:08Z");

        var deleted = golden("SourceRecovered");
        deleted.put("resolution", "DELETED");
        deleted.putNull("firstItemAt");
        assertThat(SourceSilenceService.resolutionNote(recovered(deleted)))
                .startsWith("connector deleted by an operator: source x (connector riverside-x)");
        var disabled = golden("SourceRecovered");
        disabled.put("resolution", "DISABLED");
        assertThat(SourceSilenceService.resolutionNote(recovered(disabled)))
                .startsWith("connector disabled by an operator");

        var older = golden("SourceRecovered");
        older.remove("resolution");
        assertThat(SourceSilenceService.resolutionNote(recovered(older)))
                .contains("delivers again since");
    }

    @Test
    void aReasonOrResolutionThatIsNotAnUpperCaseNameIsPoison() {
        var silent = golden("SourceSilent");
        silent.put("reason", "<b>rate limited</b>");
        assertThatThrownBy(() -> silent(silent))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("reason");
        var recovered = golden("SourceRecovered");
        recovered.put("resolution", "deleted by bob");
        assertThatThrownBy(() -> recovered(recovered))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("resolution");
        // A name this version does not know yet is kept and shown.
        var newer = golden("SourceRecovered");
        newer.put("resolution", "ARCHIVED");
        assertThat(SourceSilenceService.resolutionNote(recovered(newer))).contains("ARCHIVED");
    }

    private static AlertEvent alertOf(Explanation explanation) {
        var incident = UUID.fromString("c41e9a07-2d5b-4f8e-a3c6-7b10e5d94f21");
        return new AlertEvent(
                UUID.randomUUID(),
                AlertEvent.RAISED,
                1,
                Instant.parse("2026-11-24T14:20:02Z"),
                incident,
                "riverside-health",
                null,
                "SOURCE_SILENT",
                "HIGH",
                "OPEN",
                "RAISED",
                SourceSilenceService.ACTOR,
                explanation.triggers(),
                explanation.window(),
                explanation.counts(),
                explanation.baseline(),
                explanation.threshold(),
                explanation.pValue(),
                explanation.effectSize(),
                explanation.samples(),
                explanation.summary(),
                "http://localhost:8083/dashboard/incidents/" + incident,
                Instant.parse("2026-11-24T14:20:02Z"),
                null,
                0,
                explanation.aspects());
    }
}
