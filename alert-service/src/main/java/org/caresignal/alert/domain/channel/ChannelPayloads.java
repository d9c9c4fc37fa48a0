package org.caresignal.alert.domain.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.caresignal.alert.event.AlertEvent;

/**
 * The request bodies each channel sends for an incident change: counts, sample mention ids, the
 * dashboard link always, and of the samples only what the event still holds after the channel's
 * {@code SampleDisclosure} was applied (a post link only for a channel that allows post links, an
 * excerpt of at most 140 characters only for one that includes excerpts). Every field that comes
 * from a user or a remote source (summary, actor, brand and facility, triggers, aspects, sample
 * links) is escaped for its format by {@link ChannelText} and capped to the receiver's limits.
 */
public final class ChannelPayloads {

    /** PagerDuty's limit on {@code payload.summary}. */
    static final int PD_SUMMARY_MAX = 1024;

    /** What we allow PagerDuty's other short fields (source, group, class, component). */
    static final int PD_FIELD_MAX = 255;

    /** Longest excerpt of a sample any payload carries. */
    static final int EXCERPT_MAX = 140;

    /** Slack's limits: header text, section text, a field's text, a context element. */
    static final int SLACK_HEADER_MAX = 150;

    static final int SLACK_TEXT_MAX = 3000;
    static final int SLACK_FIELD_MAX = 2000;

    private final ObjectMapper mapper;

