package org.caresignal.sentiment.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.caresignal.sentiment.config.SentimentConfig;
import org.caresignal.sentiment.domain.DataClass;
import org.caresignal.sentiment.domain.RetentionCutoffs;
import org.caresignal.sentiment.repository.RetentionRepository;

/**
 * The retention purge: on a schedule, blanks the text of mentions past TEXT age, deletes mentions
 * (and erasure tombstones) past MENTIONS age and audit rows past AUDIT age (never younger than six
 * years), each batch its own short transaction; counts what it purged and reports the age of the
 * oldest row each class still holds.
 */
// Created at start, so that its meters are exported (at zero) before the first run.
@Startup
@ApplicationScoped
public class RetentionPurge {

    private final RetentionRepository repository;
    private final SentimentConfig.Retention retention;
    private final Clock clock;
    private final Map<DataClass, Counter> purged = new EnumMap<>(DataClass.class);
    private final Map<DataClass, AtomicLong> oldestSeconds = new EnumMap<>(DataClass.class);

    public RetentionPurge(
            RetentionRepository repository,
            SentimentConfig config,
            Clock clock,
            MeterRegistry registry) {
        this.repository = repository;
        this.retention = config.retention();
        this.clock = clock;
        for (var dataClass : DataClass.values()) {
            purged.put(
                    dataClass,
                    Counter.builder("caresignal.retention.purged")
                            .description("Rows purged (deleted) or blanked at retention age")
                            .tag("data_class", dataClass.name())
                            .register(registry));
            var age = new AtomicLong();
            oldestSeconds.put(dataClass, age);
            Gauge.builder("caresignal.retention.oldest.seconds", age, AtomicLong::get)
                    .description(
                            "Age of the oldest row of the class still held at the last purge; 0"
                                    + " when none")
                    .tag("data_class", dataClass.name())
                    .register(registry);
        }
    }

    /** What one run purged, per data class. */
    public record Result(Map<DataClass, Long> purged) {}

    // SKIP: a run that lasts longer than the interval is not started twice.
    @Scheduled(
            identity = "sentiment-retention-purge",
            every = "${caresignal.sentiment.retention.purge-every}",
            delayed = "1m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** Purges every class past its retention at the clock's time now. */
    public Result purge() {
        var now = clock.instant();
        var textCutoff = RetentionCutoffs.cutoff(now, retention.text());
        var mentionsCutoff = RetentionCutoffs.cutoff(now, retention.mentions());
        var auditCutoff = RetentionCutoffs.auditCutoff(now, retention.audit());
        int size = retention.batchSize();

        var result = new EnumMap<DataClass, Long>(DataClass.class);
        result.put(
                DataClass.TEXT,
                inBatches(DataClass.TEXT, () -> repository.blankText(textCutoff, now, size)));
        result.put(
                DataClass.MENTIONS,
                inBatches(DataClass.MENTIONS, () -> repository.deleteMentions(mentionsCutoff, size))
                        + inBatches(
                                DataClass.MENTIONS,
                                () -> repository.deleteTombstones(mentionsCutoff, size)));
        result.put(
                DataClass.AUDIT,
                inBatches(DataClass.AUDIT, () -> repository.deleteAuditEvents(auditCutoff, size)));
        for (var dataClass : DataClass.values()) {
            oldestSeconds.get(dataClass).set(RetentionCutoffs.ageSeconds(now, oldest(dataClass)));
        }
        if (result.values().stream().anyMatch(n -> n > 0)) {
            Log.infof("Retention purge: %s", result);
        }
        return new Result(Map.copyOf(result));
    }

    /** Runs the batch until it takes fewer rows than a full batch; each in its own transaction. */
    private long inBatches(DataClass dataClass, IntSupplier batch) {
        long total = 0;
        int size = retention.batchSize();
        while (true) {
            int done = QuarkusTransaction.requiringNew().call(batch::getAsInt);
            purged.get(dataClass).increment(done);
            total += done;
            if (done < size) {
                return total;
            }
        }
    }

    private Instant oldest(DataClass dataClass) {
        return QuarkusTransaction.requiringNew().call(() -> repository.oldest(dataClass));
    }
}
