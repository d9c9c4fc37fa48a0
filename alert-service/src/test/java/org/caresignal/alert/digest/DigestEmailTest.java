package org.caresignal.alert.digest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.caresignal.alert.domain.digest.DigestCadence;
import org.caresignal.alert.repository.DigestSubscriptionRepository;
import org.caresignal.alert.service.DigestScheduler;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.BucketCounts;
import org.caresignal.alert.support.ConsoleServices;
import org.caresignal.alert.support.MovableClock;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.SmtpProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The digest e-mail end to end: a known data set (ingest-service and sentiment-service answering in
 * the shapes of docs/api-examples from WireMock, incidents and excerpts in this service's database)
 * rendered into both parts and sent to GreenMail at local 08:00 in America/Chicago, once per
 * period, whatever the instances and failures.
 */
@QuarkusTest
@TestProfile(SmtpProfile.class)
class DigestEmailTest {

    private static final String FROM = "caresignal@riverside.example";
    private static final Path EXAMPLES = Path.of("..", "docs", "api-examples");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Wednesday 25 November 2026, 08:00 in Chicago (CST, UTC-6). */
    private static final Instant EIGHT_LOCAL = Instant.parse("2026-11-25T14:00:00Z");

    private static final String EXCERPT_ONE = "Waited 6 hours in the ER <b>again</b> & nobody came";
    private static final String EXCERPT_TWO = "Billing sent me to collections twice.";

    private static GreenMail smtp;

    @Inject MovableClock clock;
    @Inject DigestScheduler digests;
    @Inject DigestSubscriptionRepository subscriptions;
    @Inject AgroalDataSource db;

    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void running() {
        if (smtp == null) {
            startSmtp();
        }
    }

    @AfterEach
    void cleanUp() {
        for (var path : created) {
            Api.asAdmin().delete(path);
        }
        created.clear();
        clock.reset();
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    private static void startSmtp() {
        int port = ConfigProvider.getConfig().getValue("quarkus.mailer.port", Integer.class);
        smtp =
                new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                        .withConfiguration(
                                GreenMailConfiguration.aConfig()
                                        .withUser(FROM, SmtpProfile.USER, SmtpProfile.PASSWORD));
        smtp.start();
    }

    @Test
    void anInternalDailyDigestOfAKnownDataSetSaysWhatHappenedWithExcerpts() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        var data = knownDataSet(brand);
        var to = "comms+" + brand + "@riverside.example";
        setClock(EIGHT_LOCAL.minus(Duration.ofHours(3)));
        subscribe(brand, "DAILY", to, "\"internal\": true");

        setClock(EIGHT_LOCAL.minusSeconds(30));
        assertThat(digests.tick()).as("07:59:30 in Chicago").isZero();
        setClock(EIGHT_LOCAL.plusSeconds(20));
        assertThat(digests.tick()).as("08:00:20 in Chicago").isEqualTo(1);

        var mails = to(to);
        assertThat(mails).hasSize(1);
        var mail = mails.get(0);
        assertThat(mail.getSubject())
                .isEqualTo("[CareSignal] Daily digest: Riverside Health, Wed 25 Nov 2026");
        assertThat(Arrays.stream(mail.getFrom()).map(a -> ((InternetAddress) a).getAddress()))
                .containsExactly(FROM);
        assertThat(mail.getHeader("Message-ID"))
                .containsExactly("<digest." + brand + ".daily.2026-11-25@riverside.example>");

        var text = part(mail, "text/plain");
        var dashboard =
                ConfigProvider.getConfig()
                        .getValue("caresignal.alert.incidents.dashboard-url", String.class);
        assertThat(text)
                .contains("Daily digest: Riverside Health")
                .contains("Tue 24 Nov 2026 08:00 CST to Wed 25 Nov 2026 08:00 CST")
                .contains("Times in America/Chicago (CST)")
                .containsPattern("Volume: +40 mentions \\(usual 20, \\+100%\\)")
                .containsPattern("Negative share: +50% \\(usual 20%, \\+30 points\\)")
                .containsPattern("Net sentiment: +-25 ")
                .contains("- Riverside North Medical Center: 30 mentions, 60% negative")
                .contains("- Riverside South Hospital: 10 mentions, 20% negative")
                .contains("- Emergency wait: 9 negative of 12 (+7)")
                .contains("- Billing: 3 negative of 4 (+0)")
                .contains("- Nursing care: 1 negative of 6 (+1)")
                .contains("Opened: 2. Resolved: 2.")
                .contains(
                        "- Opened Tue 24 Nov 2026 14:15 CST: HIGH Negative spike at Riverside"
                                + " North Medical Center (open) "
                                + dashboard
                                + "/incidents/"
                                + data.openSpike())
                .contains(
                        "- Opened Tue 24 Nov 2026 20:00 CST: CRITICAL Critical post at Riverside"
                                + " Health (brand-wide) (resolved)")
                .contains(
                        "- Resolved Tue 24 Nov 2026 10:00 CST: MEDIUM Negative spike at Riverside"
                                + " South Hospital")
                .contains(
                        "- Resolved Tue 24 Nov 2026 23:30 CST: CRITICAL Critical post at Riverside"
                                + " Health (brand-wide)")
                .doesNotContain(data.later().toString())
                .contains(
                        "1. Riverside North Medical Center, webhook, Tue 24 Nov 2026 14:03 CST:"
                                + " 14 reposts, score -0.62")
                .contains("\"" + EXCERPT_ONE + "\"")
                .contains(
                        "2. Riverside Health, mastodon, Tue 24 Nov 2026 12:20 CST: 3 reposts,"
                                + " score -0.41")
                .contains("\"" + EXCERPT_TWO + "\"")
                .contains(
                        "3. Riverside South Hospital, bluesky, Tue 24 Nov 2026 16:45 CST: 2"
                                + " reposts, score -0.30")
                .doesNotContain("4. ")
                .contains("Open the console: " + dashboard + "?brand=" + brand + "&range=24h")
                .doesNotContain("riverside-north")
                .doesNotContain("riverside-south");
        // The third post's excerpt was erased: nothing is quoted for it.
        assertThat(text.split("\n")).filteredOn(line -> line.startsWith("   \"")).hasSize(2);

        var html = part(mail, "text/html");
        assertThat(html)
                .contains("Riverside North Medical Center")
                .contains("Waited 6 hours in the ER &lt;b&gt;again&lt;/b&gt; &amp; nobody came")
                .doesNotContain("<b>again</b>")
                .contains("href=\"" + dashboard + "?brand=" + brand + "&amp;range=24h\"")
                .contains("href=\"" + dashboard + "/incidents/" + data.openSpike() + "\"")
                .contains("<li class=\"aspect\">Emergency wait: 9 negative of 12 (+7)</li>")
                .doesNotContain("Post text is not included");

        // Every read of the other services carried the service's own token.
        var reads =
                ConsoleServices.client()
                        .find(getRequestedFor(urlPathMatching("/api/.*" + brand + ".*")));
        assertThat(reads).isNotEmpty();
        assertThat(reads)
                .allSatisfy(
                        r -> assertThat(r.getHeader("Authorization")).matches("Bearer [\\w.-]+"));
        // The mentions' text was not asked for: excerpts come from this service's own database.
        assertThat(ConsoleServices.client().find(getRequestedFor(urlPathEqualTo("/api/mentions"))))
                .isEmpty();

        setClock(EIGHT_LOCAL.plusSeconds(80));
        assertThat(digests.tick()).as("the next minute").isZero();
        assertThat(to(to)).hasSize(1);
        Api.asAdmin()
                .get("/api/brands/" + brand + "/digests/DAILY")
                .then()
                .statusCode(200)
                .body("lastSentPeriod", org.hamcrest.Matchers.equalTo("2026-11-25"))
                .body("lastError", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anExternalWeeklyDigestCarriesNoPostText() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        knownDataSet(brand);
        var to = "board+" + brand + "@riverside.example";
        setClock(EIGHT_LOCAL.minus(Duration.ofDays(1)));
        subscribe(brand, "WEEKLY", to, "\"dayOfWeek\": \"WEDNESDAY\", \"internal\": false");

        setClock(EIGHT_LOCAL.plusSeconds(5));
        assertThat(digests.tick()).isEqualTo(1);
        var mail = to(to).get(0);
        assertThat(mail.getSubject())
                .isEqualTo("[CareSignal] Weekly digest: Riverside Health, Wed 25 Nov 2026");
        var text = part(mail, "text/plain");
        var html = part(mail, "text/html");
        for (var part : List.of(text, html)) {
            assertThat(part)
                    .doesNotContain("Waited 6 hours")
                    .doesNotContain("Billing sent me")
                    .doesNotContain("collections")
                    .contains("14 reposts")
                    .contains("range=7d");
        }
        // The 7 whole local days before the send day.
        assertThat(text).contains("Wed 18 Nov 2026 00:00 CST to Wed 25 Nov 2026 00:00 CST");
        assertThat(html).contains("Post text is not included in this digest");
    }

    @Test
    void sentOnceAtLocalEightNotAtUtcEightNorTwiceWithTwoInstancesOrALiveClaim() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        knownDataSet(brand);
        var to = "once+" + brand + "@riverside.example";
        setClock(EIGHT_LOCAL.minus(Duration.ofHours(7)));
        subscribe(brand, "DAILY", to, "\"internal\": false");

        setClock(EIGHT_LOCAL.minus(Duration.ofHours(6)).plusSeconds(10));
        assertThat(digests.tick()).as("08:00 UTC is 02:00 in Chicago").isZero();

        // Another instance holds today's claim (it is sending): this tick leaves it alone.
        setClock(EIGHT_LOCAL.plusSeconds(10));
        var period = LocalDate.parse("2026-11-25");
        assertThat(
                        QuarkusTransaction.requiringNew()
                                .call(
                                        () ->
                                                subscriptions.claim(
                                                        brand,
                                                        DigestCadence.DAILY,
                                                        period,
                                                        clock.instant(),
                                                        clock.instant()
                                                                .plus(Duration.ofMinutes(5)))))
                .isTrue();
        assertThat(digests.tick()).isZero();
        assertThat(to(to)).isEmpty();

        // That instance died; its lease ends and two instances tick at the same moment.
        setClock(EIGHT_LOCAL.plus(Duration.ofMinutes(6)));
        // Threads of the test's own pool (they inherit its class loader).
        var pool = Executors.newFixedThreadPool(2);
        try {
            var first = CompletableFuture.supplyAsync(digests::tick, pool);
            var second = CompletableFuture.supplyAsync(digests::tick, pool);
            assertThat(first.get() + second.get()).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        setClock(EIGHT_LOCAL.plus(Duration.ofMinutes(7)));
        assertThat(digests.tick()).isZero();
        assertThat(to(to)).hasSize(1);
    }

    @Test
    void aFailedSendIsTriedAgainNextMinuteAndSentOnce() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        knownDataSet(brand);
        var to = "retry+" + brand + "@riverside.example";
        setClock(EIGHT_LOCAL.minus(Duration.ofHours(1)));
        subscribe(brand, "DAILY", to, "\"internal\": true");

        smtp.stop();
        smtp = null;
        setClock(EIGHT_LOCAL.plusSeconds(10));
        assertThat(digests.tick()).isZero();
        var state =
                Api.asAdmin()
                        .get("/api/brands/" + brand + "/digests/DAILY")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(state.getString("lastSentPeriod")).isNull();
        assertThat(state.getString("lastError")).matches("network error.*|timed out");

        startSmtp();
        setClock(EIGHT_LOCAL.plusSeconds(70));
        assertThat(digests.tick()).isEqualTo(1);
        setClock(EIGHT_LOCAL.plusSeconds(130));
        assertThat(digests.tick()).isZero();
        assertThat(to(to)).hasSize(1);
        Api.asAdmin()
                .get("/api/brands/" + brand + "/digests/DAILY")
                .then()
                .body("lastSentPeriod", org.hamcrest.Matchers.equalTo("2026-11-25"))
                .body("lastError", org.hamcrest.Matchers.nullValue());
    }

    // ---- the known data set -------------------------------------------------------------------

    /** The incidents the data set holds (ids), for the assertions. */
    record Data(UUID openSpike, UUID later) {}

    /**
     * Riverside Health (America/Chicago) with two facilities; in the 24 hours to Wednesday 08:00
     * CST: 40 mentions, 20 negative (usual 20 and 20%); three aspects; three amplified negative
     * posts, two with stored excerpts; two incidents opened, two resolved, one opened after.
     */
    private Data knownDataSet(String brand) throws Exception {
        var wm = ConsoleServices.client();
        var brandJson = (ObjectNode) JSON.readTree(EXAMPLES.resolve("ingest/brand.json").toFile());
        brandJson.put("id", brand);
        wm.register(
                get(urlPathEqualTo("/api/brands/" + brand))
                        .willReturn(okJson(brandJson.toString())));
        wm.register(get(urlPathEqualTo("/api/sources")).willReturn(okJson("[]")));

        // alert-service's own counts: one hour of the digest's 24 hours, and one in each of the
        // four 24 hours before with 20 mentions, 4 negative.
        counts(brand, null, 20, 10, 10);
        counts(brand, "riverside-north", 18, 6, 6);
        counts(brand, "riverside-south", 2, 4, 4);

        var aspects = "/api/brands/" + brand + "/aspects";
        wm.register(
                get(urlPathEqualTo(aspects))
                        .atPriority(10)
                        .willReturn(okJson(aspects(brand, new long[][] {{2, 2}, {4, 3}, {1, 0}}))));
        wm.register(
                get(urlPathEqualTo(aspects))
                        .atPriority(1)
                        .withQueryParam("from", equalTo("2026-11-24T14:00:00Z"))
                        .willReturn(
                                okJson(aspects(brand, new long[][] {{12, 9}, {4, 3}, {6, 1}}))));

        var m1 = UUID.randomUUID();
        var m2 = UUID.randomUUID();
        var m3 = UUID.randomUUID();
        var top =
                (ObjectNode)
                        JSON.readTree(EXAMPLES.resolve("sentiment/top-mentions.json").toFile());
        var items = (ArrayNode) top.get("items");
        var template = (ObjectNode) items.get(0);
        items.removeAll();
        items.add(
                item(
                        template,
                        m1,
                        "riverside-north",
                        "webhook",
                        "2026-11-24T20:03:00Z",
                        -0.62,
                        14));
        items.add(item(template, m2, null, "mastodon", "2026-11-24T18:20:00Z", -0.41, 3));
        items.add(
                item(template, m3, "riverside-south", "bluesky", "2026-11-24T22:45:00Z", -0.30, 2));
        var topPath = "/api/brands/" + brand + "/top-mentions";
        wm.register(
                get(urlPathEqualTo(topPath))
                        .withQueryParam("label", equalToIgnoreCase("NEGATIVE"))
                        .willReturn(okJson(top.toString())));
        wm.register(
                get(urlPathEqualTo(topPath))
                        .withQueryParam("label", equalToIgnoreCase("POSITIVE"))
                        .willReturn(okJson("{\"items\": []}")));

        try (var c = db.getConnection()) {
            try (var insert =
                    c.prepareStatement(
                            "INSERT INTO counted_mention (mention_id, brand_id, bucket_start,"
                                    + " label, facility_id, excerpt) VALUES (?, ?, ?, 'NEGATIVE',"
                                    + " ?, ?)")) {
                for (var row :
                        new Object[][] {
                            {m1, "riverside-north", EXCERPT_ONE},
                            {m2, null, EXCERPT_TWO},
                            // Erased: the excerpt is gone.
                            {m3, "riverside-south", null}
                        }) {
                    insert.setObject(1, row[0]);
                    insert.setString(2, brand);
                    insert.setTimestamp(3, Timestamp.from(Instant.parse("2026-11-24T20:00:00Z")));
                    insert.setString(4, (String) row[1]);
                    insert.setString(5, (String) row[2]);
                    insert.executeUpdate();
                }
            }
            var openSpike = UUID.randomUUID();
            var later = UUID.randomUUID();
            try (var insert =
                    c.prepareStatement(
                            "INSERT INTO incident (id, brand_id, facility_id, kind, severity,"
                                    + " status, opened_at, updated_at, resolved_at, explanation,"
                                    + " escalation_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}',"
                                    + " ?)")) {
                incident(
                        insert,
                        openSpike,
                        brand,
                        "riverside-north",
                        "SPIKE",
                        "HIGH",
                        "OPEN",
                        "2026-11-24T20:15:00Z",
                        null);
                incident(
                        insert,
                        UUID.randomUUID(),
                        brand,
                        null,
                        "CRITICAL_POST",
                        "CRITICAL",
                        "RESOLVED",
                        "2026-11-25T02:00:00Z",
                        "2026-11-25T05:30:00Z");
                incident(
                        insert,
                        UUID.randomUUID(),
                        brand,
                        "riverside-south",
                        "SPIKE",
                        "MEDIUM",
                        "RESOLVED",
                        "2026-11-23T12:00:00Z",
                        "2026-11-24T16:00:00Z");
                incident(
                        insert,
                        later,
                        brand,
                        "riverside-south",
                        "SPIKE",
                        "LOW",
                        "OPEN",
                        "2026-11-25T14:30:00Z",
                        null);
            }
            return new Data(openSpike, later);
        }
    }

    private static void incident(
            java.sql.PreparedStatement insert,
            UUID id,
            String brand,
            String facility,
            String kind,
            String severity,
            String status,
            String opened,
            String resolved)
            throws java.sql.SQLException {
        insert.setObject(1, id);
        insert.setString(2, brand);
        insert.setString(3, facility);
        insert.setString(4, kind);
        insert.setString(5, severity);
        insert.setString(6, status);
        insert.setTimestamp(7, Timestamp.from(Instant.parse(opened)));
        insert.setTimestamp(8, Timestamp.from(Instant.parse(resolved == null ? opened : resolved)));
        insert.setTimestamp(9, resolved == null ? null : Timestamp.from(Instant.parse(resolved)));
        insert.setTimestamp(10, Timestamp.from(Instant.parse(opened)));
        insert.executeUpdate();
    }

    /** The series' counts in the digest's 24 hours and in each of the four 24 hours before. */
    private static void counts(String brand, String facility, long neg, long neu, long pos) {
        BucketCounts.put(brand, facility, Instant.parse("2026-11-24T21:00:00Z"), neg, neu, pos);
        for (int day = 20; day <= 23; day++) {
            BucketCounts.put(
                    brand, facility, Instant.parse("2026-11-" + day + "T21:00:00Z"), 4, 8, 8);
        }
    }

    /** aspects.json's three aspects with these {total, negative} counts. */
    private static String aspects(String brand, long[][] counts) throws IOException {
        var aspects =
                (ObjectNode) JSON.readTree(EXAMPLES.resolve("sentiment/aspects.json").toFile());
        aspects.put("brandId", brand);
        var list = (ArrayNode) aspects.get("aspects");
        for (int i = 0; i < counts.length; i++) {
            var a = (ObjectNode) list.get(i);
            a.put("total", counts[i][0]);
            a.put("negative", counts[i][1]);
            a.put("neutral", 0);
            a.put("positive", counts[i][0] - counts[i][1]);
        }
        return aspects.toString();
    }

    private static ObjectNode item(
            ObjectNode template,
            UUID id,
            String facility,
            String source,
            String publishedAt,
            double score,
            long reposts) {
        var item = template.deepCopy();
        item.put("mentionId", id.toString());
        if (facility == null) {
            item.putNull("facilityId");
        } else {
            item.put("facilityId", facility);
        }
        item.put("source", source);
        item.put("publishedAt", publishedAt);
        item.put("score", score);
        item.put("reposts", reposts);
        return item;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void setClock(Instant at) {
        clock.advance(Duration.between(clock.instant(), at));
    }

    private void subscribe(String brand, String cadence, String to, String more) {
        var path = "/api/brands/" + brand + "/digests/" + cadence;
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"recipients\": [\"" + to + "\"], \"sendAt\": \"08:00\", " + more + "}")
                .put(path)
                .then()
                .statusCode(201);
        created.add(path);
    }

    private static List<MimeMessage> to(String address) throws Exception {
        var out = new ArrayList<MimeMessage>();
        if (smtp == null) {
            return out;
        }
        for (var m : smtp.getReceivedMessages()) {
            var recipients = m.getRecipients(Message.RecipientType.TO);
            if (recipients != null
                    && Arrays.stream(recipients)
                            .anyMatch(r -> ((InternetAddress) r).getAddress().equals(address))) {
                out.add(m);
            }
        }
        return out;
    }

    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            var multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                var found = part(body, type);
                if (found != null) {
                    return found.replace("\r\n", "\n");
                }
            }
        }
        return null;
    }

    static {
        // The example files must exist: the stubs are built from them.
        if (!Files.isDirectory(EXAMPLES)) {
            throw new IllegalStateException(
                    "docs/api-examples not found from " + Path.of("").toAbsolutePath());
        }
    }
}
