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
 * spike detector and writes {@code timestamp,value,alert,score}, one line per input row.
 */
public final class BacktestCommand {

    private BacktestCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        Path input = null;
        Path output = null;
        var sensitivity = Sensitivity.BALANCED;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--sensitivity") && i + 1 < args.length) {
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
            if (input == null || output == null) {
                throw new IllegalArgumentException("missing INPUT.csv or OUTPUT.csv");
            }
            var series = read(input);
            var evaluations = Replay.run(series.rows(), sensitivity);
            write(output, series, evaluations);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("backtest: " + e.getMessage());
            err.println("usage: backtest INPUT.csv OUTPUT.csv [--sensitivity low|balanced|high]");
            return 2;
        } catch (IOException e) {
            err.println("backtest: " + e.getMessage());
            return 1;
        }
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
