package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.caresignal.local.run.DemoFeeder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The communications console in a real headless Chromium (see {@link Chromium}), on the demo stream
 * that {@code ./deploy/local/run} feeds (Riverside Health, its two facilities and the ER episode),
 * posted through ingest-service's webhook API once for the class: the analyst signs in at Keycloak,
 * reads the overview by names, searches the explorer, corrects a post and sees the counts follow by
 * exactly one; the responder reads an incident's posts and acknowledges it. axe-core runs on every
 * page ({@link Axe}).
 *
 * <p>{@code -Dcaresignal.screenshots=DIR} also writes a PNG of each page into DIR (docs/console.md
 * says how to regenerate the documentation's pictures).
 */
class ConsoleBrowserIT {

    private static final Logger LOG = Logger.getLogger(ConsoleBrowserIT.class.getName());
    private static final String BRAND = DemoFeeder.BRAND;
    private static final String NORTH = "riverside-north";
    private static final String SOUTH = "riverside-south";

    /** A word of the ER episode's posts (a patient left on a stretcher in a hallway). */
    private static final String EPISODE_WORD = "stretcher";

    private static E2eSystem e2e;
    private static Instant endAt;
    private static Path screenshots;

    private Chromium chromium;

    @BeforeAll
    static void feedTheDemo() throws Exception {
        e2e = E2eSystem.shared();
        var property = System.getProperty("caresignal.screenshots", "");
        screenshots = property.isBlank() ? null : Path.of(property).toAbsolutePath();
        // An incident the responder can act on, whatever the detector makes of the stream: the
        // first post with the episode's word raises a critical-post incident with its text.
        e2e.api.addCriticalPostRule("e2e-console-" + EPISODE_WORD, EPISODE_WORD);
        endAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long begin = System.nanoTime();
        if (screenshots != null) {
            // The pictures show what ./deploy/local/run shows: the stream after a week of history
            // (so "usual" levels, the expected band and the detector's incidents are there).
            new DemoFeeder(
                            e2e.system.ingestUrl(),
                            e2e.system.ingestApiKey(),
                            () -> e2e.api.token("admin"))
                    .feed(endAt, 1000);
        } else {
            // The test needs only the stream's six hours: the week of history would be ~2,000
            // more posts to score, minutes of the suite's time for nothing the test checks.
            DemoStream.feed(e2e, endAt);
        }
        long posts = DemoStream.load().size();
        await().atMost(Duration.ofSeconds(300))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () ->
                                assertThat(stats().path("totals").path("total").asLong())
                                        .as("the demo stream's posts counted by alert-service")
                                        .isEqualTo(posts));
        LOG.info(
                () ->
                        "Demo stream fed and counted in "
                                + Duration.ofNanos(System.nanoTime() - begin).toSeconds()
                                + " s");
    }

    @BeforeEach
    void openChromium() {
        chromium = Chromium.open();
    }

    @AfterEach
    void closeChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theAnalystSignsInAndTheOverviewNamesTheBrandAndBothFacilities() {
        // Picked by name: other end-to-end tests create brands too, and the overview shows only
        // the first six of the caller's brands when none is picked.
        var overview = e2e.system.dashboardUrl() + "?brand=" + BRAND;
        chromium.signIn(e2e, overview, "analyst", e2e.system.dashboardUrl());
        var browser = chromium.driver;
        chromium.wait.until(d -> !d.findElements(By.id("overview")).isEmpty());

        var brand = brandSection();
        assertThat(brand.findElement(By.tagName("h2")).getText()).contains("Riverside Health");
        assertThat(facility(brand, NORTH).getText()).contains("Riverside North Medical Center");
        assertThat(facility(brand, SOUTH).getText()).contains("Riverside South Hospital");
        // The ER episode: its posts are the most amplified negative ones, with their text.
        assertThat(brand.findElements(By.cssSelector(".top-negative li")))
                .as("the most amplified negative posts")
                .isNotEmpty();
        assertThat(brand.findElements(By.cssSelector(".aspects li"))).isNotEmpty();
        // The demo has no source connector (its posts come through the webhook): the part is
        // there, with nothing to list.
        assertThat(brand.findElements(By.cssSelector(".source-health"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#range select[name=range]"))).hasSize(1);
        screenshot("overview");
        Axe.assertAccessible(browser, "overview");
    }

    @Test
    void theTimelineListsBucketsAndABucketsLinkListsItsPosts() {
        var timeline = e2e.system.dashboardUrl() + "/timeline?brand=" + BRAND + "&range=24h";
        chromium.signIn(e2e, timeline, "analyst", e2e.system.dashboardUrl() + "/timeline");
        var browser = chromium.driver;
        chromium.wait.until(d -> !d.findElements(By.id("timeline")).isEmpty());
        var rows = browser.findElements(By.cssSelector("table.timeline-data tr[data-start]"));
        assertThat(rows).as("the timeline's buckets").isNotEmpty();
        screenshot("timeline");
        Axe.assertAccessible(browser, "timeline");

        // The busiest bucket's link: the explorer lists the posts behind it.
        var link =
                rows.stream()
                        .flatMap(
                                r ->
                                        r
                                                .findElements(
                                                        By.cssSelector(
                                                                "a[href*='/dashboard/mentions']"))
                                                .stream())
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no row links to its posts"));
        link.click();
        chromium.wait.until(d -> !d.findElements(By.id("explorer")).isEmpty());
        assertThat(browser.getCurrentUrl()).contains("from=").contains("to=");
        assertThat(browser.findElements(By.cssSelector("li.mention[data-mention-id]")))
                .isNotEmpty();
    }

    @Test
    void theIncidentListShowsTheBrandsIncidents() {
        awaitEpisodeIncident();
        var incidents = e2e.system.dashboardUrl() + "/incidents";
        chromium.signIn(e2e, incidents, "analyst", incidents);
        var browser = chromium.driver;
        // The list names brands by their slug (it predates the console's names).
        assertThat(browser.findElement(By.tagName("main")).getText())
                .containsAnyOf("Riverside Health", BRAND);
        screenshot("incidents");
        Axe.assertAccessible(browser, "incident list");
    }

    @Test
    void theAnalystFindsTheEpisodesPostsByAWordFromThemWithTheKeyboard() {
        var explorer = e2e.system.dashboardUrl() + "/mentions?brand=" + BRAND;
        chromium.signIn(e2e, explorer, "analyst", e2e.system.dashboardUrl() + "/mentions");
        var browser = chromium.driver;
        chromium.wait.until(d -> !d.findElements(By.id("explorer")).isEmpty());

        var q = browser.findElement(By.cssSelector("#mention-search input[name=q]"));
        q.clear();
        // Enter in the search field submits the form: no mouse needed.
        q.sendKeys(EPISODE_WORD, Keys.ENTER);
        chromium.wait.until(d -> d.getCurrentUrl().contains("q=" + EPISODE_WORD));
        var found = browser.findElements(By.cssSelector("li.mention[data-mention-id]"));
        assertThat(found).as("posts with '" + EPISODE_WORD + "'").isNotEmpty();
        for (var mention : found) {
            assertThat(
                            mention.findElement(By.cssSelector(".text"))
                                    .getText()
                                    .toLowerCase(Locale.ROOT))
                    .contains(EPISODE_WORD);
            assertThat(mention.findElement(By.cssSelector(".label")).getText()).isNotBlank();
            assertThat(mention.findElements(By.cssSelector("a.source-link"))).hasSize(1);
        }
        assertThat(browser.findElements(By.id("export-csv"))).hasSize(1);
        screenshot("explorer");
        Axe.assertAccessible(browser, "explorer");
    }

    @Test
    void correctingAPostMovesTheOverviewAndAlertServicesCountsByExactlyOne() {
        // Picked by name: other end-to-end tests create brands too, and the overview shows only
        // the first six of the caller's brands when none is picked.
        var overview = e2e.system.dashboardUrl() + "?brand=" + BRAND;
        chromium.signIn(e2e, overview, "analyst", e2e.system.dashboardUrl());
        var before = stats().path("totals");
        long overviewBefore = overviewNegatives();

        chromium.driver.get(
                e2e.system.dashboardUrl()
                        + "/mentions?brand="
                        + BRAND
                        + "&label=NEGATIVE&q="
                        + EPISODE_WORD);
        var browser = chromium.driver;
        chromium.wait.until(d -> !d.findElements(By.id("explorer")).isEmpty());
        var mention =
                browser.findElements(By.cssSelector("li.mention[data-mention-id]")).stream()
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError("no negative post with " + EPISODE_WORD));
        var mentionId = mention.getAttribute("data-mention-id");

        // Were the form folded into a <details>, open it as a person would.
        mention.findElements(By.xpath(".//details[.//form[contains(@class,'correction')]]/summary"))
                .forEach(WebElement::click);
        var form = mention.findElement(By.cssSelector("form.correction"));
        new Select(form.findElement(By.cssSelector("select[name=label]")))
                .selectByValue("POSITIVE");
        form.findElement(By.xpath(".//button[normalize-space()='Correct']")).click();
        // Post/Redirect/Get: back on the explorer's filter, where the post is no longer negative.
        chromium.awaitReplaced(form);
        chromium.wait.until(d -> !d.findElements(By.id("explorer")).isEmpty());
        var corrected =
                e2e.api
                        .get(e2e.system.sentimentUrl() + "/api/mentions/" + mentionId, "analyst")
                        .json();
        assertThat(corrected.path("label").asText()).isEqualTo("POSITIVE");
        assertThat(corrected.path("corrected").asBoolean()).isTrue();
        assertThat(corrected.path("correctedBy").asText()).isEqualTo("demo-analyst");

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () -> {
                            var after = stats().path("totals");
                            assertThat(after.path("negative").asLong())
                                    .isEqualTo(before.path("negative").asLong() - 1);
                            assertThat(after.path("positive").asLong())
                                    .isEqualTo(before.path("positive").asLong() + 1);
                            assertThat(after.path("total").asLong())
                                    .isEqualTo(before.path("total").asLong());
                        });
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(overviewNegatives()).isEqualTo(overviewBefore - 1));
    }

    @Test
    void theResponderReadsAnIncidentsPostsAndAcknowledgesIt() {
        var id = awaitEpisodeIncident();
        var incidentPage = e2e.system.dashboardUrl() + "/incidents/" + id;
        chromium.signIn(e2e, incidentPage, "responder", incidentPage);
        var browser = chromium.driver;
        chromium.wait.until(d -> !d.findElements(By.id("incident")).isEmpty());

        var texts =
                browser.findElements(By.cssSelector(".posts li.mention .text")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(texts).as("the incident's posts, with their text").isNotEmpty();
        assertThat(texts).allSatisfy(t -> assertThat(t).isNotBlank());
        assertThat(browser.findElements(By.id("window-chart"))).hasSize(1);
        screenshot("incident");
        Axe.assertAccessible(browser, "incident page");

        browser.findElement(By.cssSelector("form[action$='/acknowledge'] button[type=submit]"))
                .click();
        chromium.wait.until(
                d ->
                        d.getCurrentUrl().startsWith(incidentPage)
                                && d.findElements(By.cssSelector("form[action$='/acknowledge']"))
                                        .isEmpty());
        assertThat(e2e.api.incidentStatus(id)).isEqualTo("ACKNOWLEDGED");
        Axe.assertAccessible(browser, "incident page, acknowledged");
    }

    /** The demo brand's section of the overview. */
    private WebElement brandSection() {
        return chromium.driver.findElement(
                By.cssSelector("section.brand[data-brand='" + BRAND + "']"));
    }

    private static WebElement facility(WebElement brand, String id) {
        return brand.findElement(By.cssSelector(".facility[data-facility='" + id + "']"));
    }

    /**
     * The brand's negative posts over the overview's default range (24 h), as the overview shows
     * them: "31% (118 negative)" in the brand's figures.
     */
    private long overviewNegatives() {
        chromium.driver.get(e2e.system.dashboardUrl() + "?brand=" + BRAND + "&range=24h");
        chromium.wait.until(d -> !d.findElements(By.id("overview")).isEmpty());
        var share = brandSection().findElement(By.cssSelector(".brand-figures .negative-share"));
        var matcher = Pattern.compile("\\((\\d[\\d,]*) negative\\)").matcher(share.getText());
        assertThat(matcher.find()).as("a negative count in '" + share.getText() + "'").isTrue();
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }

    /**
     * The id of the demo brand's newest incident (the critical post with the episode's word, or one
     * the detector raised for the episode), once there is one.
     */
    private static String awaitEpisodeIncident() {
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> e2e.api.newestIncident(BRAND), id -> id != null);
    }

    /**
     * alert-service's counts of the demo brand over a fixed window that holds the fed stream (its
     * six hours end at {@link #endAt}) and none of the history replayed on the days before.
     */
    private static JsonNode stats() {
        var url =
                e2e.system.alertUrl()
                        + "/api/brands/"
                        + BRAND
                        + "/stats?from="
                        + URLEncoder.encode(
                                endAt.minus(Duration.ofHours(7)).toString(), StandardCharsets.UTF_8)
                        + "&to="
                        + URLEncoder.encode(
                                endAt.plus(Duration.ofHours(1)).toString(), StandardCharsets.UTF_8);
        var reply = e2e.api.get(url, "viewer");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** With {@code -Dcaresignal.screenshots=DIR}: the whole page as DIR/{name}.png. */
    private void screenshot(String name) {
        if (screenshots != null) {
            chromium.screenshot(screenshots.resolve(name + ".png"));
        }
    }
}
