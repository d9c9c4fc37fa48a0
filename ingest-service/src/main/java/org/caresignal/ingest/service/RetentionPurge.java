package org.caresignal.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.DataClass;
import org.caresignal.ingest.domain.RetentionCutoffs;
import org.caresignal.ingest.repository.RetentionRepository;

/**
 * Purges what is older than its data class's retention (docs/privacy.md, "Retention"): blanks the
 * identifiers of old mentions, then deletes old mention rows, minute counts, quarantined events,
 * audit rows past six years and old erasures, in batches of {@code batch-size}, each its own short
 * transaction; counts what it purged ({@code caresignal_retention_purged_total{data_class}}) and
 * reports the age of the oldest row left ({@code caresignal_retention_oldest_seconds}).
 */
@ApplicationScoped
public class RetentionPurge {

    /** A runaway guard: one run stops after this many batches of a class and goes on next time. */
    private static final int MAX_BATCHES_PER_RUN = 10_000;

    private final RetentionRepository rows;
    private final IngestConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<DataClass, AtomicLong> oldestSeconds = new EnumMap<>(DataClass.class);

    public RetentionPurge(
            RetentionRepository rows, IngestConfig config, MeterRegistry registry, Clock clock) {
        this.rows = rows;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        for (var dataClass : DataClass.values()) {
            var age = new AtomicLong();
            oldestSeconds.put(dataClass, age);
            registry.gauge(
                    "caresignal.retention.oldest.seconds",
                    Tags.of("data_class", dataClass.label()),
                    age);
            // Present from the start, so that "nothing purged yet" reads as 0, not as absent.
            registry.counter("caresignal.retention.purged", "data_class", dataClass.label());
        }
    }

    @Scheduled(
            every = "${caresignal.ingest.retention.purge-every}",
            delayed = "30s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            Log.warnf("Retention purge failed, trying again next time: %s", e.toString());
        }
    }

    /** One run over every class at the clock's now; returns the rows purged per class. */
    public Map<DataClass, Integer> purge() {
        var now = Instant.now(clock);
        var retention = config.retention();
        int n = retention.batchSize();
        var mentionTopic = config.outbox().topic();
        var purged = new EnumMap<DataClass, Integer>(DataClass.class);
        var text = RetentionCutoffs.cutoff(now, retention.text());
        purged.put(
                DataClass.TEXT,
                inBatches(DataClass.TEXT, () -> rows.blankMentionText(text, now, n), n)
                        + inBatches(
                                DataClass.TEXT,
                                () -> rows.deleteQuarantinedText(mentionTopic, text, n),
                                n));
        var mentions = RetentionCutoffs.cutoff(now, retention.mentions());
        purged.put(
                DataClass.MENTIONS,
                inBatches(DataClass.MENTIONS, () -> rows.deleteMentions(mentions, n), n));
        var aggregates = RetentionCutoffs.cutoff(now, retention.aggregates());
        purged.put(
                DataClass.AGGREGATES,
                inBatches(DataClass.AGGREGATES, () -> rows.deleteMinuteCounts(aggregates, n), n));
        var outbox = RetentionCutoffs.cutoff(now, retention.outbox());
        purged.put(
                DataClass.OUTBOX,
                inBatches(DataClass.OUTBOX, () -> rows.deleteQuarantined(outbox, n), n));
        var audit = RetentionCutoffs.auditCutoff(now, retention.audit());
        purged.put(
                DataClass.AUDIT, inBatches(DataClass.AUDIT, () -> rows.deleteAudit(audit, n), n));
        var erasures = RetentionCutoffs.cutoff(now, retention.erasures());
        purged.put(
                DataClass.ERASURES,
                inBatches(DataClass.ERASURES, () -> rows.deleteErasures(erasures, n), n));
        for (var dataClass : DataClass.values()) {
            var oldest =
                    QuarkusTransaction.requiringNew()
                            .call(() -> rows.oldest(dataClass, mentionTopic));
            oldestSeconds
                    .get(dataClass)
                    .set(
                            oldest.map(t -> Math.max(0, Duration.between(t, now).toSeconds()))
                                    .orElse(0L));
        }
        if (purged.values().stream().anyMatch(c -> c > 0)) {
            Log.infof("Retention purge: %s", purged);
        }
        return purged;
    }

    private int inBatches(DataClass dataClass, IntSupplier batch, int batchSize) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int done = QuarkusTransaction.requiringNew().call(batch::getAsInt);
            total += done;
            if (done < batchSize) {
                break;
            }
        }
        if (total > 0) {
            registry.counter("caresignal.retention.purged", "data_class", dataClass.label())
                    .increment(total);
        }
        return total;
    }
}
