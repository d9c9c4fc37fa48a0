package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.domain.console.OverviewFigures.Counts;
import org.caresignal.alert.domain.console.Range;
import org.caresignal.alert.domain.console.RangeWindow;
import org.caresignal.alert.domain.digest.DigestCadence;
import org.caresignal.alert.domain.digest.DigestSchedule;
import org.caresignal.alert.domain.digest.DigestSubscription;
import org.junit.jupiter.api.Test;

/** The digest's wording from an overview: degraded parts, caps, the excerpt switch, the zone. */
class DigestComposerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant SEND = Instant.parse("2026-07-01T06:00:00Z");

    private static DigestSubscription subscription(boolean internal) {
        return new DigestSubscription(
                "riverside-health",
                DigestCadence.DAILY,
                null,
                LocalTime.of(8, 0),
                List.of("comms@riverside.example"),
                internal,
                true,
                SEND,
                SEND,
                null,
                null,
                0,
                null);
    }

    private static BrandOverview.Post post(UUID id, long reposts) {
        return new BrandOverview.Post(
                id,
                "riverside-north",
                "Riverside North",
                "webhook",
                Instant.parse("2026-06-30T12:00:00Z"),
                SentimentLabel.NEGATIVE,
                -0.5,
                reposts,
                null,
                null,
                null);
    }

    private static BrandOverview overview(
            BrandOverview.Figures figures, List<BrandOverview.Post> posts) {
        return new BrandOverview(
                "riverside-health",
                "Riverside Health",
                BERLIN,
                RangeWindow.of(Range.last24h(), BERLIN, SEND.minusNanos(1)),
                figures,
                List.of(),
                List.of(new BrandOverview.AspectChange("emergency-wait", 3, 5, null, null)),
                posts,
                List.of(),
                List.of(),
                new BrandOverview.Problems(
                        null,
                        "sentiment-service is not answering: volume and sentiment not available.",
                        null,
                        null,
                        null,
                        null));
    }

    private static DigestView compose(
            boolean internal, BrandOverview o, Map<UUID, String> excerpts) {
        var due = new DigestSchedule.Due(LocalDate.parse("2026-07-01"), SEND.atZone(BERLIN));
        return DigestComposer.compose(
                new DigestComposer.Inputs(
                        subscription(internal),
                        due,
                        o,
                        List.of(),
                        0,
                        List.of(),
                        0,
                        excerpts,
                        "https://console.example/dashboard/"));
    }

    @Test
    void figuresThatCouldNotBeReadAreSaidSoAndTimesCarryTheBrandsZone() {
        var uncounted =
                new BrandOverview.Figures(
                        false, Counts.ZERO, null, null, null, null, null, null, 2);
        var view = compose(true, overview(uncounted, List.of()), Map.of());
        assertThat(view.figuresNote())
                .isEqualTo(
                        "sentiment-service is not answering: volume and sentiment not available.");
        assertThat(view.volume()).isNull();
        assertThat(view.subject())
                .isEqualTo("[CareSignal] Daily digest: Riverside Health, Wed 1 Jul 2026");
        assertThat(view.rangeText())
                .isEqualTo("Tue 30 Jun 2026 08:00 CEST to Wed 1 Jul 2026 08:00 CEST");
        assertThat(view.zone()).isEqualTo("Europe/Berlin (CEST)");
        assertThat(view.aspects())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.name()).isEqualTo("Emergency wait");
                            assertThat(a.change()).isEqualTo("new data");
                        });
        assertThat(view.link())
                .isEqualTo("https://console.example/dashboard?brand=riverside-health&range=24h");
    }

    @Test
    void atMostThreePostsAndExcerptsOnlyForInternalRecipients() {
        var figures =
                new BrandOverview.Figures(
                        true, new Counts(9, 3, 3, 3), 12.5, -0.28, 1 / 3.0, 0.2, 0.133, 0.0, 0);
        var ids =
                List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        var posts = ids.stream().map(id -> post(id, 10)).toList();
        var excerpts = Map.of(ids.get(0), "first excerpt", ids.get(3), "fourth excerpt");

        var internal = compose(true, overview(figures, posts), excerpts);
        assertThat(internal.posts()).hasSize(3);
        assertThat(internal.posts().get(0).excerpt()).isEqualTo("first excerpt");
        assertThat(internal.posts().get(1).excerpt()).isNull();
        assertThat(internal.volume()).isEqualTo("9 mentions");
        assertThat(internal.volumeUsual()).isEqualTo("usual 12.5, -28%");
        assertThat(internal.negativeShare()).isEqualTo("33%");
        assertThat(internal.negativeShareUsual()).isEqualTo("usual 20%, +13 points");
        assertThat(internal.netSentiment()).isEqualTo("+0");
        assertThat(internal.posts().get(0).when()).isEqualTo("Tue 30 Jun 2026 14:00 CEST");

        var external = compose(false, overview(figures, posts), excerpts);
        assertThat(external.posts()).extracting(DigestView.PostLine::excerpt).containsOnlyNulls();
        assertThat(external.internal()).isFalse();
    }
}
