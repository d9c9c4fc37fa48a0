package org.caresignal.alert.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import org.caresignal.alert.support.SyntheticSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {

    private static final DateTimeFormatter NAB =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @TempDir Path dir;

    private Path writeSeries(boolean withNegative) throws IOException {
        var series = SyntheticSeries.seeded(21).normal(10, 8, 0.15);
        for (int i = 0; i < 6; i++) {
            series.add(60, 40);
        }
        series.normal(1, 8, 0.15);
        var lines = new ArrayList<String>();
        lines.add(withNegative ? "timestamp,value,negative" : "timestamp,value");
        for (var b : series.buckets()) {
            lines.add(
                    NAB.format(b.start())
                            + ","
                            + b.total()
                            + (withNegative ? "," + b.negative() : ""));
        }
        var input = dir.resolve(withNegative ? "with-negative.csv" : "volume.csv");
        Files.write(input, lines, StandardCharsets.UTF_8);
        return input;
    }

    @Test
    void writesOneLinePerInputRowWithOnePageAtTheSpike() throws IOException {
        var input = writeSeries(true);
        var output = dir.resolve("out.csv");

        int code =
                BacktestCommand.run(new String[] {input.toString(), output.toString()}, System.err);

        assertThat(code).isZero();
        var in = Files.readAllLines(input);
        var out = Files.readAllLines(output);
        assertThat(out.get(0)).isEqualTo("timestamp,value,alert,score");
        assertThat(out).hasSameSizeAs(in);
        var spikeRow = 10 * 288 + 1; // header + ten days
        int pages = 0;
        for (int i = 1; i < out.size(); i++) {
            var cells = out.get(i).split(",");
            var inCells = in.get(i).split(",");
            assertThat(cells[0]).isEqualTo(inCells[0]);
            assertThat(cells[1]).isEqualTo(inCells[1]);
            assertThat(Double.parseDouble(cells[3])).isBetween(0.0, 1.0);
            if (cells[2].equals("1")) {
                pages++;
                assertThat(i).isBetween(spikeRow, spikeRow + 1);
            } else {
                assertThat(cells[2]).isEqualTo("0");
            }
        }
        assertThat(pages).isEqualTo(1);
    }

    @Test
    void aVolumeOnlySeriesAlsoWorksAtEverySensitivity() throws IOException {
        var input = writeSeries(false);
        for (var sensitivity : new String[] {"low", "balanced", "high"}) {
            var output = dir.resolve(sensitivity + ".csv");
            int code =
                    BacktestCommand.run(
                            new String[] {
                                input.toString(), output.toString(), "--sensitivity", sensitivity
                            },
                            System.err);
            assertThat(code).isZero();
            assertThat(Files.readAllLines(output))
                    .hasSameSizeAs(Files.readAllLines(input))
                    .anyMatch(l -> l.split(",")[2].equals("1"));
        }
    }

    @Test
    void badArgumentsExplainThemselves() throws IOException {
        var err = new ByteArrayOutputStream();
        var input = writeSeries(false);

        int code =
                BacktestCommand.run(
                        new String[] {input.toString(), "out.csv", "--sensitivity", "extreme"},
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("sensitivity must be low, balanced or high")
                .contains("usage: backtest");
    }

    @Test
    void aMalformedRowNamesItsLine() throws IOException {
        var input = dir.resolve("bad.csv");
        Files.writeString(input, "timestamp,value\n2015-02-26 21:42:53,8\n2015-02-26 21:47:53,x\n");
        var err = new ByteArrayOutputStream();

        int code =
                BacktestCommand.run(
                        new String[] {input.toString(), dir.resolve("o.csv").toString()},
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3");
    }
}
