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
import java.util.List;
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

    private static final String BREACH =
            "Patient records were leaked online after the hospital got hacked";

    private Path mentions() throws IOException {
        var file = dir.resolve("mentions.jsonl");
        Files.write(
                file,
                List.of(
                        "{\"time\": \"2026-01-05T10:00:00Z\", \"brandId\": \"north\","
                                + " \"id\": \"m-1\", \"text\": \""
                                + BREACH
                                + "\"}",
                        "{\"time\": \"2026-01-05 10:05:00\", \"brandId\": \"north\","
                                + " \"text\": null, \"textRemoved\": \"PURGED\"}",
                        "",
                        "{\"time\": \"2026-01-05T10:10:00Z\", \"brandId\": \"south\","
                                + " \"text\": \"total parking extortion\"}",
                        "{\"publishedAt\": \"2026-01-05T10:11:00+01:00\", \"brandId\":"
                                + " \"north\", \"mentionId\": \"m-4\", \"facilityId\":"
                                + " \"east-wing\", \"text\": \"total parking extortion\"}",
                        "{\"time\": \"2026-01-05T10:12:00Z\", \"brandId\": \"north\"}"),
                StandardCharsets.UTF_8);
        return file;
    }

    private Path rules() throws IOException {
        var file = dir.resolve("rules.json");
        Files.writeString(
                file,
                "[{\"id\": \"parking\", \"brandId\": \"north\", \"category\": \"complaint\","
                        + " \"match\": \"\\\\bparking extortion\\\\b\", \"enabled\": true},"
                        + " {\"id\": \"off\", \"category\": \"x\", \"match\": \"hacked\","
                        + " \"enabled\": false},"
                        + " {\"id\": \"breach\", \"brandId\": null, \"category\": \"breach\","
                        + " \"match\": \"\\\\bhacked\\\\b\", \"unless\": null}]",
                StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void replaysARulesFileOverAMentionsFileAndWritesTheMatchesWithoutText() throws IOException {
        var out = dir.resolve("matches.csv");
        var err = new ByteArrayOutputStream();

        int code =
                BacktestCommand.run(
                        new String[] {
                            "--mentions",
                            mentions().toString(),
                            "--rules",
                            rules().toString(),
                            "--critical-out",
                            out.toString()
                        },
                        System.out,
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        // The brand rule matches north's post only; south's identical post is not critical.
        assertThat(Files.readAllLines(out))
                .containsExactly(
                        "published_at,brand_id,facility_id,mention,rule_id,category",
                        "2026-01-05T10:00:00Z,north,,m-1,breach,breach",
                        "2026-01-05T09:11:00Z,north,east-wing,m-4,parking,complaint");
        assertThat(Files.readString(out)).doesNotContain("leaked").doesNotContain("extortion");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                        "critical posts: 5 mentions, 3 replayed, 2 not replayable (NO_TEXT 1,"
                                + " PURGED 1), 2 matched (breach 1, parking 1)");
    }

    @Test
    void aBrandsDisabledOverrideInTheRulesFileSwitchesTheGlobalRuleOffForThatBrand()
            throws IOException {
        var file = dir.resolve("override-rules.json");
        Files.writeString(
                file,
                "[{\"id\": \"breach\", \"brandId\": null, \"category\": \"breach\","
                        + " \"match\": \"\\\\bhacked\\\\b\"},"
                        + " {\"id\": \"north-no-breach\", \"brandId\": \"north\", \"category\":"
                        + " \"breach\", \"match\": \"hacked\", \"enabled\": false,"
                        + " \"overrides\": \"breach\"}]",
                StandardCharsets.UTF_8);
        var mentions = dir.resolve("breaches.jsonl");
        Files.write(
                mentions,
                List.of(
                        "{\"time\": \"2026-01-05T10:00:00Z\", \"brandId\": \"north\","
                                + " \"id\": \"m-1\", \"text\": \""
                                + BREACH
                                + "\"}",
                        "{\"time\": \"2026-01-05T10:01:00Z\", \"brandId\": \"south\","
                                + " \"id\": \"m-2\", \"text\": \""
                                + BREACH
                                + "\"}"),
                StandardCharsets.UTF_8);
        var out = dir.resolve("override-matches.csv");

        int code =
                BacktestCommand.run(
                        new String[] {
                            "--mentions",
                            mentions.toString(),
                            "--rules",
                            file.toString(),
                            "--critical-out",
                            out.toString()
                        },
                        System.out,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(Files.readAllLines(out))
                .containsExactly(
                        "published_at,brand_id,facility_id,mention,rule_id,category",
                        "2026-01-05T10:01:00Z,south,,m-2,breach,breach");
    }

    @Test
    void withoutARulesFileTheBuiltInRulesRunAndTheMatchesGoToStandardOutput() throws IOException {
        var stdout = new ByteArrayOutputStream();

        int code =
                BacktestCommand.run(
                        new String[] {"--mentions", mentions().toString()},
                        new PrintStream(stdout, true, StandardCharsets.UTF_8),
                        System.err);

        assertThat(code).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "published_at,brand_id,facility_id,mention,rule_id,category",
                        "2026-01-05T10:00:00Z,north,,m-1,data-breach,breach");
    }

    @Test
    void theSeriesAndTheMentionsCanBeReplayedInOneRun() throws IOException {
        var input = writeSeries(true);
        var output = dir.resolve("series-out.csv");
        var matches = dir.resolve("m.csv");

        int code =
                BacktestCommand.run(
                        new String[] {
                            input.toString(),
                            output.toString(),
                            "--mentions",
                            mentions().toString(),
                            "--critical-out",
                            matches.toString()
                        },
                        System.err);

        assertThat(code).isZero();
        assertThat(Files.readAllLines(output)).hasSameSizeAs(Files.readAllLines(input));
        assertThat(Files.readAllLines(matches)).hasSize(2);
    }

    @Test
    void badMentionsAndRulesFilesAreRefusedNamingTheLineOrRule() throws IOException {
        var badLine = dir.resolve("bad.jsonl");
        Files.writeString(
                badLine,
                "{\"time\": \"2026-01-05T10:00:00Z\", \"brandId\": \"north\", \"text\": \"x\"}\n"
                        + "{\"time\": \"yesterday\", \"brandId\": \"north\", \"text\": \"x\"}\n");
        assertThat(fails("--mentions", badLine.toString())).contains("line 2: time");
        Files.writeString(
                badLine, "{\"time\": \"2026-01-05T10:00:00Z\", \"brandId\": \"North\"}\n");
        assertThat(fails("--mentions", badLine.toString())).contains("line 1: brandId");
        Files.writeString(badLine, "not json\n");
        assertThat(fails("--mentions", badLine.toString())).contains("line 1: not JSON");

        var badRules = dir.resolve("bad-rules.json");
        Files.writeString(
                badRules,
                "[{\"id\": \"look\", \"category\": \"x\", \"match\": \"(?<!no )strike\"}]");
        assertThat(fails("--mentions", mentions().toString(), "--rules", badRules.toString()))
                .contains("rule look: lookbehind is not supported");
        Files.writeString(badRules, "{\"id\": \"x\"}");
        assertThat(fails("--mentions", mentions().toString(), "--rules", badRules.toString()))
                .contains("expected a JSON array of rules");
        assertThat(fails("--rules", badRules.toString())).contains("need --mentions");
    }

    private String fails(String... args) {
        var err = new ByteArrayOutputStream();
        int code =
                BacktestCommand.run(
                        args,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        var message = err.toString(StandardCharsets.UTF_8);
        assertThat(message).contains("usage: backtest");
        return message;
    }
}
