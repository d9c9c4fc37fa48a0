package org.caresignal.alert.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.caresignal.alert.domain.detection.Evaluation;
import org.caresignal.alert.domain.detection.Replay;
import org.caresignal.alert.domain.detection.Transition;
import org.caresignal.alert.tools.HospitalSeries.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HospitalBenchTest {

    @TempDir Path dir;

    @Test
    void aReplayPagingWhenEachIncidentBecomesVisibleFindsThemAllInTime() {
        var dataset =
                HospitalSeries.generate(
                        7, HospitalSeries.MIN_DAYS, HospitalSeries.standardProfiles());
        // Each facility's rows page exactly when that facility's incidents become visible.
        var visibleByRows = new IdentityHashMap<List<Replay.Row>, List<Instant>>();
        for (var f : dataset.facilities()) {
            visibleByRows.put(
                    f.rows(),
                    f.labels().stream().filter(Label::incident).map(Label::visible).toList());
        }
        var visible = dataset.labels().stream().filter(Label::incident).toList();

        var r =
                HospitalBench.evaluate(
                        dataset,
                        "oracle",
                        rows -> {
                            var mine = visibleByRows.get(rows);
                            var out = new ArrayList<Evaluation>();
                            for (var row : rows) {
                                boolean page =
                                        mine.contains(row.start().plus(HospitalSeries.BUCKET));
                                out.add(evaluation(row, page));
                            }
                            return out;
                        });

        assertThat(r.incidents()).hasSize(visible.size()).isNotEmpty();
        assertThat(r.found()).isEqualTo(visible.size());
        assertThat(r.inTime()).isEqualTo(visible.size());
        assertThat(r.falsePages()).isEmpty();
        assertThat(r.facilityMonths())
                .isCloseTo(4 * 180 / 30.4375, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void writesTheDatasetAndPrintsTheTables() throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int code =
                HospitalBench.run(
                        new String[] {
                            "--days",
                            "180",
                            "--out",
                            dir.toString(),
                            "--sensitivity",
                            "balanced",
                            "--facility",
                            "quiet-east"
                        },
                        out,
                        System.err);

        assertThat(code).isZero();
        var text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("| preset | incident episodes found |").contains("| balanced |");
        assertThat(text).doesNotContain("| low |");
        var dataset =
                HospitalSeries.generate(
                        HospitalSeries.SEED, 180, HospitalSeries.standardProfiles().subList(0, 1));
        assertThat(dataset.facilities().get(0).name()).isEqualTo("quiet-east");
        assertThat(dir.resolve("busy-east.csv")).doesNotExist();
        for (var f : dataset.facilities()) {
            var series = BacktestCommand.read(dir.resolve(f.name() + ".csv"));
            assertThat(series.rows()).isEqualTo(f.rows());
        }
        assertThat(Files.readAllLines(dir.resolve("labels.csv")))
                .hasSize(dataset.labels().size() + 1);
        var windows = BacktestEvaluation.readWindows(dir.resolve("anomaly_windows.json"));
        assertThat(windows.get("quiet-east.csv"))
                .hasSize(
                        (int)
                                dataset.facilities().get(0).labels().stream()
                                        .filter(Label::incident)
                                        .count());
    }

    @Test
    void refusesUnknownArguments() {
        var err = new ByteArrayOutputStream();

        int code =
                HospitalBench.run(
                        new String[] {"--sensitivity", "extreme"},
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: hospital-bench");
    }

    @Test
    void refusesAnUnknownFacility() {
        var err = new ByteArrayOutputStream();

        int code =
                HospitalBench.run(
                        new String[] {"--facility", "nowhere"},
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("quiet-east, quiet-central");
    }

    private static Evaluation evaluation(Replay.Row row, boolean page) {
        return new Evaluation(
                row.start(),
                page ? 1 : 0,
                List.of(),
                page ? Transition.PAGE : Transition.NONE,
                page,
                null,
                page ? row.start() : null,
                true);
    }
}
