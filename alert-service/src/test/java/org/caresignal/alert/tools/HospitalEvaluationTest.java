package org.caresignal.alert.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.caresignal.alert.tools.HospitalEvaluation.Pages;
import org.caresignal.alert.tools.HospitalSeries.Kind;
import org.caresignal.alert.tools.HospitalSeries.Label;
import org.junit.jupiter.api.Test;

class HospitalEvaluationTest {

    private static final Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Two facility-months exactly. */
    private static final Instant END = DAY0.plus(Duration.ofMinutes((long) (2 * 30.4375 * 1440)));

    private static final Label BURST =
            incident("a", Kind.NEGATIVE_BURST, day(1, "10:00"), day(1, "10:15"), day(1, "11:00"));
    private static final Label TURN =
            incident("a", Kind.SHARE_TURN, day(2, "10:00"), day(2, "10:30"), day(2, "12:00"));
    private static final Label MISSED =
            incident("a", Kind.NEGATIVE_BUILDUP, day(6, "08:00"), day(6, "11:00"), day(6, "12:00"));
    private static final Label REPOST =
            other("a", Kind.REPOST_BURST, day(3, "10:00"), day(3, "11:00"));
    private static final Label BLIP =
            other("a", Kind.NEGATIVE_BURST, day(4, "10:00"), day(4, "10:30"));
    private static final Label HOLIDAY = other("a", Kind.HOLIDAY, day(5, "00:00"), day(6, "00:00"));
    private static final Label ELSEWHERE =
            incident("b", Kind.NEGATIVE_BURST, day(1, "10:00"), day(1, "10:05"), day(1, "10:30"));

    private static final List<Label> LABELS =
            List.of(BURST, TURN, MISSED, REPOST, BLIP, HOLIDAY, ELSEWHERE);

    @Test
    void countsFoundRepeatsFalseAndNeutralPages() {
        var pages =
                List.of(
                        day(1, "10:00"), // at the burst's start: before it, false
                        day(1, "10:20"), // finds the burst 20 min after its start, in time
                        day(1, "10:40"), // a repeat
                        day(2, "12:20"), // finds the turn within the grace, 140 min, late
                        day(2, "13:00"), // after the grace: false
                        day(3, "10:30"), // repost burst: false
                        day(4, "10:10"), // a blip under the incident rule: neutral
                        day(5, "18:00"), // holiday: false
                        day(7, "03:00")); // nothing: false

        var r =
                HospitalEvaluation.evaluate(
                        "balanced",
                        LABELS,
                        List.of(
                                new Pages(
                                        "a",
                                        DAY0,
                                        END,
                                        pages,
                                        Set.of(day(1, "10:20"), day(3, "10:30"))),
                                new Pages("b", DAY0, END, List.of())));

        assertThat(r.incidents()).hasSize(4);
        assertThat(r.found()).isEqualTo(2);
        assertThat(r.inTime()).isEqualTo(1);
        assertThat(r.repeats()).isEqualTo(1);
        assertThat(r.subThreshold()).isEqualTo(1);
        assertThat(r.falsePages()).hasSize(5);
        assertThat(r.falsePagesDuring(Kind.REPOST_BURST)).isEqualTo(1);
        assertThat(r.falsePagesDuring(Kind.HOLIDAY)).isEqualTo(1);
        assertThat(r.falsePagesDuring(null)).isEqualTo(3);
        assertThat(r.falsePages().stream().filter(HospitalEvaluation.FalsePage::volumeOnly))
                .as("the repost burst's page; the burst's volume-only page is not false")
                .hasSize(1);
        assertThat(r.facilityMonths()).isCloseTo(4.0, within(1e-9));
        assertThat(r.falsePagesPerFacilityMonth()).isCloseTo(1.25, within(1e-9));
        assertThat(r.medianDelayMinutes()).isCloseTo(80.0, within(1e-9));
        assertThat(r.maxDelayMinutes()).isCloseTo(140.0, within(1e-9));
        assertThat(r.pagedOthers()).containsExactlyInAnyOrder(REPOST, BLIP, HOLIDAY);
        assertThat(r.of("a").falsePagesPerFacilityMonth()).isCloseTo(2.5, within(1e-9));
        assertThat(r.of("a").repeats()).isEqualTo(1);
        assertThat(r.of("a").subThreshold()).isEqualTo(1);
        assertThat(r.of("b").repeats()).isZero();
        assertThat(r.of("b").falsePages()).isEmpty();
        assertThat(r.of("b").found()).isZero();
        assertThat(r.of("b").incidents()).hasSize(1);
    }

    @Test
    void noPagesFindNothingAndCostNothing() {
        var r =
                HospitalEvaluation.evaluate(
                        "low", LABELS, List.of(new Pages("a", DAY0, END, List.of())));

        assertThat(r.incidents()).as("only the replayed facility's incidents").hasSize(3);
        assertThat(r.found()).isZero();
        assertThat(r.falsePages()).isEmpty();
        assertThat(r.medianDelayMinutes()).isNaN();
    }

    @Test
    void printsOneRowPerPresetAndTheMissedIncidents() {
        var found =
                HospitalEvaluation.evaluate(
                        "high",
                        LABELS,
                        List.of(new Pages("a", DAY0, END, List.of(day(1, "10:20")))));
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        HospitalEvaluation.printSummary(List.of(found), out);
        HospitalEvaluation.printByFacility(List.of(found), Map.of("a", 2.0), out);
        HospitalEvaluation.printByKind(List.of(found), LABELS, out);
        HospitalEvaluation.printMissed(found, out);

        var text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains(
                        "| high | 1 of 3 | 1 of 3 | 20 | 20 | 0 | 0.00 | 0 / 0 / 0 | 0 | 0 | 0 |");
        assertThat(text).contains("| a | 2 | 1 of 3 | 20 | 0.00 |");
        assertThat(text).contains("| negative burst | s | 2 | 1 | 1 (20) | 0 |");
        assertThat(text).contains("Missed at high: 2");
    }

    private static Instant day(int d, String hhmm) {
        return Instant.parse("2026-01-0" + d + "T" + hhmm + ":00Z");
    }

    private static Label incident(
            String facility, Kind kind, Instant start, Instant visible, Instant end) {
        return new Label(facility, kind, "s", start, visible, end, true, 20, "");
    }

    private static Label other(String facility, Kind kind, Instant start, Instant end) {
        return new Label(facility, kind, "s", start, null, end, false, 0, "");
    }
}
