package org.caresignal.sentiment.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.sentiment.config.SentimentConfig;
import org.caresignal.sentiment.domain.Actor;
import org.caresignal.sentiment.domain.PhraseRule;
import org.caresignal.sentiment.domain.PhraseRules;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.repository.PhraseRuleRepository;
import org.caresignal.sentiment.support.Mentions;
import org.junit.jupiter.api.Test;

/**
 * The rules the scorer reads: a change made through this instance applies at once, one made by
 * another instance (written to the database behind this one's cache) within the cache's time.
 */
@QuarkusTest
class PhraseRuleCacheTest {

    private static final Actor ADMIN = new Actor("cache-test-subject", "cache-test-admin");

    @Inject PhraseRuleService service;
    @Inject PhraseRuleRepository repository;
    @Inject SentimentConfig config;

    @Test
    void aChangeHereAppliesAtOnceAndOneFromAnotherInstanceWithinTheCachesTime() {
        var brand = Mentions.freshBrand();
        assertThat(service.forScoring(brand).isEmpty()).isTrue();

        var created =
                service.create(
                        brand,
                        new PhraseRuleService.NewRule("war zone", SentimentLabel.NEUTRAL, null),
                        ADMIN);
        long loaded = System.nanoTime();
        assertThat(service.forScoring(brand).size()).isEqualTo(1);

        // Another instance adds a rule: this one's cache does not know.
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            var rule = new PhraseRule();
                            rule.ruleId = UUID.randomUUID();
                            rule.brandId = brand;
                            rule.phrase = "total carnage";
                            rule.phraseKey = PhraseRules.key(rule.phrase);
                            rule.polarity = SentimentLabel.NEUTRAL;
                            rule.createdBy = "another-instance";
                            rule.createdAt = Instant.now();
                            repository.persist(rule);
                        });
        var ttl = config.phraseRulesTtl();
        var seen = service.forScoring(brand).size();
        // Stale until the cache's time has passed (a slow machine may already be past it).
        if (System.nanoTime() - loaded < ttl.toNanos()) {
            assertThat(seen).isEqualTo(1);
        }
        assertThat(service.current(brand).size()).isEqualTo(2);
        await().atMost(ttl.plusSeconds(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> service.forScoring(brand).size() == 2);

        assertThat(service.delete(brand, created.rule().ruleId, ADMIN)).isTrue();
        assertThat(service.forScoring(brand).size()).isEqualTo(1);
        assertThat(service.forScoring(brand).rewrite("a war zone")).isEqualTo("a war zone");
    }
}
