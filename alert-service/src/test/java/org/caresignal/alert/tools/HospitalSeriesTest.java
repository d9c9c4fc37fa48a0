package org.caresignal.alert.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.caresignal.alert.tools.HospitalSeries.Facility;
import org.caresignal.alert.tools.HospitalSeries.Kind;
import org.caresignal.alert.tools.HospitalSeries.Label;
import org.caresignal.alert.tools.HospitalSeries.Profile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HospitalSeriesTest {

    private static HospitalSeries.Dataset standard;

    @BeforeAll
    static void generate() {
        standard = HospitalSeries.standard();
    }

    @Test
    void theSameSeedGivesTheSameSeriesAndLabels() {
        var again = HospitalSeries.standard();

        for (int f = 0; f < standard.facilities().size(); f++) {
            assertThat(again.facilities().get(f).rows())
                    .isEqualTo(standard.facilities().get(f).rows());
            assertThat(again.facilities().get(f).labels())
                    .isEqualTo(standard.facilities().get(f).labels());
        }
    }

    @Test
    void anotherSeedGivesAnotherSeries() {
        var other =
                HospitalSeries.generate(
                        HospitalSeries.SEED + 1,
                        HospitalSeries.DAYS,
                        HospitalSeries.standardProfiles());

        assertThat(other.facilities().get(0).rows())
                .isNotEqualTo(standard.facilities().get(0).rows());
        assertThat(other.labels()).isNotEqualTo(standard.labels());
    }

    @Test
    void aFacilityDoesNotDependOnTheOthers() {
        var busy = HospitalSeries.standardProfiles().get(2);

        var alone =
                HospitalSeries.generate(HospitalSeries.SEED, HospitalSeries.DAYS, List.of(busy));

        assertThat(alone.facilities().get(0).rows()).isEqualTo(facility(busy.name()).rows());
    }

    @Test
    void eachFacilityIsAYearOfFiveMinuteBucketsAtItsRate() {
        for (var f : standard.facilities()) {
            var rows = f.rows();
            assertThat(rows).hasSize(HospitalSeries.DAYS * 288);
            assertThat(rows.get(0).start())
                    .isEqualTo(HospitalSeries.FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant());
            assertThat(Duration.between(rows.get(0).start(), rows.get(1).start()))
                    .isEqualTo(HospitalSeries.BUCKET);
            double perHour = rows.stream().mapToLong(r -> r.total()).sum() / (rows.size() / 12.0);
            assertThat(perHour)
                    .isCloseTo(
                            f.profile().postsPerHour(), within(0.15 * f.profile().postsPerHour()));
            assertThat(rows).allSatisfy(r -> assertThat(r.negative()).isBetween(0L, r.total()));
        }
    }

    @Test
    void theDailyAndWeeklyCyclesShowInTheCounts() {
        var busy = facility("busy-east");
        var zone = busy.profile().zone();
        long[] byHour = new long[24];
        long[] byDay = new long[7];
        for (var r : busy.rows()) {
            var local = r.start().atZone(zone);
            byHour[local.getHour()] += r.total();
            byDay[local.getDayOfWeek().getValue() - 1] += r.total();
        }

        assertThat(byHour[14]).isGreaterThan(3 * byHour[2]);
        assertThat(byDay[0]).isGreaterThan(byDay[5] * 115 / 100);
    }

    @Test
    void eventsDoNotOverlapAndKeepOffTheFirstWeek() {
        for (var f : standard.facilities()) {
            var labels = f.labels();
            var firstEvent =
                    f.rows().get(0).start().plus(Duration.ofDays(HospitalSeries.QUIET_START_DAYS));
            for (int i = 1; i < labels.size(); i++) {
                assertThat(labels.get(i).start()).isAfterOrEqualTo(labels.get(i - 1).end());
            }
            assertThat(labels.stream().filter(l -> l.kind() != Kind.HOLIDAY))
                    .allSatisfy(l -> assertThat(l.start()).isAfterOrEqualTo(firstEvent));
        }
    }

    @Test
    void everyKindAndSeveralSizesAreLabelledAtEveryFacility() {
        for (var f : standard.facilities()) {
            Map<Kind, Long> byKind =
                    f.labels().stream()
                            .collect(Collectors.groupingBy(Label::kind, Collectors.counting()));
            assertThat(byKind.keySet()).containsExactlyInAnyOrder(Kind.values());
            assertThat(
                            f.labels().stream()
                                    .filter(l -> l.kind() == Kind.NEGATIVE_BURST)
                                    .map(Label::size))
                    .contains("small", "medium", "large");
            assertThat(f.labels().stream().filter(Label::incident)).hasSizeGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void onlyNegativeEventsAboveTheRuleAreIncidents() {
        for (var l : standard.labels()) {
            if (l.incident()) {
                assertThat(l.kind().negative()).isTrue();
                assertThat(l.extraNegatives())
                        .isGreaterThanOrEqualTo(HospitalSeries.INCIDENT_EXTRA);
                assertThat(l.visible()).isAfter(l.start()).isBeforeOrEqualTo(l.end());
            } else {
                assertThat(l.visible()).isNull();
            }
        }
    }

    @Test
    void negativeEventsAddTheirLabelledNegativePosts() {
        for (var f : standard.facilities()) {
            for (var kind : List.of(Kind.NEGATIVE_BURST, Kind.NEGATIVE_BUILDUP, Kind.SHARE_TURN)) {
                var labels = f.labels().stream().filter(l -> l.kind() == kind).toList();
                double labelled = labels.stream().mapToDouble(Label::extraNegatives).sum();
                double added = 0;
                for (var l : labels) {
                    added += sum(f, l, true) - usual(f.usualNegative(), f, l);
                }
                assertThat(added)
                        .as("%s at %s", kind, f.name())
                        .isCloseTo(labelled, within(0.2 * labelled + 4 * Math.sqrt(labelled)));
            }
        }
    }

    @Test
    void shareTurnsKeepTheVolumeAndRepostBurstsKeepTheShare() {
        for (var f : standard.facilities()) {
            var turns = ofKind(f, Kind.SHARE_TURN);
            double turnTotal = turns.stream().mapToDouble(l -> sum(f, l, false)).sum();
            double turnUsual = turns.stream().mapToDouble(l -> usual(f.usualTotal(), f, l)).sum();
            assertThat(turnTotal / turnUsual).as(f.name()).isBetween(0.8, 1.25);

            var reposts = ofKind(f, Kind.REPOST_BURST);
            double total = reposts.stream().mapToDouble(l -> sum(f, l, false)).sum();
            double negative = reposts.stream().mapToDouble(l -> sum(f, l, true)).sum();
            assertThat(ratio(f, reposts)).as(f.name()).isGreaterThan(3);
            if (f.profile().postsPerHour() >= 10) {
                // A quiet facility's few hundred reposted posts leave the share too noisy to test.
                assertThat(negative / total)
                        .as(f.name())
                        .isCloseTo(f.profile().negativeShare(), within(0.04));
            }
        }
    }

    @Test
    void aSilentSourceTakesItsShareOfThePosts() {
        var quiet = facility("quiet-east");
        assertThat(ofKind(quiet, Kind.SOURCE_SILENT))
                .allSatisfy(l -> assertThat(sum(quiet, l, false)).isZero());

        var busy = facility("busy-west");
        var partial =
                ofKind(busy, Kind.SOURCE_SILENT).stream()
                        .filter(l -> !l.size().endsWith("all"))
                        .toList();
        var all =
                ofKind(busy, Kind.SOURCE_SILENT).stream()
                        .filter(l -> l.size().endsWith("all"))
                        .toList();
        assertThat(partial).hasSize(3);
        assertThat(all).hasSize(1);
        assertThat(ratio(busy, partial)).isCloseTo(0.6, within(0.1));
        assertThat(sum(busy, all.get(0), false)).isZero();
    }

    @Test
    void holidaysChangeTheWholeLocalDay() {
        for (var name : List.of("busy-east", "busy-west")) {
            var busy = facility(name);
            var holidays = ofKind(busy, Kind.HOLIDAY);
            for (var l : holidays) {
                assertThat(Duration.between(l.start(), l.end()).toHours()).isBetween(23L, 25L);
                assertThat(l.start().atZone(busy.profile().zone()).getHour()).isZero();
                double factor = Double.parseDouble(l.size().substring(1));
                int i = index(busy, l.start()) + 12 * 14;
                assertThat(busy.usualTotal()[i] / busy.usualTotal()[i - 14 * 288])
                        .as(l.note())
                        .isCloseTo(factor, within(1e-9));
            }
            var up = holidays.stream().filter(l -> l.size().compareTo("x1") > 0).toList();
            var down = holidays.stream().filter(l -> l.size().compareTo("x1") < 0).toList();
            assertThat(up).isNotEmpty();
            assertThat(down).isNotEmpty();
            assertThat(ratio(busy, up)).as(name).isCloseTo(1.0, within(0.15));
            assertThat(ratio(busy, down)).as(name).isCloseTo(1.0, within(0.15));
        }
    }

    @Test
    void outsideTheEventsTheCountsFollowTheUsualExpectation() {
        for (var f : standard.facilities()) {
            double observed = 0;
            double usual = 0;
            for (int i = 0; i < f.rows().size(); i++) {
                var t = f.rows().get(i).start();
                if (f.labels().stream()
                        .noneMatch(l -> !t.isBefore(l.start()) && t.isBefore(l.end()))) {
                    observed += f.rows().get(i).negative();
                    usual += f.usualNegative()[i];
                }
            }
            assertThat(observed / usual).as(f.name()).isCloseTo(1.0, within(0.1));
        }
    }

    @Test
    void theIncidentRuleNeedsFourExtraNegativesAndADoublingInAWindow() {
        double[] usual = new double[24];
        Arrays.fill(usual, 0.1);
        double[] extra = new double[24];
        extra[3] = 2;
        extra[4] = 1.5;
        assertThat(HospitalSeries.visibleAt(extra, usual)).isEqualTo(-1);
        extra[5] = 0.5;
        assertThat(HospitalSeries.visibleAt(extra, usual)).isEqualTo(5);

        Arrays.fill(usual, 1.0);
        assertThat(HospitalSeries.visibleAt(extra, usual))
                .as("under the usual count")
                .isEqualTo(-1);
    }

    @Test
    void tooShortASeriesIsRefused() {
        var profile = new Profile("x", 2, 0.2, ZoneId.of("UTC"));

        assertThatThrownBy(() -> HospitalSeries.generate(1, 30, List.of(profile)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Facility facility(String name) {
        return standard.facilities().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<Label> ofKind(Facility f, Kind kind) {
        return f.labels().stream().filter(l -> l.kind() == kind).toList();
    }

    private static double sum(Facility f, Label l, boolean negative) {
        double s = 0;
        for (var r : f.rows()) {
            if (!r.start().isBefore(l.start()) && r.start().isBefore(l.end())) {
                s += negative ? r.negative() : r.total();
            }
        }
        return s;
    }

    private static double usual(double[] usual, Facility f, Label l) {
        return Arrays.stream(usual, index(f, l.start()), index(f, l.end())).sum();
    }

    /** Observed over usual total posts, summed over {@code labels}. */
    private static double ratio(Facility f, List<Label> labels) {
        double observed = labels.stream().mapToDouble(l -> sum(f, l, false)).sum();
        double usual = labels.stream().mapToDouble(l -> usual(f.usualTotal(), f, l)).sum();
        return observed / usual;
    }

    private static int index(Facility f, Instant t) {
        return (int) (Duration.between(f.rows().get(0).start(), t).toMinutes() / 5);
    }
}
