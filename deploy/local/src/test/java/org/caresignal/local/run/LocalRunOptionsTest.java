package org.caresignal.local.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalRunOptionsTest {

    @Test
    void defaultsKeepDataInTheCheckoutAndFeedTheDemo() {
        var options = LocalRun.Options.parse(new String[] {"--repo", "/tmp/checkout"});
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/checkout/.data"));
        assertThat(options.wipe()).isFalse();
        assertThat(options.demo()).isTrue();
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.postgresPort()).isEqualTo(5432);
        assertThat(options.keycloakPort()).isEqualTo(18080);
    }

    @Test
    void flagsAreHonoured() {
        var options =
                LocalRun.Options.parse(
                        new String[] {
                            "--wipe",
                            "--no-demo",
                            "--data-dir",
                            "/tmp/cs",
                            "--kafka-port",
                            "19092",
                            "--postgres-port",
                            "15432",
                            "--keycloak-port",
                            "28080"
                        });
        assertThat(options.wipe()).isTrue();
        assertThat(options.demo()).isFalse();
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/cs"));
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.postgresPort()).isEqualTo(15432);
        assertThat(options.keycloakPort()).isEqualTo(28080);
    }

    @Test
    void unknownOptionsAndMissingValuesAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--wype"}))
                .hasMessageContaining("unknown option --wype")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--data-dir"}))
                .hasMessageContaining("--data-dir needs a value");
    }

    @Test
    void theConsoleGuideLinksTheDemoBrandsPagesOnlyWhenTheDemoIsFed() {
        var url = "http://localhost:8083/dashboard";
        var guide = String.join("\n", LocalRun.consoleGuide(url, true));
        assertThat(guide)
                .contains(url + "?brand=riverside-health&range=24h")
                .contains(url + "/mentions?brand=riverside-health&q=")
                .contains(url + "/incidents")
                .contains("demo-analyst")
                .contains("demo-responder");
        assertThat(String.join("\n", LocalRun.consoleGuide(url, false)))
                .doesNotContain("riverside-health");
    }
}
