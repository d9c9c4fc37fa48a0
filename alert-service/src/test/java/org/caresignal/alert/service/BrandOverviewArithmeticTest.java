package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.caresignal.alert.client.AspectSummary;
import org.caresignal.alert.client.AspectSummary.AspectCount;
import org.caresignal.alert.client.SentimentHistory;
import org.caresignal.alert.client.Source;
import org.caresignal.alert.domain.console.Range;
import org.caresignal.alert.domain.console.RangeWindow;
import org.junit.jupiter.api.Test;

/** The overview's figures, aspects and source states from answers of the other services. */
class BrandOverviewArithmeticTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private static SentimentHistory.Bucket day(String date, long neg, long neu, long pos) {
        var d = LocalDate.parse(date);
        return new SentimentHistory.Bucket(
                d.atStartOfDay(CHICAGO).toOffsetDateTime(),
                d.plusDays(1).atStartOfDay(CHICAGO).toOffsetDateTime(),
                neg + neu + pos,
                neg,
                neu,
                pos,
                null);
    }

    @Test
    void theRangeIsComparedWithTheMeanOfTheFourBeforeAcrossAClockChange() {
        // 2026-11-01 is a 25-hour day in Chicago; every bucket still falls in exactly one range.
        var window =
                RangeWindow.of(
                        Range.days(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-03")),
                        CHICAGO,
                        Instant.parse("2026-12-01T00:00:00Z"));
        var buckets = new ArrayList<SentimentHistory.Bucket>();
        for (var d = LocalDate.parse("2026-10-25");
                d.isBefore(LocalDate.parse("2026-11-02"));
                d = d.plusDays(1)) {
            buckets.add(day(d.toString(), 1, 3, 1));
        }
        buckets.add(day("2026-11-02", 15, 10, 5));
        buckets.add(day("2026-11-03", 3, 4, 3));
        // A bucket outside all five ranges is ignored.
        buckets.add(day("2026-10-01", 100, 0, 0));
        var earlier =
                List.of(
                        window.previous(1),
                        window.previous(2),
                        window.previous(3),
                        window.previous(4));

        var f =
                BrandOverviewService.figures(
                        new SentimentHistory("b", null, null, "day", CHICAGO.getId(), buckets),
                        window,
                        earlier,
                        2);

        assertThat(f.counted()).isTrue();
        assertThat(f.counts().volume()).isEqualTo(40);
        assertThat(f.usualVolume()).isEqualTo(10.0);
        assertThat(f.volumeChange()).isCloseTo(3.0, within(1e-9));
        assertThat(f.negativeShare()).isCloseTo(0.45, within(1e-9));
        assertThat(f.usualNegativeShare()).isCloseTo(0.2, within(1e-9));
        assertThat(f.negativeShareChange()).isCloseTo(0.25, within(1e-9));
        assertThat(f.netSentiment()).isCloseTo(-25.0, within(1e-9));
        assertThat(f.openIncidents()).isEqualTo(2);
    }

    @Test
    void aspectsAreTheMostNegativeWithTheirChangeAndUnknownChangeWithoutTheRangeBefore() {
        var now =
                new AspectSummary(
                        "b",
                        null,
                        null,
                        List.of(
                                new AspectCount("parking", 5, 3, 2, 0),
                                new AspectCount("nursing-care", 6, 0, 1, 5),
                                new AspectCount("emergency-wait", 12, 9, 2, 1),
                                new AspectCount("billing", 4, 3, 1, 0)));
        var before =
                new AspectSummary(
                        "b", null, null, List.of(new AspectCount("emergency-wait", 4, 2, 2, 0)));

        var changes = BrandOverviewService.aspectChanges(now, before);
        assertThat(changes)
                .extracting(BrandOverview.AspectChange::aspect)
                .containsExactly("emergency-wait", "billing", "parking");
        assertThat(changes.get(0).change()).isEqualTo(7);
        assertThat(changes.get(1).change()).isEqualTo(3);
        assertThat(BrandOverviewService.aspectChanges(now, null).get(0).change()).isNull();
    }

    @Test
    void sourceHealthSaysWhatIsWrongAndSinceWhen() {
        var item = Instant.parse("2026-12-02T10:00:00Z");
        var success = Instant.parse("2026-12-02T11:00:00Z");
        var reset = Instant.parse("2026-12-02T12:00:00Z");
        var silent = source(true, "OK", item, success, null);
        var limited = source(false, "RATE_LIMITED", item, success, reset);
        var failing = source(false, "FAILING", item, success, null);
        var fine = source(false, "OK", item, success, null);

        assertThat(BrandOverviewService.health(silent))
                .extracting("state", "since")
                .containsExactly("SILENT", item);
        assertThat(BrandOverviewService.health(limited))
                .extracting("state", "since", "until")
                .containsExactly("RATE_LIMITED", success, reset);
        assertThat(BrandOverviewService.health(failing))
                .extracting("state", "since")
                .containsExactly("FAILING", success);
        assertThat(BrandOverviewService.health(fine))
                .extracting("state", "mentionsLastHour")
                .containsExactly("DELIVERING", 5L);
        assertThat(BrandOverviewService.health(new Source("x", "rss", "b", false, null)).state())
                .isEqualTo("DISABLED");
    }

    private static Source source(
            boolean silent, String status, Instant item, Instant success, Instant reset) {
        return new Source(
                "s",
                "mastodon",
                "b",
                true,
                new Source.Health(
                        status,
                        success,
                        success,
                        null,
                        0,
                        null,
                        new Source.RateLimit(null, null, reset),
                        5,
                        item,
                        silent,
                        null,
                        false));
    }
}
