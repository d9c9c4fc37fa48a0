package org.caresignal.alert.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.caresignal.alert.domain.detection.Replay;

/**
 * Scores backtest outputs against labelled anomaly windows ({@code anomaly_windows.json} of the
 * volume dataset): per file, windows with a page inside, pages outside any window, and the median
 * delay from window start (and from window centre) to the first page inside; prints Markdown.
 */
public final class BacktestEvaluation {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private BacktestEvaluation() {}

    /** Labelled window {@code [start, end]}. */
    record Window(Instant start, Instant end) {
        Instant centre() {
            return start.plus(Duration.between(start, end).dividedBy(2));
        }

        boolean contains(Instant t) {
            return !t.isBefore(start) && !t.isAfter(end);
        }
    }

    /** What one file scored. */
    record Score(
            String file,
            int windows,
            int windowsPaged,
            int pagesInside,
            int pagesOutside,
            double medianDelayFromStartHours,
            double medianDelayFromCentreHours,
            double weeks) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BacktestEvaluation anomaly_windows.json OUTPUT_DIR");
            System.exit(2);
        }
        var windows = readWindows(Path.of(args[0]));
        var scores = new ArrayList<Score>();
        for (var entry : windows.entrySet()) {
            var output = Path.of(args[1]).resolve(entry.getKey());
            if (Files.exists(output)) {
                scores.add(score(entry.getKey(), output, entry.getValue()));
            }
        }
        print(scores, System.out);
    }

    /** Parses the known shape {@code {"file.csv": [["start","end"], ...], ...}}. */
    static Map<String, List<Window>> readWindows(Path json) throws IOException {
        var result = new LinkedHashMap<String, List<Window>>();
        var m = QUOTED.matcher(Files.readString(json, StandardCharsets.UTF_8));
        List<Window> current = null;
        Instant pendingStart = null;
        while (m.find()) {
            var text = m.group(1);
            if (text.endsWith(".csv")) {
                current = new ArrayList<>();
                result.put(text, current);
            } else if (current != null) {
                var t = BacktestCommand.parseTime(text);
                if (pendingStart == null) {
                    pendingStart = t;
                } else {
                    current.add(new Window(pendingStart, t));
                    pendingStart = null;
                }
            }
        }
        return result;
    }

    static Score score(String name, Path output, List<Window> windows) throws IOException {
        var pages = new ArrayList<Instant>();
        Instant first = null;
        Instant last = null;
        for (var line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            var cells = line.split(",");
            if (cells.length < 4 || cells[0].equals("timestamp")) {
                continue;
            }
            var t = BacktestCommand.parseTime(cells[0]);
            first = first == null ? t : first;
            last = t;
            if (cells[2].trim().equals("1")) {
                pages.add(t);
            }
        }
        int paged = 0;
        int inside = 0;
        var fromStart = new ArrayList<Double>();
        var fromCentre = new ArrayList<Double>();
        for (var w : windows) {
            var firstInside = pages.stream().filter(w::contains).findFirst();
            if (firstInside.isPresent()) {
                paged++;
                fromStart.add(hours(w.start(), firstInside.get()));
                fromCentre.add(hours(w.centre(), firstInside.get()));
            }
        }
        for (var p : pages) {
            if (windows.stream().anyMatch(w -> w.contains(p))) {
                inside++;
            }
        }
        double weeks =
                first == null ? 0 : Duration.between(first, last).toMinutes() / (7.0 * 24 * 60);
        return new Score(
                name,
                windows.size(),
                paged,
                inside,
                pages.size() - inside,
                Replay.median(fromStart.stream().mapToDouble(d -> d).toArray()),
                Replay.median(fromCentre.stream().mapToDouble(d -> d).toArray()),
                weeks);
    }

    private static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() / 3600.0;
    }

    static void print(List<Score> scores, PrintStream out) {
        out.println(
                "| file | windows | windows with a page | pages inside windows | pages outside"
                        + " windows | false pages / week | median delay from window start (h) |"
                        + " median delay from window centre (h) |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        int windows = 0;
        int paged = 0;
        int inside = 0;
        int outside = 0;
        double weeks = 0;
        for (var s : scores) {
            out.printf(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %.2f | %s | %s |%n",
                    s.file(),
                    s.windows(),
                    s.windowsPaged(),
                    s.pagesInside(),
                    s.pagesOutside(),
                    s.weeks() > 0 ? s.pagesOutside() / s.weeks() : 0,
                    format(s.medianDelayFromStartHours()),
                    format(s.medianDelayFromCentreHours()));
            windows += s.windows();
            paged += s.windowsPaged();
            inside += s.pagesInside();
            outside += s.pagesOutside();
            weeks += s.weeks();
        }
        out.printf(
                Locale.ROOT,
                "| **all** | %d | %d | %d | %d | %.2f | | |%n",
                windows,
                paged,
                inside,
                outside,
                weeks > 0 ? outside / weeks : 0);
    }

    private static String format(double hours) {
        return Double.isNaN(hours) ? "–" : String.format(Locale.ROOT, "%+.1f", hours);
    }
}
