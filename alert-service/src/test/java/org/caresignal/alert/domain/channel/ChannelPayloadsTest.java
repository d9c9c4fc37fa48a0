package org.caresignal.alert.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.event.AlertEvent;
import org.junit.jupiter.api.Test;

/** Exact payloads of each channel for an event full of hostile strings. */
class ChannelPayloadsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    private static final ChannelPayloads PAYLOADS = new ChannelPayloads(MAPPER);
    private static final UUID INCIDENT = UUID.fromString("c41e9a07-2d5b-4f8e-a3c6-7b10e5d94f21");
    private static final String DASHBOARD = "http://localhost:8083/dashboard/incidents/" + INCIDENT;

    /** What a hostile post, source or user could put into the fields we show. */
    static AlertEvent hostile() {
        return new AlertEvent(
                UUID.fromString("0e000000-0000-4000-8000-000000000001"),
                AlertEvent.RAISED,
                1,
                Instant.parse("2026-11-24T14:20:02Z"),
                INCIDENT,
                "riverside-health",
                null,
                "CRITICAL_POST",
                "CRITICAL",
                "OPEN",
                "RAISED",
                "<!channel> [boss](https://evil.example)",
                List.of("CRITICAL_POST:<@U024BE7LH>"),
                new Explanation.Window(
                        Instant.parse("2026-11-24T14:00:00Z"),
                        Instant.parse("2026-11-24T14:05:00Z")),
                new Explanation.Counts(1, 1),
                new Explanation.Baseline("negative-count", 1, 0),
                new Explanation.Threshold(1e-6, 5, 15, 2.0),
                null,
                null,
                List.of(
                        new Explanation.Sample(
                                "5d0c1c8e-8f4b-3a52-9c11-0a7b6e2f4d93",
                                "https://social.example/p?a=1&b=2|<!here>"),
                        new Explanation.Sample("77", "javascript:alert(1)")),
                "Login at <https://evil.example|your bank> & **reset** <!here>\nnow",
                DASHBOARD,
                Instant.parse("2026-11-24T14:20:02Z"),
                null,
                0,
                List.of(Explanation.Aspect.of("wait<!channel>", 1, 1)));
    }

    @Test
    void slackGetsMrkdwnWithNoMentionOrLinkFromOutside() throws Exception {
        var expected =
                """
                {"text": "🔴 New incident: Critical post — brand:riverside-health (CRITICAL)",
                 "blocks": [
                  {"type": "header", "text": {"type": "plain_text",
                    "text": "🔴 New incident: Critical post — brand:riverside-health"}},
                  {"type": "section", "fields": [
                    {"type": "mrkdwn", "text": "*Severity*\\nCRITICAL"},
                    {"type": "mrkdwn", "text": "*Status*\\nOPEN"},
                    {"type": "mrkdwn", "text": "*Mentions*\\n1 negative of 1"},
                    {"type": "mrkdwn", "text": "*Window*\\n2026-11-24T14:00:00Z – 2026-11-24T14:05:00Z"},
                    {"type": "mrkdwn", "text": "*Negative about*\\nwait&lt;!channel&gt; 1 (100%)"}]},
                  {"type": "section", "text": {"type": "mrkdwn",
                    "text": "Login at &lt;https://evil.example|your bank&gt; &amp; **reset** &lt;!here&gt;\\nnow"}},
                  {"type": "context", "elements": [{"type": "mrkdwn",
                    "text": "incident `c41e9a07-2d5b-4f8e-a3c6-7b10e5d94f21` · CRITICAL_POST:&lt;@U024BE7LH&gt; · by &lt;!channel&gt; [boss](https://evil.example) · samples: <https://social.example/p?a=1&amp;b=2%7C%3C!here%3E|5d0c1c8e>"}]},
                  {"type": "actions", "elements": [{"type": "button", "action_id": "open_incident",
                    "text": {"type": "plain_text", "text": "Open incident"},
                    "url": "@DASHBOARD@"}]}
                 ]}
                """
                        .replace("@DASHBOARD@", DASHBOARD);
        assertThat(MAPPER.readTree(PAYLOADS.slack(hostile()))).isEqualTo(MAPPER.readTree(expected));
    }

    @Test
    void teamsGetsEscapedAdaptiveCardMarkdown() throws Exception {
        var expected =
                """
                {"type": "message", "attachments": [{
                  "contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": null,
                  "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard", "version": "1.2", "msteams": {"width": "full"},
                    "body": [
                      {"type": "TextBlock",
                       "text": "New incident: Critical post — brand:riverside-health",
                       "weight": "Bolder", "size": "Medium", "wrap": true, "style": "heading",
                       "color": "Attention"},
                      {"type": "TextBlock",
                       "text": "Login at \\\\<https://evil.example|your bank\\\\> & \\\\*\\\\*reset\\\\*\\\\* \\\\<!here\\\\> now",
                       "wrap": true},
                      {"type": "FactSet", "facts": [
                        {"title": "Severity", "value": "CRITICAL"},
                        {"title": "Status", "value": "OPEN (by \\\\<!channel\\\\> \\\\[boss\\\\](https://evil.example))"},
                        {"title": "Mentions", "value": "1 negative of 1"},
                        {"title": "Window", "value": "2026-11-24T14:00:00Z – 2026-11-24T14:05:00Z"},
                        {"title": "Negative about", "value": "wait\\\\<!channel\\\\> 1 (100%%)"},
                        {"title": "Incident", "value": "c41e9a07-2d5b-4f8e-a3c6-7b10e5d94f21"}]}],
                    "actions": [{"type": "Action.OpenUrl", "title": "Open incident", "url": "%s"}]}}]}
                """
                        .formatted(DASHBOARD);
        assertThat(MAPPER.readTree(PAYLOADS.teams(hostile()))).isEqualTo(MAPPER.readTree(expected));
    }

    @Test
    void pagerDutyGetsPlainJsonCappedAndOnlyHttpLinks() throws Exception {
        JsonNode body = MAPPER.readTree(PAYLOADS.pagerDuty(hostile(), "rk"));
        var payload = body.get("payload");
        assertThat(payload.get("summary").asText())
                .isEqualTo(
                        "CRITICAL Critical post — brand:riverside-health: Login at"
                                + " <https://evil.example|your bank> & **reset** <!here>\nnow");
        assertThat(payload.get("custom_details").get("sample_links"))
                .isEqualTo(MAPPER.readTree("[\"https://social.example/p?a=1&b=2%7C%3C!here%3E\"]"));
        assertThat(payload.get("custom_details").get("sample_mention_ids").size()).isEqualTo(2);

        var longSummary =
                new AlertEvent(
                        hostile().eventId(),
                        hostile().eventType(),
                        1,
                        hostile().occurredAt(),
                        INCIDENT,
                        "b".repeat(300),
                        null,
                        "SPIKE",
                        "HIGH",
                        "OPEN",
                        "RAISED",
                        "system",
                        List.of(),
                        hostile().window(),
                        hostile().counts(),
                        hostile().baseline(),
                        hostile().threshold(),
                        null,
                        null,
                        List.of(),
                        "s".repeat(5000),
                        DASHBOARD,
                        hostile().openedAt(),
                        null,
                        0,
                        List.of());
        var capped = MAPPER.readTree(PAYLOADS.pagerDuty(longSummary, "rk")).get("payload");
        assertThat(capped.get("summary").asText()).hasSize(ChannelPayloads.PD_SUMMARY_MAX);
        assertThat(capped.get("source").asText()).hasSize(ChannelPayloads.PD_FIELD_MAX);
        assertThat(capped.get("group").asText()).hasSize(ChannelPayloads.PD_FIELD_MAX);
    }

    @Test
    void emailEscapesHtmlKeepsHeadersOnOneLineAndLinksOnlyHttp() {
        var message =
                EmailMessage.of(
                        hostile(),
                        UUID.fromString("0b7e0000-0000-4000-8000-000000000001"),
                        new EmailSettings(List.of("comms@riverside.example"), "[RH]"),
                        "riverside.example");
        assertThat(message.subject())
                .isEqualTo(
                        "[RH] CRITICAL Critical post at riverside-health (brand-wide): New incident")
                .doesNotContain("\r", "\n");
        assertThat(message.html())
                .contains(
                        "<p>Login at &lt;https://evil.example|your bank&gt; &amp; **reset**"
                                + " &lt;!here&gt;\nnow</p>")
                .contains(
                        "<a href=\"https://social.example/p?a=1&amp;b=2%7C%3C!here%3E\">5d0c1c8e-8f4b-3a52-9c11-0a7b6e2f4d93</a>")
                .contains("<li>77</li>")
                .doesNotContain("javascript:", "<!here>", "<!channel>");
    }
}
