package org.caresignal.local.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code promtool} over deploy/prometheus: the alerting rules must load ({@code check rules}),
 * pass their unit tests ({@code test rules}), and the sample configuration must be valid. promtool
 * comes from Debian's {@code prometheus} package, which .ci/run installs; without it this test
 * fails and says so.
 */
class PrometheusRulesTest {

    private static final Path PROMETHEUS = Path.of("../prometheus").toAbsolutePath().normalize();
    private static final String RULES = "caresignal-alerts.yml";
    private static final String RULE_TESTS = "caresignal-alerts.test.yml";

    @TempDir Path dir;

    @Test
    void theAlertingRulesLoad() throws Exception {
        var run = promtool(PROMETHEUS, "check", "rules", RULES);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void theAlertingRulesPassTheirUnitTests() throws Exception {
        var run = promtool(PROMETHEUS, "test", "rules", RULE_TESTS);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void theSampleConfigurationIsValidWithItsRules() throws Exception {
        var run = promtool(PROMETHEUS, "check", "config", "prometheus.yml");
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    // The unit tests must bite: an outbox alert that waits ten times longer misses its test.
    @Test
    void theUnitTestsFailWhenARuleIsWeakened() throws Exception {
        var rules = Files.readString(PROMETHEUS.resolve(RULES));
        var weakened =
                rules.replace(
                        "caresignal_outbox_oldest_age_seconds) > 300",
                        "caresignal_outbox_oldest_age_seconds) > 3000");
        assertThat(weakened).isNotEqualTo(rules);
        Files.writeString(dir.resolve(RULES), weakened);
        Files.copy(PROMETHEUS.resolve(RULE_TESTS), dir.resolve(RULE_TESTS));

        var run = promtool(dir, "test", "rules", RULE_TESTS);
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("CareSignalOutboxStuck");
    }

    private record Run(int exitCode, String output) {}

    private static Run promtool(Path workDir, String... args)
            throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(promtoolPath());
        command.addAll(List.of(args));
        var process =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Run(process.exitValue(), output);
    }

    private static String promtoolPath() {
        var configured = System.getenv("PROMTOOL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (var entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            var candidate = Path.of(entry, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(
                "promtool is not installed: the alerting rules in deploy/prometheus cannot be"
                        + " checked. Install Debian's prometheus package (apt-get install"
                        + " prometheus; .ci/run does) or set PROMTOOL to its path.");
    }
}
