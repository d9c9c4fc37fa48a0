package org.caresignal.alert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caresignal.alert.domain.BrandBucketCount;
import org.caresignal.alert.domain.UncertainPolicy;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.routing.QuietHours;
import org.caresignal.alert.domain.routing.Route;
import org.junit.jupiter.api.Test;

class DashboardFormatTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void timesAlwaysNameTheirZone() {
        var at = Instant.parse("2026-01-06T07:05:13Z");
        assertThat(DashboardFormat.time(at, ZoneOffset.UTC).text())
                .isEqualTo("2026-01-06 07:05 UTC");
        assertThat(DashboardFormat.time(at, NEW_YORK).text()).isEqualTo("2026-01-06 02:05 EST");
        assertThat(DashboardFormat.time(at, NEW_YORK).iso()).isEqualTo("2026-01-06T07:05:13Z");
        assertThat(DashboardFormat.time(Instant.parse("2026-07-06T07:05:00Z"), NEW_YORK).text())
                .isEqualTo("2026-07-06 03:05 EDT");
        assertThat(DashboardFormat.time(null, NEW_YORK)).isNull();
        assertThat(DashboardFormat.zoneName(ZoneOffset.UTC)).isEqualTo("UTC");
        assertThat(DashboardFormat.zoneName(NEW_YORK)).isEqualTo("America/New_York");
    }

    @Test
    void agesReadLikeAPersonWouldSayThem() {
        var now = Instant.parse("2026-01-06T12:00:00Z");
        assertThat(DashboardFormat.age(now.minusSeconds(20), now)).isEqualTo("< 1 min");
        assertThat(DashboardFormat.age(now.minusSeconds(45 * 60), now)).isEqualTo("45 min");
        assertThat(DashboardFormat.age(now.minusSeconds(3 * 3600 + 12 * 60), now))
                .isEqualTo("3 h 12 min");
        assertThat(DashboardFormat.age(now.minusSeconds(2 * 86400 + 3 * 3600), now))
                .isEqualTo("2 d 3 h");
        assertThat(DashboardFormat.age(now.plusSeconds(60), now)).isEqualTo("< 1 min");
    }

    private static Route route(String brand, String facility, ZoneId zone, int position) {
        var quiet =
                zone == null
                        ? null
                        : new QuietHours(
                                Set.of(DayOfWeek.MONDAY),
                                LocalTime.of(22, 0),
                                LocalTime.of(7, 0),
                                zone,
                                Severity.CRITICAL);
        return new Route(
                UUID.randomUUID(),
                "r" + position,
                position,
                true,
                brand,
                facility,
                Set.of(),
                null,
                List.of(),
                false,
                quiet,
                List.of());
    }

    @Test
    void theZoneIsTheMostSpecificMatchingRoutesQuietHoursZoneElseUtc() {
        var routes =
                List.of(
                        route(null, null, BERLIN, 1),
                        route("riverside", null, NEW_YORK, 2),
                        route("riverside", "north", ZoneId.of("America/Chicago"), 3),
                        route("lakeside", null, null, 4));
        assertThat(DashboardFormat.zoneFor(routes, "riverside", "north"))
                .isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(DashboardFormat.zoneFor(routes, "riverside", "south")).isEqualTo(NEW_YORK);
        assertThat(DashboardFormat.zoneFor(routes, "riverside", null)).isEqualTo(NEW_YORK);
        assertThat(DashboardFormat.zoneFor(routes, "lakeside", null)).isEqualTo(BERLIN);
        assertThat(DashboardFormat.zoneFor(List.of(route("x", null, null, 1)), "x", null))
                .isEqualTo(ZoneOffset.UTC);
        // A facility route alone still tells the zone of the brand-wide view.
        assertThat(DashboardFormat.zoneFor(List.of(route("x", "north", NEW_YORK, 1)), "x", null))
                .isEqualTo(NEW_YORK);
        assertThat(DashboardFormat.zoneFor(List.of(route("x", "north", NEW_YORK, 1)), "x", "south"))
                .isEqualTo(ZoneOffset.UTC);
    }

    private static BrandBucketCount bucket(String start, long total, long negative) {
        var b = new BrandBucketCount();
        b.brandId = "b";
        b.bucketStart = Instant.parse(start);
        b.total = total;
        b.negative = negative;
        b.neutral = total - negative;
        return b;
    }

    @Test
    void theHourlyNegativesAndShareFollowTheUncertainPolicyWhileTheTotalKeepsEveryMention() {
        var now = Instant.parse("2026-01-06T12:34:00Z");
        // 10 mentions: 4 negative, 2 of them uncertain; 6 neutral, 3 of them in Spanish.
        var b = bucket("2026-01-06T12:00:00Z", 10, 4);
        b.negativeUncertain = 2;
        b.neutralUnread = 3;

        var excluded = DashboardFormat.hourly(List.of(b), UncertainPolicy.EXCLUDE, now, 1).get(0);
        assertThat(excluded.total()).isEqualTo(10);
        assertThat(excluded.negative()).isEqualTo(2);
        assertThat(excluded.assessed()).isEqualTo(5);
        assertThat(excluded.negativePercent()).isEqualTo(40);

        var paging = DashboardFormat.hourly(List.of(b), UncertainPolicy.NEGATIVE, now, 1).get(0);
        assertThat(paging.negative()).isEqualTo(4);
        assertThat(paging.assessed()).isEqualTo(7);
        assertThat(paging.negativePercent()).isEqualTo(57);

        var neutral = DashboardFormat.hourly(List.of(b), UncertainPolicy.NEUTRAL, now, 1).get(0);
        assertThat(neutral.negative()).isEqualTo(2);
        assertThat(neutral.assessed()).isEqualTo(7);
        assertThat(neutral.total()).isEqualTo(10);
    }

    @Test
    void bucketsSumIntoTheLast24WholeHoursEndingWithTheCurrentOne() {
        var now = Instant.parse("2026-01-06T12:34:00Z");
        var hours =
                DashboardFormat.hourly(
                        List.of(
                                bucket("2026-01-05T12:55:00Z", 9, 9), // before the first hour
                                bucket("2026-01-05T13:00:00Z", 4, 1),
                                bucket("2026-01-06T12:00:00Z", 10, 2),
                                bucket("2026-01-06T12:05:00Z", 6, 6),
                                bucket("2026-01-06T13:00:00Z", 7, 7)), // after now's hour
                        now,
                        24);
        assertThat(hours).hasSize(24);
        assertThat(hours.get(0).start()).isEqualTo(Instant.parse("2026-01-05T13:00:00Z"));
        assertThat(hours.get(0).total()).isEqualTo(4);
        assertThat(hours.get(23).start()).isEqualTo(Instant.parse("2026-01-06T12:00:00Z"));
        assertThat(hours.get(23).total()).isEqualTo(16);
        assertThat(hours.get(23).negative()).isEqualTo(8);
        assertThat(hours.get(23).negativePercent()).isEqualTo(50);
        assertThat(hours.get(5).negativePercent()).isZero();
        assertThat(hours.stream().mapToLong(DashboardFormat.Hour::total).sum()).isEqualTo(20);
    }

    @Test
    void sparklinePointsSpanTheBoxWithTheMaximumAtTheTop() {
        assertThat(DashboardFormat.sparkline(List.of(0L, 5L, 10L), 10, 100, 12))
                .isEqualTo("0,11 50,6 100,1");
        assertThat(DashboardFormat.sparkline(List.of(0L, 0L), 0, 10, 12)).isEqualTo("0,11 10,11");
        assertThat(DashboardFormat.sparkline(List.of(), 0, 10, 12)).isEmpty();
    }

    @Test
    void onlyAbsoluteHttpLinksBecomeLinks() {
        assertThat(DashboardFormat.safeLink("https://social.example/@a/1"))
                .isEqualTo("https://social.example/@a/1");
        assertThat(DashboardFormat.safeLink("http://news.example/x?y=1")).isNotNull();
        assertThat(DashboardFormat.safeLink("javascript:alert(1)")).isNull();
        assertThat(DashboardFormat.safeLink("JavaScript:alert(1)")).isNull();
        assertThat(DashboardFormat.safeLink("data:text/html,<script>")).isNull();
        assertThat(DashboardFormat.safeLink("/relative/path")).isNull();
        assertThat(DashboardFormat.safeLink("not a url")).isNull();
        assertThat(DashboardFormat.safeLink(null)).isNull();
    }
}
