package org.caresignal.alert.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caresignal.alert.domain.detection.Replay;
import org.caresignal.alert.domain.detection.Sensitivity;

/**
 * The {@code alert-service/backtest} command: reads {@code timestamp,value[,negative]}, replays the
 * spike detector and writes {@code timestamp,value,alert,score}, one line per input row; with
 * {@code --mentions}, also (or only) replays critical-post rules over a mentions file and writes
 * the posts that match ({@link CriticalPostReplayFile}).
 */
public final class BacktestCommand {

    private BacktestCommand() {}

    static final String USAGE =
            "usage: backtest INPUT.csv OUTPUT.csv [--sensitivity low|balanced|high]\n"
                    + "       backtest [INPUT.csv OUTPUT.csv] --mentions MENTIONS.jsonl"
                    + " [--rules RULES.json] [--critical-out MATCHES.csv]";

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream err) {
        return run(args, System.out, err);
    }

    /**
     * Runs the command; the critical-post matches go to {@code out} when no {@code --critical-out}
     * is given, and its summary line to {@code err}.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path input = null;
        Path output = null;
        Path mentions = null;
        Path rulesFile = null;
        Path criticalOut = null;
        var sensitivity = Sensitivity.BALANCED;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--mentions") && i + 1 < args.length) {
                    mentions = Path.of(args[++i]);
                } else if (args[i].equals("--rules") && i + 1 < args.length) {
                    rulesFile = Path.of(args[++i]);
                } else if (args[i].equals("--critical-out") && i + 1 < args.length) {
                    criticalOut = Path.of(args[++i]);
                } else if (args[i].equals("--sensitivity") && i + 1 < args.length) {
                    sensitivity = Sensitivity.parse(args[++i]);
                } else if (args[i].startsWith("--sensitivity=")) {
                    sensitivity = Sensitivity.parse(args[i].substring("--sensitivity=".length()));
                } else if (input == null) {
                    input = Path.of(args[i]);
                } else if (output == null) {
                    output = Path.of(args[i]);
                } else {
                    throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
            }
            if (mentions == null && (rulesFile != null || criticalOut != null)) {
                throw new IllegalArgumentException("--rules and --critical-out need --mentions");
            }
            if (mentions == null || input != null) {
                if (input == null || output == null) {
                    throw new IllegalArgumentException("missing INPUT.csv or OUTPUT.csv");
                }
                var series = read(input);
                var evaluations = Replay.run(series.rows(), sensitivity);
                write(output, series, evaluations);
            }
            if (mentions != null) {
                replayCriticalPosts(mentions, rulesFile, criticalOut, out, err);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("backtest: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("backtest: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Replays the rules of {@code rulesFile} (the built-in defaults when null) over {@code
     * mentions}; in its own class, so the spike replay runs on this module's classes alone and only
     * this part needs Jackson and RE2/J on the class path.
     */
    private static void replayCriticalPosts(
            Path mentions, Path rulesFile, Path criticalOut, PrintStream out, PrintStream err)
            throws IOException {
        var rules =
                rulesFile == null
                        ? org.caresignal.alert.domain.detection.CriticalPostRules.defaults()
                        : CriticalPostReplayFile.rules(rulesFile);
        org.caresignal.alert.domain.CriticalPostReplay.Result result;
        if (criticalOut == null) {
            var writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            result = CriticalPostReplayFile.replay(rules, mentions, writer);
            writer.flush();
        } else {
            try (var writer = Files.newBufferedWriter(criticalOut, StandardCharsets.UTF_8)) {
                result = CriticalPostReplayFile.replay(rules, mentions, writer);
            }
        }
        err.println(CriticalPostReplayFile.summary(result));
    }

    /** The input rows and their timestamps exactly as written. */
    record Series(List<String> timestamps, List<String> values, List<Replay.Row> rows) {}

    static Series read(Path input) throws IOException {
        var lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        var timestamps = new ArrayList<String>();
        var values = new ArrayList<String>();
        var rows = new ArrayList<Replay.Row>();
        int lineNo = 0;
        for (var line : lines) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            var cells = line.split(",", -1);
            if (lineNo == 1 && cells[0].trim().toLowerCase(Locale.ROOT).equals("timestamp")) {
                continue;
            }
            if (cells.length < 2) {
                throw new IllegalArgumentException(
                        "line " + lineNo + ": expected timestamp,value[,negative]");
            }
            try {
                var start = parseTime(cells[0].trim());
                long value = Math.round(Double.parseDouble(cells[1].trim()));
                Long negative =
                        cells.length > 2 && !cells[2].isBlank()
                                ? Math.round(Double.parseDouble(cells[2].trim()))
                                : null;
                timestamps.add(cells[0].trim());
                values.add(cells[1].trim());
                rows.add(new Replay.Row(start, value, negative));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage());
            }
        }
        return new Series(timestamps, values, rows);
    }

    static Instant parseTime(String text) {
        if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return java.time.OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        }
        return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static void write(
            Path output,
            Series series,
            List<org.caresignal.alert.domain.detection.Evaluation> evaluations)
            throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            w.write("timestamp,value,alert,score\n");
            for (int i = 0; i < evaluations.size(); i++) {
                var e = evaluations.get(i);
                w.write(series.timestamps().get(i));
                w.write(',');
                w.write(series.values().get(i));
                w.write(',');
                w.write(e.paged() ? "1" : "0");
                w.write(',');
                w.write(String.format(Locale.ROOT, "%.4f", e.score()));
                w.write('\n');
            }
        }
    }
}
