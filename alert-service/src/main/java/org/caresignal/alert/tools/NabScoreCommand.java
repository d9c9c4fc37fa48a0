package org.caresignal.alert.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.caresignal.alert.domain.detection.Replay;
import org.caresignal.alert.domain.detection.Sensitivity;

/**
 * The {@code alert-service/nab-score} command: replays every preset over the CSV series of a
 * labelled dataset directory (with its {@code anomaly_windows.json}) and prints, per preset, file
 * and overall, the NAB scores of the pages on NAB's three profiles next to the windows found and
 * the false pages per week of {@code backtest-evaluate}; Markdown out.
 */
public final class NabScoreCommand {

    static final String USAGE =
            "usage: nab-score DATASET_DIR [--only NAME[,NAME...]] [--sensitivity"
                    + " low|balanced|high]...";

    private NabScoreCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** One file's series and labels. */
    record Series(String file, List<Replay.Row> rows, List<NabScoring.Window> windows) {}

    /** One preset on one file: the NAB scores per profile and the backtest-evaluate counts. */
    record Result(
            String file,
            List<NabScoring.FileScore> scores,
            int windows,
            int windowsFound,
            int falsePages,
            double weeks) {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Path dataset = null;
            List<String> only = List.of();
            var presets = new ArrayList<Sensitivity>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--only") && i + 1 < args.length) {
                    only = Arrays.asList(args[++i].split(","));
                } else if (args[i].equals("--sensitivity") && i + 1 < args.length) {
                    presets.add(Sensitivity.parse(args[++i]));
                } else if (dataset == null && !args[i].startsWith("--")) {
                    dataset = Path.of(args[i]);
                } else {
                    throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
            }
            if (dataset == null) {
                throw new IllegalArgumentException("missing DATASET_DIR");
            }
            if (presets.isEmpty()) {
                presets.addAll(List.of(Sensitivity.values()));
            }
            var series = load(dataset, only);
            if (series.isEmpty()) {
                throw new IllegalArgumentException("no labelled CSV series in " + dataset);
            }
            for (var preset : presets) {
                print(preset, series.stream().map(s -> evaluate(s, preset)).toList(), out);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("nab-score: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("nab-score: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The labelled files of {@code dataset} whose names contain one of {@code only} (all if empty).
     */
    static List<Series> load(Path dataset, List<String> only) throws IOException {
        var labels = dataset.resolve("anomaly_windows.json");
        if (!Files.exists(labels)) {
            throw new IllegalArgumentException("no anomaly_windows.json in " + dataset);
        }
        var result = new ArrayList<Series>();
        for (var entry : BacktestEvaluation.readWindows(labels).entrySet()) {
            var csv = dataset.resolve(entry.getKey());
            if (!Files.exists(csv)
                    || (!only.isEmpty() && only.stream().noneMatch(entry.getKey()::contains))) {
                continue;
            }
            var windows =
                    entry.getValue().stream()
                            .map(w -> new NabScoring.Window(w.start(), w.end()))
                            .toList();
            result.add(new Series(entry.getKey(), BacktestCommand.read(csv).rows(), windows));
        }
        return result;
    }

    /** Replays {@code preset} over one series and scores its pages. */
    static Result evaluate(Series series, Sensitivity preset) {
        var evaluations = Replay.run(series.rows(), preset);
        var times = series.rows().stream().map(Replay.Row::start).toList();
        boolean[] paged = new boolean[times.size()];
        for (int i = 0; i < paged.length; i++) {
            paged[i] = evaluations.get(i).paged();
        }
        return score(series.file(), times, paged, series.windows());
    }

    static Result score(
            String file, List<Instant> times, boolean[] paged, List<NabScoring.Window> windows) {
        var scores =
                NabScoring.Profile.NAB.stream()
                        .map(p -> NabScoring.score(times, paged, windows, p))
                        .toList();
        // Windows found and false pages as backtest-evaluate counts them: the whole series, a page
        // inside a window (ends included) finds it.
        int found = 0;
        for (var w : windows) {
            for (int i = 0; i < paged.length; i++) {
                if (paged[i] && inside(w, times.get(i))) {
                    found++;
                    break;
                }
            }
        }
        int falsePages = 0;
        for (int i = 0; i < paged.length; i++) {
            var t = times.get(i);
            if (paged[i] && windows.stream().noneMatch(w -> inside(w, t))) {
                falsePages++;
            }
        }
        double weeks =
                times.isEmpty()
                        ? 0
                        : Duration.between(times.get(0), times.get(times.size() - 1)).toMinutes()
                                / (7.0 * 24 * 60);
        return new Result(file, scores, windows.size(), found, falsePages, weeks);
    }

    private static boolean inside(NabScoring.Window w, Instant t) {
        return !t.isBefore(w.start()) && !t.isAfter(w.end());
    }

    static void print(Sensitivity preset, List<Result> results, PrintStream out) {
        out.println("#### Preset: " + preset.name().toLowerCase(Locale.ROOT));
        out.println();
        var header =
                new StringBuilder("| file | windows found | false pages | false pages / week |");
        var rule = new StringBuilder("| --- | ---: | ---: | ---: |");
        for (var p : NabScoring.Profile.NAB) {
            header.append(" NAB ").append(p.name()).append(" |");
            rule.append(" ---: |");
        }
        out.println(header);
        out.println(rule);
        Map<String, List<NabScoring.FileScore>> byProfile = new LinkedHashMap<>();
        int windows = 0;
        int found = 0;
        int falsePages = 0;
        double weeks = 0;
        for (var r : results) {
            var row =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT,
                                    "| %s | %d of %d | %d | %.2f |",
                                    r.file(),
                                    r.windowsFound(),
                                    r.windows(),
                                    r.falsePages(),
                                    r.weeks() > 0 ? r.falsePages() / r.weeks() : 0));
            for (var s : r.scores()) {
                row.append(String.format(Locale.ROOT, " %.1f |", s.normalised()));
                byProfile.computeIfAbsent(s.profile().name(), k -> new ArrayList<>()).add(s);
            }
            out.println(row);
            windows += r.windows();
            found += r.windowsFound();
            falsePages += r.falsePages();
            weeks += r.weeks();
        }
        var all =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "| **all** | %d of %d | %d | %.2f |",
                                found,
                                windows,
                                falsePages,
                                weeks > 0 ? falsePages / weeks : 0));
        for (var scores : byProfile.values()) {
            all.append(String.format(Locale.ROOT, " **%.1f** |", NabScoring.normalised(scores)));
        }
        out.println(all);
        out.println();
    }
}
