package org.caresignal.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.privacy.DataClass;
import org.caresignal.alert.domain.privacy.RetentionPolicy;
import org.caresignal.alert.domain.privacy.SampleScrubber;
import org.caresignal.alert.repository.RetentionRepository;
import org.caresignal.alert.repository.RetentionRepository.SampleDocuments;

/**
 * The retention purge (docs/privacy.md, "Retention"): on every run, for each data class, blanks
 * (TEXT: sample links and excerpts, rows kept) or deletes (the other classes) what is older than
 * its retention, in batches of {@code batch-size} rows, each its own short transaction that skips
 * rows someone else holds. Bucket counts outlive the mentions they came from and detector state is
 * never purged, so history charts, stats and backtests keep their numbers. Metrics: {@code
 * caresignal_retention_purged_total{data_class}} and {@code
 * caresignal_retention_oldest_seconds{data_class}}.
 */
@Startup // registers the metrics at start, before the first run
@ApplicationScoped
public class RetentionPurge {

    static final String PURGED = "caresignal.retention.purged";
    static final String OLDEST = "caresignal.retention.oldest.seconds";

    /** The oldest remaining row of each class (the timestamp its retention is measured on). */
    private static final Map<DataClass, String> OLDEST_SQL =
            Map.of(
                    DataClass.TEXT,
                    "SELECT min(counted_at) FROM counted_mention WHERE text_purged_at IS NULL AND"
                            + " (url IS NOT NULL OR excerpt IS NOT NULL)",
                    DataClass.MENTIONS,
                    "SELECT min(counted_at) FROM counted_mention",
                    DataClass.AGGREGATES,
                    "SELECT min(bucket_start) FROM brand_bucket_count",
                    DataClass.INCIDENTS,
                    "SELECT min(updated_at) FROM incident WHERE status = 'RESOLVED'",
                    DataClass.DELIVERIES,
                    "SELECT min(created_at) FROM delivery",
                    DataClass.OUTBOX,
                    "SELECT min(published_at) FROM alert_outbox WHERE published_at IS NOT NULL",
                    DataClass.AUDIT,
                    "SELECT min(occurred_at) FROM audit_event");

    private final RetentionRepository rows;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final RetentionPolicy policy;
    private final int batchSize;
    private final Map<DataClass, Counter> purged = new EnumMap<>(DataClass.class);
    private final Map<DataClass, AtomicLong> oldest = new EnumMap<>(DataClass.class);

    public RetentionPurge(
            RetentionRepository rows,
            ObjectMapper mapper,
            Clock clock,
            AlertConfig config,
            MeterRegistry registry) {
        this.rows = rows;
        this.mapper = mapper;
        this.clock = clock;
        var r = config.retention();
        this.policy =
                new RetentionPolicy(
                        Map.of(
                                DataClass.TEXT, r.text(),
                                DataClass.MENTIONS, r.mentions(),
                                DataClass.AGGREGATES, r.aggregates(),
                                DataClass.INCIDENTS, r.incidents(),
                                DataClass.DELIVERIES, r.deliveries(),
                                DataClass.OUTBOX, r.outbox(),
                                DataClass.AUDIT, r.audit()));
        this.batchSize = Math.max(1, r.batchSize());
        for (var c : DataClass.values()) {
            purged.put(
                    c,
                    Counter.builder(PURGED)
                            .description("Rows purged (deleted) or blanked (TEXT) by retention")
                            .tag("data_class", c.name())
                            .register(registry));
            var age = new AtomicLong();
            oldest.put(c, age);
            Gauge.builder(OLDEST, age, AtomicLong::get)
                    .description("Age of the oldest remaining row of the data class; 0 when none")
                    .tag("data_class", c.name())
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    @Scheduled(
            every = "${caresignal.alert.retention.purge-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            purge();
        } catch (RuntimeException e) {
            Log.warnf("Retention purge failed, retrying on the next run: %s", e.getMessage());
        }
    }

    /** One run over every class at the clock's now; returns the rows purged per class. */
    public synchronized Map<DataClass, Long> purge() {
        var now = clock.instant();
        var done = new EnumMap<DataClass, Long>(DataClass.class);
        var text = policy.cutoff(DataClass.TEXT, now);
        long texts = batches(() -> rows.blankCountedMentionText(text, now, batchSize));
        for (var kind : SampleDocuments.values()) {
            texts += batches(() -> scrub(kind, rows.documents(kind, text, batchSize), now));
        }
        done.put(DataClass.TEXT, texts);
        var mentions = policy.cutoff(DataClass.MENTIONS, now);
        done.put(
                DataClass.MENTIONS, batches(() -> rows.deleteCountedMentions(mentions, batchSize)));
        var aggregates = policy.cutoff(DataClass.AGGREGATES, now);
        done.put(
                DataClass.AGGREGATES,
                batches(() -> rows.deleteBuckets("brand_bucket_count", aggregates, batchSize))
                        + batches(
                                () ->
                                        rows.deleteBuckets(
                                                "facility_bucket_count", aggregates, batchSize)));
        var incidents = policy.cutoff(DataClass.INCIDENTS, now);
        done.put(DataClass.INCIDENTS, batches(() -> rows.deleteIncidents(incidents, batchSize)));
        var deliveries = policy.cutoff(DataClass.DELIVERIES, now);
        done.put(
                DataClass.DELIVERIES,
                batches(() -> rows.deleteDeliveries(deliveries, batchSize))
                        + batches(() -> rows.deleteErasuresApplied(deliveries, batchSize)));
        var outbox = policy.cutoff(DataClass.OUTBOX, now);
        done.put(
                DataClass.OUTBOX,
                batches(() -> rows.deletePublishedOutbox(outbox, batchSize))
                        + batches(() -> rows.deleteProcessedEvents(outbox, batchSize)));
        var audit = policy.cutoff(DataClass.AUDIT, now);
        done.put(DataClass.AUDIT, batches(() -> rows.deleteAuditEvents(audit, batchSize)));
        for (var entry : done.entrySet()) {
            purged.get(entry.getKey()).increment(entry.getValue());
        }
        measureOldest(now);
        if (done.values().stream().anyMatch(n -> n > 0)) {
            Log.infof("Retention purge: %s", done);
        }
        return done;
    }

    /** Repeats a batch until one comes back short; returns the rows of all batches. */
    private long batches(IntSupplier batch) {
        long total = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(batch::getAsInt);
            total += n;
        } while (n >= batchSize);
        return total;
    }

    /** Blanks the samples of a batch of {@code kind}'s documents. */
    private int scrub(SampleDocuments kind, List<RetentionRepository.Document> batch, Instant now) {
        for (var doc : batch) {
            String json = doc.json();
            try {
                var tree = mapper.readTree(json);
                if (SampleScrubber.scrubAll(tree).changed()) {
                    json = mapper.writeValueAsString(tree);
                }
            } catch (JsonProcessingException e) {
                // Not ours to read: marked as purged as it is, never retried forever.
                Log.warnf("Retention: unreadable stored JSON in row %s, left as it is", doc.key());
            }
            rows.replaceDocument(kind, doc.key(), json, now);
        }
        return batch.size();
    }

    private void measureOldest(Instant now) {
        for (var c : DataClass.values()) {
            var at = QuarkusTransaction.requiringNew().call(() -> rows.oldest(OLDEST_SQL.get(c)));
            oldest.get(c).set(at == null ? 0 : Math.max(0, Duration.between(at, now).toSeconds()));
        }
    }
}
