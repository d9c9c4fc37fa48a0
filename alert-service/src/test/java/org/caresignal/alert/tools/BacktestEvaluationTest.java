package org.caresignal.alert.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestEvaluationTest {

    @TempDir Path dir;

    @Test
    void countsWindowsPagedPagesOutsideAndDelays() throws IOException {
        var windows = dir.resolve("windows.json");
        Files.writeString(
                windows,
                """
                {"s.csv": [["2015-03-01 00:00:00.000000", "2015-03-01 10:00:00.000000"],
                           ["2015-03-05 00:00:00.000000", "2015-03-05 10:00:00.000000"]]}
                """);
        var output = dir.resolve("s.csv");
        Files.writeString(
                output,
                """
                timestamp,value,alert,score
                2015-02-28 00:00:00,1,1,0.9
                2015-03-01 02:00:00,1,1,0.9
                2015-03-01 03:00:00,1,1,0.9
                2015-03-03 00:00:00,1,0,0.1
                2015-03-07 00:00:00,1,1,0.9
                """);

        var parsed = BacktestEvaluation.readWindows(windows);
        var score = BacktestEvaluation.score("s.csv", output, parsed.get("s.csv"));

        assertThat(parsed.get("s.csv").get(0).start())
                .isEqualTo(Instant.parse("2015-03-01T00:00:00Z"));
        assertThat(score.windows()).isEqualTo(2);
        assertThat(score.windowsPaged()).isEqualTo(1);
        assertThat(score.pagesInside()).isEqualTo(2);
        assertThat(score.pagesOutside()).isEqualTo(2);
        assertThat(score.medianDelayFromStartHours()).isCloseTo(2.0, within(1e-9));
        assertThat(score.medianDelayFromCentreHours()).isCloseTo(-3.0, within(1e-9));
    }
}
