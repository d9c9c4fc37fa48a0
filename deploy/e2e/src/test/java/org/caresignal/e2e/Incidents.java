package org.caresignal.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Incidents made quickly for a test: a critical-post rule and one mention that matches it. */
final class Incidents {

    private Incidents() {}

    /**
     * A new brand with one OPEN critical-post incident: the admin adds a rule matching a word made
     * for it, the run's integration pushes a mention containing the word.
     *
     * @return the incident's id
     */
    static String criticalPost(E2eSystem e2e, String brand) throws Exception {
        var api = e2e.api;
        var word = "codeword" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        api.addCriticalPostRule("e2e-" + word, word);
        api.postMention(
                brand,
                "post-" + UUID.randomUUID(),
                "Someone posted " + word + " about the emergency room tonight.",
                Instant.now());
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.newestIncident(brand), id -> id != null);
    }

    static String uniqueBrand(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
