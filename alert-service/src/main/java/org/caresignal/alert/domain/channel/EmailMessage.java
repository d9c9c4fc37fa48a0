package org.caresignal.alert.domain.channel;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caresignal.alert.event.AlertEvent;

/**
 * The e-mail for one incident change on one channel: subject, plain-text and HTML parts, and the
 * threading headers. Everything is derived from the stored event and the channel, so a retry sends
 * the same message (same {@code Message-ID}). Numbers, sample mention ids and links only: never
 * post text.
 *
 * @param messageId this message's {@code Message-ID}, with angle brackets
 * @param threadId the incident's thread root: the {@code RAISED} message's id; {@code In-Reply-To}
 *     and {@code References} of every later message
 * @param inReplyTo null for the message that opens the thread
 */
public record EmailMessage(
        List<String> to,
        String subject,
        String text,
        String html,
        String messageId,
        String threadId,
        String inReplyTo) {

    /** Longest subject we write (RFC 5322 recommends lines under 78; folding handles the rest). */
    static final int SUBJECT_MAX = 250;

    /**
     * Builds the message of {@code event} for the channel.
     *
     * @param domain the right-hand side of the Message-IDs (the From address's domain)
     */
    public static EmailMessage of(
            AlertEvent event, UUID channelId, EmailSettings settings, String domain) {
        var root = "incident-" + event.incidentId() + "." + channelId;
        var threadId = "<" + root + "@" + domain + ">";
        boolean opens = "RAISED".equals(event.change());
        var messageId = opens ? threadId : "<" + root + "." + event.eventId() + "@" + domain + ">";
        return new EmailMessage(
                settings.to(),
                subject(event, settings.subjectPrefix()),
                text(event),
                html(event),
                messageId,
                threadId,
                opens ? null : threadId);
    }

    /**
     * {@code [CareSignal] HIGH Negative spike at riverside-health / riverside-north: New incident}:
     * severity, kind, brand and facility (or "brand-wide"), and the change.
     */
    static String subject(AlertEvent event, String prefix) {
        var where =
                event.facilityId() == null
                        ? event.brandId() + " (brand-wide)"
                        : event.brandId() + " / " + event.facilityId();
        // A header line: nothing that came in from outside may break it into two.
        return ChannelText.header(
                (prefix.isEmpty() ? "" : prefix + " ")
                        + event.severity()
                        + " "
                        + kindWords(event.kind())
                        + " at "
                        + where
                        + ": "
                        + ChannelPayloads.statusWord(event.change()),
                SUBJECT_MAX);
    }

    private static String kindWords(String kind) {
        return "CRITICAL_POST".equals(kind) ? "Critical post" : "Negative spike";
    }

    /** The facts both parts show, in order: (label, value). */
    private static List<String[]> facts(AlertEvent event) {
        var facts = new java.util.ArrayList<String[]>();
        facts.add(new String[] {"Severity", event.severity()});
        facts.add(new String[] {"Status", event.status() + " (by " + event.actor() + ")"});
        facts.add(new String[] {"Kind", event.kind()});
        facts.add(new String[] {"Brand", event.brandId()});
        facts.add(
                new String[] {
                    "Facility", event.facilityId() == null ? "(brand-wide)" : event.facilityId()
                });
        facts.add(new String[] {"Triggers", String.join(", ", event.triggers())});
        facts.add(new String[] {"Window", event.window().start() + " – " + event.window().end()});
        facts.add(
                new String[] {
                    "Mentions", event.counts().negative() + " negative of " + event.counts().total()
                });
        var b = event.baseline();
        facts.add(
                new String[] {
                    "Baseline",
                    String.format(
                            Locale.ROOT,
                            "%s: observed %s, expected %s",
                            b.measure(),
                            number(b.observed()),
                            number(b.expected()))
                });
        if (event.effectSize() != null) {
            facts.add(
                    new String[] {
                        "Effect",
                        String.format(
                                Locale.ROOT,
                                "%.1fx, p = %.1e",
                                event.effectSize(),
                                event.pValue() == null ? Double.NaN : event.pValue())
                    });
        }
        var t = event.threshold();
        facts.add(
                new String[] {
                    "Threshold",
                    String.format(
                            Locale.ROOT,
                            "p < %.0e with at least %d negative / %d mentions and %.1fx",
                            t.pValue(),
                            t.minNegative(),
                            t.minTotal(),
                            t.minEffect())
                });
        if (!event.aspects().isEmpty()) {
            facts.add(new String[] {"Negative about", ChannelPayloads.aspects(event)});
        }
        facts.add(new String[] {"Incident", event.incidentId().toString()});
        return facts;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    static String text(AlertEvent event) {
        var out = new StringBuilder();
        out.append(ChannelPayloads.statusWord(event.change()))
                .append(": ")
                .append(ChannelPayloads.title(event))
                .append("\n\n")
                .append(event.summary())
                .append("\n\n");
        for (var fact : facts(event)) {
            out.append(String.format(Locale.ROOT, "%-15s %s%n", fact[0] + ":", fact[1]));
        }
        if (!event.samples().isEmpty()) {
            out.append("\nSample mentions:\n");
            for (var sample : event.samples()) {
                out.append("- ")
                        .append(sample.mentionId())
                        .append(sample.url() == null ? "" : " " + sample.url())
                        .append('\n');
                if (sample.excerpt() != null) {
                    out.append("  \"")
                            .append(
                                    ChannelPayloads.oneLine(
                                            ChannelText.cap(
                                                    sample.excerpt(), ChannelPayloads.EXCERPT_MAX)))
                            .append("\"\n");
                }
            }
        }
        out.append("\nOpen incident: ").append(event.dashboardUrl()).append('\n');
        return out.toString().replace("\r\n", "\n");
    }

    static String html(AlertEvent event) {
        var out = new StringBuilder();
        out.append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
                .append("<h2>")
                .append(escape(ChannelPayloads.statusWord(event.change())))
                .append(": ")
                .append(escape(ChannelPayloads.title(event)))
                .append("</h2><p>")
                .append(escape(event.summary()))
                .append("</p><table>");
        for (var fact : facts(event)) {
            out.append("<tr><th align=\"left\">")
                    .append(escape(fact[0]))
                    .append("</th><td>")
                    .append(escape(fact[1]))
                    .append("</td></tr>");
        }
        out.append("</table>");
        if (!event.samples().isEmpty()) {
            out.append("<p>Sample mentions:</p><ul>");
            for (var sample : event.samples()) {
                out.append("<li>");
                // Only a plain http(s) URL becomes a link (no javascript: or data: hrefs).
                var url = ChannelText.httpUrl(sample.url());
                if (url == null) {
                    out.append(escape(sample.mentionId()));
                } else {
                    out.append("<a href=\"")
                            .append(escape(url))
                            .append("\">")
                            .append(escape(sample.mentionId()))
                            .append("</a>");
                }
                if (sample.excerpt() != null) {
                    out.append("<br><q>")
                            .append(
                                    escape(
                                            ChannelText.cap(
                                                    sample.excerpt(), ChannelPayloads.EXCERPT_MAX)))
                            .append("</q>");
                }
                out.append("</li>");
            }
            out.append("</ul>");
        }
        out.append("<p><a href=\"")
                .append(escape(event.dashboardUrl()))
                .append("\">Open incident</a></p></body></html>");
        return out.toString();
    }

    static String escape(String value) {
        return ChannelText.html(value);
    }
}
