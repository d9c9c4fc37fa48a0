package org.caresignal.alert.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.UncertainPolicy;
import org.caresignal.alert.domain.detection.CriticalPostRules;
import org.caresignal.alert.domain.detection.DetectorOverrides;
import org.caresignal.alert.domain.detection.DetectorSettings;
import org.caresignal.alert.repository.RuleRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The detection rules the live detection uses: the critical-post rule set and each brand's detector
 * settings and uncertain policy, read from the database and cached. A change through this
 * instance's API applies at once; other instances see it after at most {@code
 * caresignal.rules.refresh}.
 */
@ApplicationScoped
public class RuleService {

    private record Cached<T>(T value, Instant loadedAt) {}

    private final RuleRepository repository;
    private final AlertConfig config;
    private final Duration refresh;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Cached<DetectorSettings>> settings = new ConcurrentHashMap<>();
    private final Map<String, Cached<UncertainPolicy>> policies = new ConcurrentHashMap<>();
    private volatile Cached<CriticalPostRules> rules;
    private volatile String rulesVersion;
    private volatile Map<String, String> skipped = Map.of();

    /**
     * Counts invalidations: a load that began before one is not cached, or a reader that read the
     * rules just before a change committed would keep them for a whole refresh period.
     */
    private final AtomicLong generation = new AtomicLong();

    private final TransactionSynchronizationRegistry transactions;

    public RuleService(
            RuleRepository repository,
            AlertConfig config,
            @ConfigProperty(name = "caresignal.rules.refresh") Duration refresh,
            TransactionSynchronizationRegistry transactions) {
        this.repository = repository;
        this.config = config;
        this.refresh = refresh;
        this.transactions = transactions;
    }