    public ChannelPayloads(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Whether a change is worth a notification at all (folds and snoozes are not). */
    public static boolean notifies(String change) {
        return switch (change) {
            case "RAISED", "REOPENED", "ESCALATED", "ACKNOWLEDGED", "RESOLVED" -> true;
            default -> false;
        };
    }

    /** One PagerDuty alert per incident, across trigger, acknowledge and resolve. */
    public static String dedupKey(AlertEvent event) {
        return "caresignal:incident:" + event.incidentId();
    }

    public static String pagerDutyAction(String change) {
        return switch (change) {
            case "ACKNOWLEDGED" -> "acknowledge";
            case "RESOLVED" -> "resolve";
            default -> "trigger";
        };
    }

    public static String pagerDutySeverity(String severity) {
        return switch (severity) {
            case "CRITICAL" -> "critical";
            case "HIGH" -> "error";
            case "MEDIUM" -> "warning";
            default -> "info";
        };
    }

    static String source(AlertEvent event) {
        return event.facilityId() == null
                ? "brand:" + event.brandId()
                : "facility:" + event.brandId() + "/" + event.facilityId();
    }

    static String title(AlertEvent event) {
        var what =
                switch (event.kind()) {
                    case "CRITICAL_POST" -> "Critical post";
                    case "SOURCE_SILENT" -> sourceHealthTitle(event);
                    default -> "Negative spike";
                };
        return what + " — " + source(event);
    }

    /** A source-health incident by the reason its trigger {@code REASON:<reason>} names. */
    private static String sourceHealthTitle(AlertEvent event) {
        var triggers = event.triggers() == null ? java.util.List.<String>of() : event.triggers();
        if (triggers.contains("REASON:RATE_LIMITED")) {
            return "Source rate-limited";
        }
        if (triggers.contains("REASON:FAILING")) {
            return "Source failing";
        }
        return "Source silent";
    }

    /** PagerDuty Events v2 {@code /v2/enqueue} body. */
    public String pagerDuty(AlertEvent event, String routingKey) {
        var body = mapper.createObjectNode();
        body.put("routing_key", routingKey);
        var action = pagerDutyAction(event.change());
        body.put("event_action", action);
        body.put("dedup_key", dedupKey(event));
        if (!"trigger".equals(action)) {
            return write(body);
        }
        var payload = body.putObject("payload");
        var summary = event.severity() + " " + title(event) + ": " + event.summary();
        payload.put("summary", ChannelText.cap(summary, PD_SUMMARY_MAX));
        payload.put("source", ChannelText.cap(source(event), PD_FIELD_MAX));
        payload.put("severity", pagerDutySeverity(event.severity()));
        payload.put("timestamp", event.occurredAt().toString());
        payload.put("component", "sentiment");
        payload.put("group", ChannelText.cap(event.brandId(), PD_FIELD_MAX));
        payload.put(
                "class",
                ChannelText.cap(event.kind().toLowerCase(java.util.Locale.ROOT), PD_FIELD_MAX));
        var details = payload.putObject("custom_details");
        details.put("incident_id", event.incidentId().toString());
        details.put("change", event.change());
        details.set("triggers", mapper.valueToTree(event.triggers()));
        details.set("window", mapper.valueToTree(event.window()));
        details.set("counts", mapper.valueToTree(event.counts()));
        details.set("baseline", mapper.valueToTree(event.baseline()));
        details.set("p_value", mapper.valueToTree(event.pValue()));
        details.set("effect_size", mapper.valueToTree(event.effectSize()));
        if (!event.aspects().isEmpty()) {
            details.set("aspects", mapper.valueToTree(event.aspects()));
        }
        var ids = details.putArray("sample_mention_ids");
        var links = details.putArray("sample_links");
        for (var sample : event.samples()) {
            ids.add(sample.mentionId());
            var url = ChannelText.httpUrl(sample.url());
            if (url != null) {
                links.add(url);
            }
        }
        if (hasExcerpts(event)) {
            var excerpts = details.putArray("sample_excerpts");
            for (var sample : event.samples()) {
                if (sample.excerpt() != null) {
                    excerpts.add(ChannelText.cap(sample.excerpt(), EXCERPT_MAX));
                }
            }
        }
        var link = body.putArray("links").addObject();
        link.put("href", event.dashboardUrl());
        link.put("text", "Open incident");
        body.put("client", "CareSignal alert-service");
        body.put("client_url", origin(event.dashboardUrl()));
        return write(body);
    }

    /** Slack incoming webhook body: a fallback {@code text} and Block Kit {@code blocks}. */
    public String slack(AlertEvent event) {
        var icon =
                switch (event.change()) {
                    case "RESOLVED" -> "✅";
                    case "ACKNOWLEDGED" -> "👀";
                    default -> "🔴";
                };
        var headline = icon + " " + statusWord(event.change()) + ": " + title(event);
        var body = mapper.createObjectNode();
        body.put(
                "text",
                ChannelText.cap(
                        ChannelText.slack(headline + " (" + event.severity() + ")"),
                        SLACK_TEXT_MAX));
        var blocks = body.putArray("blocks");
        var header = blocks.addObject();
        header.put("type", "header");
        plain(header.putObject("text"), ChannelText.cap(headline, SLACK_HEADER_MAX));
        var fields = blocks.addObject();
        fields.put("type", "section");
        var list = fields.putArray("fields");
        mrkdwn(list.addObject(), "*Severity*\n" + ChannelText.slack(event.severity()));
        mrkdwn(list.addObject(), "*Status*\n" + ChannelText.slack(event.status()));
        mrkdwn(
                list.addObject(),
                "*Mentions*\n"
                        + event.counts().negative()
                        + " negative of "
                        + event.counts().total());
        mrkdwn(
                list.addObject(),
                "*Window*\n" + event.window().start() + " – " + event.window().end());
        if (!event.aspects().isEmpty()) {
            mrkdwn(
                    list.addObject(),
                    ChannelText.cap(
                            "*Negative about*\n" + ChannelText.slack(aspects(event)),
                            SLACK_FIELD_MAX));
        }
        var summary = blocks.addObject();
        summary.put("type", "section");
        mrkdwn(
                summary.putObject("text"),
                ChannelText.cap(ChannelText.slack(event.summary()), SLACK_TEXT_MAX));
        var context = blocks.addObject();
        context.put("type", "context");
        var samples = new StringBuilder();
        for (var sample : event.samples()) {
            if (ChannelText.httpUrl(sample.url()) != null) {
                samples.append(samples.isEmpty() ? " · samples: " : ", ")
                        .append(
                                ChannelText.slackLink(
                                        sample.url(), ChannelText.cap(sample.mentionId(), 8)));
            }
        }
        mrkdwn(
                context.putArray("elements").addObject(),
                ChannelText.cap(
                        "incident `"
                                + event.incidentId()
                                + "` · "
                                + ChannelText.slack(String.join(", ", event.triggers()))
                                + " · by "
                                + ChannelText.slack(event.actor())
                                + samples,
                        SLACK_FIELD_MAX));
        if (hasExcerpts(event)) {
            var quotes = new StringBuilder("*Sample posts*");
            for (var sample : event.samples()) {
                if (sample.excerpt() != null) {
                    quotes.append("\n> ")
                            .append(
                                    ChannelText.slack(
                                            oneLine(
                                                    ChannelText.cap(
                                                            sample.excerpt(), EXCERPT_MAX))));
                }
            }
            var excerpts = blocks.addObject();
            excerpts.put("type", "section");
            mrkdwn(excerpts.putObject("text"), ChannelText.cap(quotes.toString(), SLACK_TEXT_MAX));
        }
        var actions = blocks.addObject();
        actions.put("type", "actions");
        var button = actions.putArray("elements").addObject();
        button.put("type", "button");
        button.put("action_id", "open_incident");
        plain(button.putObject("text"), "Open incident");
        button.put("url", event.dashboardUrl());
        return write(body);
    }

    /** Microsoft Teams Workflows webhook body: a message with one Adaptive Card. */
    public String teams(AlertEvent event) {
        var body = mapper.createObjectNode();
        body.put("type", "message");
        var attachment = body.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        var card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.2");
        card.putObject("msteams").put("width", "full");
        var cardBody = card.putArray("body");
        var heading = cardBody.addObject();
        heading.put("type", "TextBlock");
        heading.put("text", ChannelText.teams(statusWord(event.change()) + ": " + title(event)));
        heading.put("weight", "Bolder");
        heading.put("size", "Medium");
        heading.put("wrap", true);
        heading.put("style", "heading");
        heading.put(
                "color",
                switch (event.change()) {
                    case "RESOLVED" -> "Good";
                    case "RAISED", "REOPENED", "ESCALATED" -> "Attention";
                    default -> "Warning";
                });
        var summary = cardBody.addObject();
        summary.put("type", "TextBlock");
        summary.put("text", ChannelText.teams(event.summary()));
        summary.put("wrap", true);
        if (hasExcerpts(event)) {
            var label = cardBody.addObject();
            label.put("type", "TextBlock");
            label.put("text", "Sample posts");
            label.put("weight", "Bolder");
            for (var sample : event.samples()) {
                if (sample.excerpt() != null) {
                    var quote = cardBody.addObject();
                    quote.put("type", "TextBlock");
                    quote.put(
                            "text",
                            ChannelText.teams(
                                    "“" + ChannelText.cap(sample.excerpt(), EXCERPT_MAX) + "”"));
                    quote.put("wrap", true);
                    quote.put("isSubtle", true);
                }
            }
        }
        var facts = cardBody.addObject();
        facts.put("type", "FactSet");
        var list = facts.putArray("facts");
        fact(list.addObject(), "Severity", event.severity());
        fact(list.addObject(), "Status", event.status() + " (by " + event.actor() + ")");
        fact(
                list.addObject(),
                "Mentions",
                event.counts().negative() + " negative of " + event.counts().total());
        fact(list.addObject(), "Window", event.window().start() + " – " + event.window().end());
        if (!event.aspects().isEmpty()) {
            fact(list.addObject(), "Negative about", aspects(event));
        }
        fact(list.addObject(), "Incident", event.incidentId().toString());
        var open = card.putArray("actions").addObject();
        open.put("type", "Action.OpenUrl");
        open.put("title", "Open incident");
        open.put("url", event.dashboardUrl());
        return write(body);
    }

    /**
     * The aspects driving the incident on one line, e.g. {@code emergency-wait 14 (61%), billing 5
     * (22%)}: how many of the window's negative mentions are negative about each, and their share.
     */
    static String aspects(AlertEvent event) {
        var line = new StringBuilder();
        for (var a : event.aspects()) {
            if (!line.isEmpty()) {
                line.append(", ");
            }
            line.append(a.aspect())
                    .append(' ')
                    .append(a.negative())
                    .append(" (")
                    .append(Math.round(a.share() * 100))
                    .append("%)");
        }
        return line.toString();
    }

    /** Whether any sample carries an excerpt (only a channel that includes excerpts gets one). */
    static boolean hasExcerpts(AlertEvent event) {
        return event.samples() != null
                && event.samples().stream().anyMatch(x -> x.excerpt() != null);
    }

    /** Line breaks as spaces, so that a quoted excerpt stays one quoted line. */
    static String oneLine(String value) {
        return value.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
    }

    /** A FactSet row; its value is markdown in Teams, so it is escaped. */
    private static void fact(ObjectNode node, String title, String value) {
        node.put("title", title);
        node.put("value", ChannelText.teams(value));
    }

    static String statusWord(String change) {
        return switch (change) {
            case "RAISED" -> "New incident";
            case "REOPENED" -> "Re-opened";
            case "ESCALATED" -> "Escalated";
            case "ACKNOWLEDGED" -> "Acknowledged";
            case "RESOLVED" -> "Resolved";
            default -> change;
        };
    }

    private static void plain(ObjectNode node, String text) {
        node.put("type", "plain_text");
        node.put("text", text);
    }

    private static void mrkdwn(ObjectNode node, String text) {
        node.put("type", "mrkdwn");
        node.put("text", text);
    }

    private static String origin(String url) {
        var uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a channel payload", e);
        }
    }
}
