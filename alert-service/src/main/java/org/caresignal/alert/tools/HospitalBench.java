package org.caresignal.alert.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.caresignal.alert.domain.detection.Evaluation;
import org.caresignal.alert.domain.detection.Replay;
import org.caresignal.alert.domain.detection.Sensitivity;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.tools.HospitalSeries.Dataset;
import org.caresignal.alert.tools.HospitalSeries.Facility;
import org.caresignal.alert.tools.HospitalSeries.Label;

/**
 * The {@code alert-service/hospital-bench} command: generates the hospital-scale benchmark ({@link
 * HospitalSeries}), optionally writes it as backtest CSVs plus labels, replays each preset over
 * every facility ({@link Replay#run}) and prints the scores ({@link HospitalEvaluation}) as
 * Markdown.
 */
public final class HospitalBench {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private static final String USAGE =
            "usage: hospital-bench [--seed N] [--days N] [--out DIR] [--sensitivity"
                    + " low|balanced|high]... [--facility NAME]... [--cold-start]";

    private HospitalBench() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        long seed = HospitalSeries.SEED;
        int days = HospitalSeries.DAYS;
        Path dir = null;
        var presets = new ArrayList<Sensitivity>();
        var names = new ArrayList<String>();
        boolean coldStart = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--seed" -> seed = Long.parseLong(require(a, value));
                    case "--days" -> days = Integer.parseInt(require(a, value));
                    case "--out" -> dir = Path.of(require(a, value));
                    case "--sensitivity" -> presets.add(Sensitivity.parse(require(a, value)));
                    case "--facility" -> names.add(require(a, value));
                    case "--cold-start" -> {
                        coldStart = true;
                        i--;
                    }
                    default -> throw new IllegalArgumentException("unexpected argument " + a);
                }
                i++;
            }
            if (presets.isEmpty()) {
                presets.addAll(List.of(Sensitivity.values()));
            }
            var profiles = HospitalSeries.standardProfiles();
            var known = profiles.stream().map(HospitalSeries.Profile::name).toList();
            if (!known.containsAll(names)) {
                throw new IllegalArgumentException("facilities are " + String.join(", ", known));
            }
            if (!names.isEmpty()) {
                // Each facility draws from its own generator, so a subset is the same series.
                profiles = profiles.stream().filter(p -> names.contains(p.name())).toList();
            }
            var dataset = HospitalSeries.generate(seed, days, profiles);
            if (dir != null) {
                write(dataset, dir);
            }
            var results = new ArrayList<HospitalEvaluation.Result>();
            for (var s : presets) {
                results.add(
                        evaluate(
                                dataset,
                                s.name().toLowerCase(Locale.ROOT),
                                rows -> Replay.run(rows, s)));
            }
            print(dataset, results, out);
            if (coldStart) {
                out.println();
                printColdStart(dataset, presets, out);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("hospital-bench: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("hospital-bench: " + e.getMessage());
            return 1;
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /**
     * Replays {@code replay} (one evaluation per row, e.g. {@code rows -> Replay.run(rows,
     * settings)}) over every facility of {@code dataset} and scores its pages.
     */
    public static HospitalEvaluation.Result evaluate(
            Dataset dataset, String name, Function<List<Replay.Row>, List<Evaluation>> replay) {
        var pages = new ArrayList<HospitalEvaluation.Pages>();
        for (var f : dataset.facilities()) {
            pages.add(pages(f, replay.apply(f.rows())));
        }
        return HospitalEvaluation.evaluate(name, dataset.labels(), pages);
    }

    /** A page is sent when its bucket closes: at the bucket's end. */
    static HospitalEvaluation.Pages pages(Facility f, List<Evaluation> evaluations) {
        var rows = f.rows();
        var times = new ArrayList<Instant>();
        var volumeOnly = new HashSet<Instant>();
        for (int i = 0; i < evaluations.size(); i++) {
            var e = evaluations.get(i);
            if (e.paged()) {
                var at = rows.get(i).start().plus(HospitalSeries.BUCKET);
                times.add(at);
                if (e.severity() == Severity.LOW) {
                    volumeOnly.add(at);
                }
            }
        }
        return new HospitalEvaluation.Pages(
                f.name(),
                rows.get(0).start(),
                rows.get(rows.size() - 1).start().plus(HospitalSeries.BUCKET),
                times,
                volumeOnly);
    }

    static void print(Dataset dataset, List<HospitalEvaluation.Result> results, PrintStream out) {
        var labels = dataset.labels();
        long incidents = labels.stream().filter(Label::incident).count();
        out.printf(
                Locale.ROOT,
                "Hospital-scale benchmark: seed %d, %d days of 5-minute buckets, %d facilities,"
                        + " %d labelled events of which %d incidents.%n%n",
                dataset.seed(),
                dataset.days(),
                dataset.facilities().size(),
                labels.size(),
                incidents);
        HospitalEvaluation.printSummary(results, out);
        out.println();
        var rates = new LinkedHashMap<String, Double>();
        dataset.facilities().forEach(f -> rates.put(f.name(), f.profile().postsPerHour()));
        HospitalEvaluation.printByFacility(results, rates, out);
        out.println();
        HospitalEvaluation.printByKind(results, labels, out);
        for (var r : results) {
            out.println();
            HospitalEvaluation.printMissed(r, out);
        }
    }

    /**
     * Writes {@code <facility>.csv} ({@code timestamp,value,negative}, the backtest's input),
     * {@code labels.csv} and {@code anomaly_windows.json} (the incidents, in the volume dataset's
     * format) into {@code dir}.
     */
    static void write(Dataset dataset, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (var f : dataset.facilities()) {
            try (BufferedWriter w =
                    Files.newBufferedWriter(
                            dir.resolve(f.name() + ".csv"), StandardCharsets.UTF_8)) {
                w.write("timestamp,value,negative\n");
                for (var r : f.rows()) {
                    w.write(TIME.format(r.start()) + "," + r.total() + "," + r.negative() + "\n");
                }
            }
        }
        try (BufferedWriter w =
                Files.newBufferedWriter(dir.resolve("labels.csv"), StandardCharsets.UTF_8)) {
            w.write("facility,kind,size,start,visible,end,incident,extra_negatives,note\n");
            for (var l : dataset.labels()) {
                w.write(
                        String.join(
                                        ",",
                                        l.facility(),
                                        l.kind().name().toLowerCase(Locale.ROOT),
                                        l.size(),
                                        TIME.format(l.start()),
                                        l.visible() == null ? "" : TIME.format(l.visible()),
                                        TIME.format(l.end()),
                                        Boolean.toString(l.incident()),
                                        String.format(Locale.ROOT, "%.1f", l.extraNegatives()),
                                        l.note())
                                + "\n");
            }
        }
        var json = new StringBuilder("{\n");
        var facilities = dataset.facilities();
        for (int i = 0; i < facilities.size(); i++) {
            var f = facilities.get(i);
            json.append(" \"").append(f.name()).append(".csv\": [");
            var windows = f.labels().stream().filter(Label::incident).toList();
            for (int j = 0; j < windows.size(); j++) {
                json.append(j == 0 ? "\n" : ",\n")
                        .append("  [\"")
                        .append(TIME.format(windows.get(j).start()))
                        .append(".000000\", \"")
                        .append(TIME.format(windows.get(j).end()))
                        .append(".000000\"]");
            }
            json.append(windows.isEmpty() ? "]" : "\n ]")
                    .append(i + 1 < facilities.size() ? ",\n" : "\n");
        }
        json.append("}\n");
        Files.writeString(dir.resolve("anomaly_windows.json"), json, StandardCharsets.UTF_8);
    }

    /** Hours of history a fresh detector has before each incident in the cold-start replays. */
    static final int[] COLD_START_HOURS = {1, 3, 6};

    /**
     * How a detector that has just started does (issue 15: detection from the first hour of a
     * series): each incident replayed by a fresh detector started {@code h} hours before it,
     * through its end plus the grace; and, for the false pages, a fresh detector over each of the
     * facility's weeks' first day (at 00:00 UTC) that holds no labelled event, where every page is
     * false.
     */
    static void printColdStart(Dataset dataset, List<Sensitivity> presets, PrintStream out) {
        out.println(
                "Cold start: each incident replayed by a fresh detector started 1, 3 or 6 h before"
                        + " it; false pages over first days (a fresh detector per week, one day"
                        + " without labelled events).");
        out.println();
        out.println(
                "| preset | started before | incidents found | found within 30 min of visible |"
                        + " first days | false pages | false pages / first day |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var preset : presets) {
            for (int hours : COLD_START_HOURS) {
                int incidents = 0;
                int found = 0;
                int inTime = 0;
                for (var f : dataset.facilities()) {
                    for (var l : f.labels()) {
                        if (!l.incident()) {
                            continue;
                        }
                        incidents++;
                        var from = l.start().minus(java.time.Duration.ofHours(hours));
                        var to = l.end().plus(HospitalEvaluation.GRACE);
                        var rows = slice(f.rows(), from, to);
                        var evaluations = Replay.run(rows, preset);
                        Instant page = null;
                        for (int i = 0; i < rows.size() && page == null; i++) {
                            var at = rows.get(i).start().plus(HospitalSeries.BUCKET);
                            if (evaluations.get(i).paged() && at.isAfter(l.start())) {
                                page = at;
                            }
                        }
                        if (page != null) {
                            found++;
                            if (!page.isAfter(l.visible().plus(HospitalEvaluation.TARGET))) {
                                inTime++;
                            }
                        }
                    }
                }
                int days = 0;
                int falsePages = 0;
                if (hours == COLD_START_HOURS[0]) {
                    for (var f : dataset.facilities()) {
                        var first = f.rows().get(0).start();
                        var last = f.rows().get(f.rows().size() - 1).start();
                        for (var day = first;
                                day.isBefore(last.minus(java.time.Duration.ofDays(1)));
                                day = day.plus(java.time.Duration.ofDays(7))) {
                            var start = day;
                            var end = day.plus(java.time.Duration.ofDays(1));
                            boolean quiet =
                                    f.labels().stream()
                                            .noneMatch(
                                                    l ->
                                                            l.start().isBefore(end)
                                                                    && l.end()
                                                                            .plus(
                                                                                    HospitalEvaluation
                                                                                            .GRACE)
                                                                            .isAfter(start));
                            if (!quiet) {
                                continue;
                            }
                            days++;
                            var rows = slice(f.rows(), start, end);
                            falsePages +=
                                    (int)
                                            Replay.run(rows, preset).stream()
                                                    .filter(Evaluation::paged)
                                                    .count();
                        }
                    }
                }
                out.printf(
                        Locale.ROOT,
                        "| %s | %d h | %d of %d | %d of %d | %s | %s | %s |%n",
                        preset.name().toLowerCase(Locale.ROOT),
                        hours,
                        found,
                        incidents,
                        inTime,
                        incidents,
                        days > 0 ? Integer.toString(days) : "",
                        days > 0 ? Integer.toString(falsePages) : "",
                        days > 0
                                ? String.format(Locale.ROOT, "%.3f", (double) falsePages / days)
                                : "");
            }
        }
    }

    private static List<Replay.Row> slice(List<Replay.Row> rows, Instant from, Instant to) {
        return rows.stream()
                .filter(r -> !r.start().isBefore(from) && r.start().isBefore(to))
                .toList();
    }
}