    /** Seeds the built-in critical-post rules once, at the first start on a database. */
    void seed(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            if (repository.seeded()) {
                                return;
                            }
                            var now = clock.instant();
                            for (var rule : CriticalPostRules.defaults().rules()) {
                                repository.insert(
                                        new RuleRepository.StoredRule(
                                                rule.id(),
                                                rule.category(),
                                                rule.match().pattern(),
                                                rule.unless() == null
                                                        ? null
                                                        : rule.unless().pattern(),
                                                true,
                                                now,
                                                now));
                            }
                            repository.markSeeded(now);
                            Log.info("Seeded the default critical-post rules");
                        });
    }

    /**
     * The enabled critical-post rules, global and per brand (reloaded when the stored set changed);
     * match a brand's post with {@link CriticalPostRules#match(String, String)}.
     */
    public CriticalPostRules criticalPostRules() {
        var cached = rules;
        var now = clock.instant();
        if (cached != null && now.isBefore(cached.loadedAt().plus(refresh))) {
            return cached.value();
        }
        var loadedIn = generation.get();
        var version = QuarkusTransaction.joiningExisting().call(repository::rulesVersion);
        if (cached != null && version.equals(rulesVersion)) {
            if (generation.get() == loadedIn) {
                rules = new Cached<>(cached.value(), now);
            }
            return cached.value();
        }
        var compiled = compile(QuarkusTransaction.joiningExisting().call(repository::rules));
        var unrunnable = compiled.skipped();
        if (!unrunnable.equals(skipped)) {
            unrunnable.forEach(
                    (id, why) ->
                            Log.warnf(
                                    "Critical-post rule %s is skipped: its pattern cannot run on"
                                            + " RE2/J (%s); fix it through /api/rules",
                                    id, why));
        }
        skipped = Map.copyOf(unrunnable);
        var loaded = compiled.rules();
        if (generation.get() == loadedIn) {
            rulesVersion = version;
            rules = new Cached<>(loaded, now);
        }
        return loaded;
    }

    /**
     * Rules ready to match and the enabled rules left out because their pattern cannot run on RE2/J
     * (id to reason).
     */
    public record CompiledRules(CriticalPostRules rules, Map<String, String> skipped) {}

    /**
     * The enabled critical-post rules that apply to {@code brandId} (global and its own), read from
     * the database now, not from the cache, so that a backtest replays what is saved at this moment
     * on any instance.
     */
    public CompiledRules savedCriticalPostRules(String brandId) {
        var compiled =
                compile(
                        QuarkusTransaction.joiningExisting()
                                .call(() -> repository.rulesFor(brandId)));
        // The brand's view: a global rule it overrides neither runs nor is listed as run.
        return new CompiledRules(compiled.rules().forBrand(brandId), compiled.skipped());
    }

    /**
     * The enabled rules, compiled; a disabled brand rule that overrides a global rule still counts:
     * it switches that rule off for its brand.
     */
    private static CompiledRules compile(java.util.List<RuleRepository.StoredRule> stored) {
        var runnable = new java.util.ArrayList<CriticalPostRules.Rule>();
        var switchedOff = new java.util.ArrayList<CriticalPostRules.Override>();
        var unrunnable = new java.util.TreeMap<String, String>();
        for (var r : stored) {
            if (!r.enabled()) {
                if (r.brandId() != null && r.overrides() != null) {
                    switchedOff.add(new CriticalPostRules.Override(r.brandId(), r.overrides()));
                }
                continue;
            }
            try {
                runnable.add(
                        CriticalPostRules.Rule.of(
                                r.id(),
                                r.category(),
                                r.match(),
                                r.unless(),
                                r.brandId(),
                                r.overrides()));
            } catch (CriticalPostRules.InvalidPatternException e) {
                // Stored before patterns ran on RE2/J: skipped (not a crash), and reported.
                unrunnable.put(r.id(), e.getMessage());
            }
        }
        return new CompiledRules(
                new CriticalPostRules(runnable, switchedOff), Map.copyOf(unrunnable));
    }

    /**
     * Enabled rules left out of the live set because their stored pattern cannot run on RE2/J (id
     * to reason), as of the last load.
     */
    public Map<String, String> skippedRules() {
        return skipped;
    }

    /** The brand's detector settings: its stored configuration, else the service-wide preset. */
    public DetectorSettings settingsFor(String brandId) {
        var now = clock.instant();
        var cached = settings.get(brandId);
        if (cached != null && now.isBefore(cached.loadedAt().plus(refresh))) {
            return cached.value();
        }
        var loadedIn = generation.get();
        var overrides =
                QuarkusTransaction.joiningExisting()
                        .call(() -> repository.detector(brandId))
                        .map(RuleRepository.StoredDetector::overrides)
                        .orElse(DetectorOverrides.preset(config.detection().sensitivity()));
        var value = overrides.settings(config.bucketSize());
        if (generation.get() == loadedIn) {
            settings.put(brandId, new Cached<>(value, now));
        }
        return value;
    }

    /**
     * What an uncertain mention does in the brand's negative triggers: its saved policy, else
     * {@link UncertainPolicy#DEFAULT}. Cached like the detector settings.
     */
    public UncertainPolicy uncertainPolicyFor(String brandId) {
        var now = clock.instant();
        var cached = policies.get(brandId);
        if (cached != null && now.isBefore(cached.loadedAt().plus(refresh))) {
            return cached.value();
        }
        var loadedIn = generation.get();
        var value = savedUncertainPolicy(brandId).orElse(UncertainPolicy.DEFAULT);
        if (generation.get() == loadedIn) {
            policies.put(brandId, new Cached<>(value, now));
        }
        return value;
    }

    /**
     * The brand's saved uncertain policy, read from the database now (not the cache), for a
     * backtest and the API.
     */
    public java.util.Optional<UncertainPolicy> savedUncertainPolicy(String brandId) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> repository.uncertainPolicy(brandId))
                .map(RuleRepository.StoredUncertainPolicy::policy);
    }

    /**
     * The brand's saved detector configuration, read from the database now, not from the cache, so
     * that a backtest replays what is saved at this moment on any instance.
     */
    public java.util.Optional<DetectorOverrides> savedDetector(String brandId) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> repository.detector(brandId))
                .map(RuleRepository.StoredDetector::overrides);
    }

    /** The service-wide configuration of a brand that saved none: the configured preset. */
    public DetectorOverrides defaultDetector() {
        return DetectorOverrides.preset(config.detection().sensitivity());
    }

    /**
     * Forgets cached rules so this instance applies a change at once; called inside the changing
     * transaction, it forgets them again when that transaction ends, since a reader in between saw
     * the rules from before the commit.
     */
    public void changed() {
        forget();
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(
                    new Synchronization() {
                        @Override
                        public void beforeCompletion() {}

                        @Override
                        public void afterCompletion(int status) {
                            forget();
                        }
                    });
        }
    }

    private void forget() {
        generation.incrementAndGet();
        rules = null;
        rulesVersion = null;
        settings.clear();
        policies.clear();
    }
}
