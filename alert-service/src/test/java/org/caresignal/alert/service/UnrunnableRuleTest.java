package org.caresignal.alert.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import org.caresignal.alert.repository.RuleRepository;
import org.junit.jupiter.api.Test;

/**
 * A rule stored before patterns ran on RE2/J, with a construct RE2/J cannot run: it is skipped and
 * reported, and the other rules keep alerting.
 */
@QuarkusTest
class UnrunnableRuleTest {

    @Inject RuleRepository repository;
    @Inject RuleService rules;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aStoredRuleRe2CannotRunIsSkippedAndReportedWhileTheOthersRun() {
        var now = Instant.now();
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            repository.insert(
                                    new RuleRepository.StoredRule(
                                            "legacy-lookbehind",
                                            "legacy",
                                            "(?<!no )strike",
                                            null,
                                            true,
                                            now,
                                            now));
                            rules.changed();
                        });
        try {
            var live = QuarkusTransaction.requiringNew().call(rules::criticalPostRules);
            assertThat(live.rules())
                    .extracting(r -> r.id())
                    .contains("data-breach")
                    .doesNotContain("legacy-lookbehind");
            assertThat(live.match("our medical records were leaked")).isPresent();
            assertThat(rules.skippedRules())
                    .containsOnlyKeys("legacy-lookbehind")
                    .hasEntrySatisfying(
                            "legacy-lookbehind",
                            why -> assertThat(why).contains("lookbehind", "position 0"));

            var health =
                    given().baseUri("http://" + management.getHost())
                            .port(management.getPort())
                            .get("/q/health/ready")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
            assertThat(health.getString("status")).isEqualTo("UP");
            assertThat(
                            health.getString(
                                    "checks.find { it.name == 'critical-post-rules' }.data.skipped"))
                    .isEqualTo("1");
            assertThat(
                            health.getString(
                                    "checks.find { it.name == 'critical-post-rules' }.data"
                                            + "['skipped.legacy-lookbehind']"))
                    .contains("lookbehind");
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(
                            () -> {
                                repository.deleteRule("legacy-lookbehind");
                                rules.changed();
                            });
        }
    }
}
