package org.caresignal.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.SmtpProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The e-mail channel against GreenMail, a real SMTP server, on a random local port. */
@QuarkusTest
@TestProfile(SmtpProfile.class)
class EmailChannelTest {

    private static final String FROM = "caresignal@riverside.example";
    private static final List<String> TO =
            List.of("comms-oncall@riverside.example", "press@riverside.example");
    private static GreenMail smtp;

    @BeforeEach
    void running() {
        if (smtp == null) {
            start();
        }
    }

    @AfterAll
    static void stop() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    private static void start() {
        start(SmtpProfile.PASSWORD);
    }

    /** GreenMail on the mailer's port, knowing our user with {@code password}. */
    private static void start(String password) {
        int port = ConfigProvider.getConfig().getValue("quarkus.mailer.port", Integer.class);
        smtp =
                new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                        .withConfiguration(
                                GreenMailConfiguration.aConfig()
                                        .withUser(FROM, SmtpProfile.USER, password));
        smtp.start();
    }

    @Test
    void raisedAndAcknowledgedArriveThreadedWithBothPartsAndNoPostText() throws Exception {
        var channel = emailChannel("[Comms]");
        try {
            var brand = ScoredMentions.uniqueBrand();
            Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
            var incident =
                    Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1)
                            .getString("[0].id");
            var raised = Alerts.readUntil(brand, Alerts.ofType("AlertRaised")).get(0);
            Channels.awaitDeliveries(incident, channel, Channels.has("RAISED", "DELIVERED"));
            Channels.act("alex@riverside.example", incident, "acknowledge", "{}");
            var log =
                    Channels.awaitDeliveries(
                            incident, channel, Channels.has("ACKNOWLEDGED", "DELIVERED"));
            assertThat(log.getInt("find { it.change == 'RAISED' }.attempts")).isEqualTo(1);
            var acknowledged =
                    last(
                            Alerts.readUntil(
                                    brand, e -> "ACKNOWLEDGED".equals(e.path("change").asText())));

            var mails = messagesOf(incident);
            // One copy per recipient mailbox, two changes.
            assertThat(mails).hasSize(4);
            var root = "<incident-" + incident + "." + channel + "@riverside.example>";
            var first = withMessageId(mails, root);
            assertThat(first).hasSize(2);
            var opening = first.get(0);
            assertThat(addresses(opening.getRecipients(Message.RecipientType.TO)))
                    .containsExactlyElementsOf(TO);
            assertThat(addresses(opening.getFrom())).containsExactly(FROM);
            assertThat(opening.getSubject())
                    .isEqualTo(
                            "[Comms] CRITICAL Critical post at "
                                    + brand
                                    + " (brand-wide): New incident");
            assertThat(opening.getHeader("In-Reply-To")).isNull();
            var text = part(opening, "text/plain");
            var html = part(opening, "text/html");
            assertExplains(text, raised);
            assertExplains(html, raised);
            assertThat(html).contains("<a href=\"" + raised.get("dashboardUrl").asText() + "\">");
            assertThat(text).contains("Negative about: emergency-wait 1 (100%)");

            var reply =
                    "<incident-"
                            + incident
                            + "."
                            + channel
                            + "."
                            + acknowledged.get("eventId").asText()
                            + "@riverside.example>";
            var second = withMessageId(mails, reply);
            assertThat(second).hasSize(2);
            assertThat(second.get(0).getHeader("In-Reply-To")).containsExactly(root);
            assertThat(second.get(0).getHeader("References")).containsExactly(root);
            assertThat(second.get(0).getSubject())
                    .isEqualTo(
                            "[Comms] CRITICAL Critical post at "
                                    + brand
                                    + " (brand-wide): Acknowledged");
            assertThat(part(second.get(0), "text/plain"))
                    .contains("ACKNOWLEDGED (by alex@riverside.example)");

            for (var mail : mails) {
                // The critical post's text and the golden file's text never; the password neither.
                assertThat(mail.getSubject() + part(mail, "text/plain") + part(mail, "text/html"))
                        .doesNotContain("leaked", "hacked", "Patient records", "Waited 6 hours");
                assertThat(raw(mail)).doesNotContain(SmtpProfile.PASSWORD);
            }
        } finally {
            Channels.delete(channel);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedUntilTheServerIsBackAndOneMessageArrives() throws Exception {
        var channel = emailChannel(null);
        try {
            smtp.stop();
            smtp = null;
            var brand = ScoredMentions.uniqueBrand();
            Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
            var incident =
                    Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1)
                            .getString("[0].id");
            var failing =
                    Channels.awaitDeliveries(
                            incident,
                            channel,
                            j ->
                                    j.getList("$").size() == 1
                                            && j.getInt("[0].attempts") >= 1
                                            && "PENDING".equals(j.getString("[0].status")));
            assertThat(failing.getString("[0].lastError")).startsWith("network error");
            assertThat(failing.getString("[0].lastError")).doesNotContain(SmtpProfile.PASSWORD);

            start();
            var log =
                    Channels.awaitDeliveries(
                            incident, channel, Channels.has("RAISED", "DELIVERED"));
            assertThat(log.getInt("[0].attempts")).isGreaterThan(1);
            assertThat(log.getString("[0].lastError")).isNull();

            var mails = messagesOf(incident);
            // One message (a copy in each of the two mailboxes), with the default prefix.
            assertThat(mails).hasSize(2);
            assertThat(mails.get(0).getSubject()).startsWith("[CareSignal] CRITICAL Critical post");
            assertThat(mails.get(0).getHeader("Message-ID"))
                    .containsExactly(
                            "<incident-" + incident + "." + channel + "@riverside.example>");
            // Nothing more turns up later (the retry did not leave a second send behind).
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> messagesOf(incident).size() == 2);
        } finally {
            Channels.delete(channel);
        }
    }

    @Test
    void aPermanentSmtpRefusalFailsTheDeliveryAtOnceWithTheReplyInTheLog() throws Exception {
        var channel = emailChannel(null);
        try {
            // The server now knows another password for our user: AUTH gets a 5xx reply.
            smtp.stop();
            start("another-password");
            var brand = ScoredMentions.uniqueBrand();
            Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
            var incident =
                    Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1)
                            .getString("[0].id");
            var log = Channels.awaitDeliveries(incident, channel, Channels.has("RAISED", "FAILED"));
            // The reply code only: the server's text is not shown.
            assertThat(log.getString("[0].lastError")).matches("SMTP 5\\d\\d");
            assertThat(log.getString("[0].lastError")).doesNotContain(SmtpProfile.PASSWORD);
            // Not retried through the backoff: at most one attempt after a stale pooled connection.
            assertThat(log.getInt("[0].attempts")).isLessThanOrEqualTo(2);
            assertThat(messagesOf(incident)).isEmpty();
        } finally {
            Channels.delete(channel);
            smtp.stop();
            start();
        }
    }

    @Test
    void emailSettingsAreValidatedAndShownWithoutAnySecret() {
        var created =
                Api.asAdmin()
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"name\": \"comms mail\", \"type\": \"EMAIL\", \"email\": {\"to\":"
                                        + " [\" comms@riverside.example \"], \"subjectPrefix\":"
                                        + " \"[RH]\"}}")
                        .post("/api/channels")
                        .then()
                        .statusCode(201)
                        .body("type", equalTo("EMAIL"))
                        .body("email.to", contains("comms@riverside.example"))
                        .body("email.from", equalTo(FROM))
                        .body("email.subjectPrefix", equalTo("[RH]"))
                        .extract()
                        .path("id");
        String id = created.toString();
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"email\": {\"to\": [\"a@riverside.example\", \"b@riverside.example\"]}}")
                .put("/api/channels/" + id)
                .then()
                .statusCode(200)
                .body("email.to", contains("a@riverside.example", "b@riverside.example"))
                .body("email.subjectPrefix", equalTo("[CareSignal]"));
        Channels.delete(id);

        problem(
                "{\"name\": \"m\", \"type\": \"EMAIL\", \"email\": {\"to\": [\"ok@riverside.example\","
                        + " \"not-an-address\"]}}",
                "email.to[1]");
        problem(
                "{\"name\": \"m\", \"type\": \"EMAIL\", \"email\": {\"to\":"
                        + " [\"x@riverside.example\\r\\nBcc: all@example.org\"]}}",
                "email.to[0]");
        problem("{\"name\": \"m\", \"type\": \"EMAIL\"}", "email.to");
        problem(
                "{\"name\": \"m\", \"type\": \"EMAIL\", \"email\": {\"to\": [\"ok@riverside.example\"],"
                        + " \"from\": \"nobody\"}}",
                "email.from");
        // From is the server's alone, and recipients stay in the server's domains.
        problem(
                "{\"name\": \"m\", \"type\": \"EMAIL\", \"email\": {\"to\": [\"ok@riverside.example\"],"
                        + " \"from\": \"ceo@riverside.example\"}}",
                "email.from");
        problem(
                "{\"name\": \"m\", \"type\": \"EMAIL\", \"email\": {\"to\": [\"ok@riverside.example\","
                        + " \"victim@elsewhere.example\"]}}",
                "email.to[1]");
        problem(
                "{\"name\": \"m\", \"type\": \"EMAIL\", \"email\": {\"to\": [\"ok@riverside.example\"]},"
                        + " \"secrets\": {\"password\": \"x\"}}",
                "secrets.password");
        problem(
                "{\"name\": \"m\", \"type\": \"SLACK\", \"secrets\": {\"url\":"
                        + " \"https://hooks.slack.com/services/T/B/X\"}, \"email\": {\"to\":"
                        + " [\"ok@riverside.example\"]}}",
                "email");
    }

    @Test
    void aChannelNotAllowedPostLinksGetsNoPostUrlNoHandleAndNoExcerpt() throws Exception {
        var channel =
                Channels.create(
                        Map.of(
                                "name",
                                "plain mail",
                                "type",
                                "EMAIL",
                                "email",
                                Map.<String, Object>of("to", TO, "from", FROM)));
        try {
            var brand = ScoredMentions.uniqueBrand();
            Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
            var incident =
                    Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1)
                            .getString("[0].id");
            var raised = Alerts.readUntil(brand, Alerts.ofType("AlertRaised")).get(0);
            var url = raised.get("samples").get(0).get("url").asText();
            assertThat(url).contains("/@someone/");
            Channels.awaitDeliveries(incident, channel, Channels.has("RAISED", "DELIVERED"));

            var mails = messagesOf(incident);
            assertThat(mails).isNotEmpty();
            for (var mail : mails) {
                for (var body : List.of(part(mail, "text/plain"), part(mail, "text/html"))) {
                    assertThat(body)
                            .contains(raised.get("samples").get(0).get("mentionId").asText())
                            .contains(raised.get("dashboardUrl").asText())
                            .doesNotContain(url)
                            .doesNotContain("@someone")
                            .doesNotContain("leaked online");
                }
            }
        } finally {
            Channels.delete(channel);
        }
    }

    private static void problem(String body, String field) {
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/channels")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    private static String emailChannel(String prefix) {
        var email =
                prefix == null
                        ? Map.<String, Object>of("to", TO, "from", FROM)
                        : Map.<String, Object>of("to", TO, "from", FROM, "subjectPrefix", prefix);
        return Channels.create(
                Map.of(
                        "name",
                        "comms mail",
                        "type",
                        "EMAIL",
                        "email",
                        email,
                        "allowPostLinks",
                        true));
    }

    private static void assertExplains(String body, JsonNode event) {
        var counts = event.get("counts");
        assertThat(body)
                .contains(event.get("incidentId").asText())
                .contains("CRITICAL_POST:data-breach")
                .contains(event.get("window").get("start").asText())
                .contains(event.get("window").get("end").asText())
                .contains(
                        counts.get("negative").asLong()
                                + " negative of "
                                + counts.get("total").asLong())
                .contains("negative-count: observed")
                .contains("at least 5 negative / 15 mentions")
                .contains(event.get("samples").get(0).get("mentionId").asText())
                .contains(event.get("samples").get(0).get("url").asText())
                .contains(event.get("dashboardUrl").asText())
                .contains("CRITICAL")
                .contains("emergency-wait");
    }

    /** Every received message of the incident, across mailboxes. */
    private static List<MimeMessage> messagesOf(String incident) throws MessagingException {
        if (smtp == null) {
            return List.of();
        }
        var out = new java.util.ArrayList<MimeMessage>();
        for (var m : smtp.getReceivedMessages()) {
            var header = m.getHeader("X-CareSignal-Incident");
            if (header != null && Arrays.asList(header).contains(incident)) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<MimeMessage> withMessageId(List<MimeMessage> mails, String id)
            throws MessagingException {
        var out = new java.util.ArrayList<MimeMessage>();
        for (var m : mails) {
            if (id.equals(m.getHeader("Message-ID", null))) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<String> addresses(jakarta.mail.Address[] addresses) {
        return Arrays.stream(addresses).map(Object::toString).toList();
    }

    private static String part(MimeMessage mail, String type)
            throws MessagingException, IOException {
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        var multipart = (MimeMultipart) mail.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String raw(MimeMessage mail) throws MessagingException, IOException {
        var out = new java.io.ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonNode last(List<JsonNode> events) {
        return events.get(events.size() - 1);
    }
}
