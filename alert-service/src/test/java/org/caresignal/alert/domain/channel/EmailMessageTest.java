package org.caresignal.alert.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.event.AlertEvent;
import org.junit.jupiter.api.Test;

class EmailMessageTest {

    private static final UUID INCIDENT = UUID.fromString("c41e9a07-2d5b-4f8e-a3c6-7b10e5d94f21");
    private static final UUID CHANNEL = UUID.fromString("0b7e0000-0000-4000-8000-000000000001");
    private static final EmailSettings SETTINGS =
            EmailSettings.of(
                    List.of("comms@riverside.example"), "[RH]", List.of("riverside.example"));

    static AlertEvent event(String change, String status, UUID eventId) {
        return new AlertEvent(
                eventId,
                "RESOLVED".equals(change) ? AlertEvent.RESOLVED : AlertEvent.RAISED,
                1,
                Instant.parse("2026-11-24T14:20:02Z"),
                INCIDENT,
                "riverside-health",
                "riverside-north",
                "SPIKE",
                "HIGH",
                status,
                change,
                "system:detector",
                List.of("NEGATIVE_VOLUME"),
                new Explanation.Window(
                        Instant.parse("2026-11-24T14:00:00Z"),
                        Instant.parse("2026-11-24T14:10:00Z")),
                new Explanation.Counts(14, 12),
                new Explanation.Baseline("negative-count", 12, 0.42),
                new Explanation.Threshold(1e-6, 5, 15, 2.0),
                3.1e-12,
                28.6,
                List.of(
                        new Explanation.Sample(
                                "5d0c1c8e-8f4b-3a52-9c11-0a7b6e2f4d93",
                                "https://social.example/@someone/48213?a=1&b=<2>")),
                "NEGATIVE_VOLUME: 12 negative mentions in 10 min against 0.42 expected (28.6x).",
                "http://localhost:8083/dashboard/incidents/" + INCIDENT,
                Instant.parse("2026-11-24T14:20:02Z"),
                null,
                0,
                List.of(
                        Explanation.Aspect.of("emergency-wait", 9, 12),
                        Explanation.Aspect.of("billing", 2, 12)));
    }

    @Test
    void theRaisedMessageOpensTheThreadAndLaterOnesAnswerIt() {
        var raisedId = UUID.randomUUID();
        var raised =
                EmailMessage.of(
                        event("RAISED", "OPEN", raisedId), CHANNEL, SETTINGS, "riverside.example");
        var root = "<incident-" + INCIDENT + "." + CHANNEL + "@riverside.example>";
        assertThat(raised.messageId()).isEqualTo(root);
        assertThat(raised.threadId()).isEqualTo(root);
        assertThat(raised.inReplyTo()).isNull();
        assertThat(raised.to()).containsExactly("comms@riverside.example");
        assertThat(raised.subject())
                .isEqualTo(
                        "[RH] HIGH Negative spike at riverside-health / riverside-north: New incident");

        var resolvedId = UUID.randomUUID();
        var resolved =
                EmailMessage.of(
                        event("RESOLVED", "RESOLVED", resolvedId),
                        CHANNEL,
                        SETTINGS,
                        "riverside.example");
        assertThat(resolved.messageId())
                .isEqualTo(
                        "<incident-"
                                + INCIDENT
                                + "."
                                + CHANNEL
                                + "."
                                + resolvedId
                                + "@riverside.example>");
        assertThat(resolved.inReplyTo()).isEqualTo(root);
        assertThat(resolved.threadId()).isEqualTo(root);
        assertThat(resolved.subject()).endsWith(": Resolved");
        // A retry builds the very same message.
        assertThat(
                        EmailMessage.of(
                                event("RESOLVED", "RESOLVED", resolvedId),
                                CHANNEL,
                                SETTINGS,
                                "riverside.example"))
                .isEqualTo(resolved);
        // Another channel gets its own ids.
        assertThat(
                        EmailMessage.of(
                                        event("RAISED", "OPEN", raisedId),
                                        UUID.randomUUID(),
                                        SETTINGS,
                                        "riverside.example")
                                .messageId())
                .isNotEqualTo(root);
    }

    @Test
    void bothPartsExplainTheIncidentAndTheHtmlIsEscaped() {
        var message =
                EmailMessage.of(
                        event("RAISED", "OPEN", UUID.randomUUID()),
                        CHANNEL,
                        SETTINGS,
                        "riverside.example");
        assertThat(message.text())
                .contains(
                        "New incident: Negative spike — facility:riverside-health/riverside-north")
                .contains("NEGATIVE_VOLUME: 12 negative mentions in 10 min")
                .contains("Severity:       HIGH")
                .contains("Status:         OPEN (by system:detector)")
                .contains("Kind:           SPIKE")
                .contains("Facility:       riverside-north")
                .contains("Window:         2026-11-24T14:00:00Z – 2026-11-24T14:10:00Z")
                .contains("Mentions:       12 negative of 14")
                .contains("Baseline:       negative-count: observed 12, expected 0.42")
                .contains("Effect:         28.6x, p = 3.1e-12")
                .contains(
                        "Threshold:      p < 1e-06 with at least 5 negative / 15 mentions and 2.0x")
                .contains("Negative about: emergency-wait 9 (75%), billing 2 (17%)")
                .contains(
                        "- 5d0c1c8e-8f4b-3a52-9c11-0a7b6e2f4d93 https://social.example/@someone/48213?a=1&b=<2>")
                .contains("Open incident: http://localhost:8083/dashboard/incidents/" + INCIDENT);
        assertThat(message.html())
                .contains(
                        "<th align=\"left\">Negative about</th><td>emergency-wait 9 (75%), billing 2 (17%)</td>")
                .contains(
                        "<a href=\"https://social.example/@someone/48213?a=1&amp;b=%3C2%3E\">5d0c1c8e-8f4b-3a52-9c11-0a7b6e2f4d93</a>")
                .contains(
                        "<a href=\"http://localhost:8083/dashboard/incidents/"
                                + INCIDENT
                                + "\">Open incident</a>")
                .doesNotContain("b=<2>");
    }

    @Test
    void aBrandWideCriticalPostSaysSoWithoutAnEffect() {
        var e = event("RAISED", "OPEN", UUID.randomUUID());
        var critical =
                new AlertEvent(
                        e.eventId(),
                        e.eventType(),
                        1,
                        e.occurredAt(),
                        e.incidentId(),
                        e.brandId(),
                        null,
                        "CRITICAL_POST",
                        "CRITICAL",
                        "OPEN",
                        "RAISED",
                        "system:critical-post-rules",
                        List.of("CRITICAL_POST:data-breach"),
                        e.window(),
                        e.counts(),
                        e.baseline(),
                        e.threshold(),
                        null,
                        null,
                        e.samples(),
                        "A post matched.",
                        e.dashboardUrl(),
                        e.openedAt(),
                        null,
                        0,
                        null);
        var message = EmailMessage.of(critical, CHANNEL, SETTINGS, "riverside.example");
        assertThat(message.subject())
                .isEqualTo(
                        "[RH] CRITICAL Critical post at riverside-health (brand-wide): New incident");
        assertThat(message.text())
                .contains("Facility:       (brand-wide)")
                .doesNotContain("Effect:", "Negative about:");
    }
}
