package org.caresignal.ingest.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.OutboxEvent;
import org.caresignal.ingest.messaging.MentionIngestedPublisher;
import org.caresignal.ingest.repository.OutboxRepository;

/**
 * Moves events from the outbox table to Kafka: the oldest first, deleted only after the broker
 * acknowledged them, with exponential backoff and jitter while Kafka fails; an event that keeps
 * failing while the broker takes the others is quarantined after a bounded number of attempts, so
 * that it cannot hold the queue.
 */
@ApplicationScoped
public class OutboxRelay {

    /** What the relay last saw, for health and metrics. */
    public record State(
            long backlog,
            Instant lastSuccess,
            String lastError,
            int consecutiveFailures,
            long quarantined) {}

    /**
     * The reason kept with a quarantined event: fixed text, never the broker's or the payload's.
     */
    static final String QUARANTINE_REASON =
            "not acknowledged by Kafka while the broker took the events behind it";

    private final OutboxRepository outbox;
    private final MentionIngestedPublisher publisher;
    private final IngestConfig config;
    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private volatile Instant oldestWaiting;
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile Instant lastSuccess;
    private volatile String lastError;
    private volatile int failures;
    // One relay round at a time in this instance: a wake-up and a tick must not send the same
    // oldest rows' successors out of order.
    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ExecutorService wakeups =
            Executors.newSingleThreadExecutor(
                    r -> {
                        var thread = new Thread(r, "outbox-relay-wakeup");
                        thread.setDaemon(true);
                        return thread;
                    });

    public OutboxRelay(
            OutboxRepository outbox,
            MentionIngestedPublisher publisher,
            IngestConfig config,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
        this.registry = registry;
        registry.gauge("caresignal.outbox.backlog", backlog);
        registry.gauge("caresignal.outbox.quarantined", quarantined);
        // Computed at scrape time from the oldest waiting row the relay last saw, so the age keeps
        // growing while the relay is stuck or paused (an alert on it needs exactly that).
        Gauge.builder("caresignal.outbox.oldest.age", this, OutboxRelay::oldestAgeSeconds)
                .description("Age of the oldest outbox event waiting to be sent (0 when none)")
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * Mentions were just committed to the outbox: sends them now on the relay's own thread rather
     * than at the next tick (the scheduler ticks at most once a second, which was most of a
     * mention's time from acceptance to scoring at low rates). Wake-ups that arrive while one waits
     * fold into it.
     */
    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        if (wakeupPending.compareAndSet(false, true)) {
            try {
                wakeups.execute(
                        () -> {
                            wakeupPending.set(false);
                            draining.lock();
                            try {
                                drain();
                            } finally {
                                draining.unlock();
                            }
                        });
            } catch (RejectedExecutionException stopping) {
                wakeupPending.set(false); // shutting down: the next start's tick sends them
            }
        }
    }

    /** The safety net: whatever no wake-up sent (a failed round, a restart, other writers). */
    @Scheduled(
            every = "${caresignal.ingest.outbox.poll-interval}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!draining.tryLock()) {
            return; // a wake-up is draining
        }
        try {
            drain();
        } finally {
            draining.unlock();
        }
    }

    private void drain() {
        if (Instant.now().isBefore(pausedUntil)) {
            return;
        }
        try {
            // Drain while full batches go through; stop at the first short or failed batch.
            while (relayOnce() == config.outbox().batchSize()) {
                Log.debug("Outbox batch sent, draining further");
            }
        } catch (RuntimeException e) {
            failed(e.toString());
        }
    }

    @PreDestroy
    void stop() {
        wakeups.shutdown();
    }

    /** What one batch left behind, measured in its transaction. */
    private record Batch(int sent, long waiting, long quarantined, Instant oldest) {}

    /** Sends one batch; returns how many were sent, or -1 when the broker did not take them all. */
    int relayOnce() {
        var batch = QuarkusTransaction.requiringNew().call(this::sendOldest);
        // Only once the deletes are committed: a backlog of 0 read before the commit would say
        // events are done that a crash at that moment sends again.
        backlog.set(batch.waiting());
        quarantined.set(batch.quarantined());
        oldestWaiting = batch.oldest();
        return batch.sent();
    }

    private Batch sendOldest() {
        var batch = outbox.lockOldest(config.outbox().batchSize());
        if (batch.isEmpty()) {
            return new Batch(0, 0, outbox.quarantinedCount(), null);
        }
        // The whole batch goes out asynchronously and is awaited once; the deletes are one
        // statement: per event the relay costs no round trip of its own.
        var acked = sendBatch(batch, publisher::send);
        if (!acked.isEmpty()) {
            outbox.delete("id in ?1", acked);
        }
        var unsent = batch.stream().filter(e -> !acked.contains(e.id)).toList();
        chargeable(batch, acked).forEach(this::chargeAttempt);
        registry.counter("caresignal.outbox.published").increment(acked.size());
        var stats = outbox.stats();
        if (!unsent.isEmpty()) {
            failed(unsent.size() + " events not acknowledged by Kafka");
            return new Batch(-1, stats.waiting(), stats.quarantined(), stats.oldestWaiting());
        }
        lastSuccess = Instant.now();
        failures = 0;
        return new Batch(acked.size(), stats.waiting(), stats.quarantined(), stats.oldestWaiting());
    }

    /**
     * Sends a batch (oldest first) and returns the outbox ids the broker acknowledged. When nothing
     * went through, either the broker is away or the oldest event fails and held the rest back (the
     * producer stops at a send that fails at once): the events behind it tell which, and go out.
     */
    static Set<Long> sendBatch(
            List<OutboxEvent> batch, Function<List<OutboxEvent>, Set<Long>> send) {
        var acked = new HashSet<>(send.apply(batch));
        if (acked.isEmpty() && batch.size() > 1) {
            acked.addAll(send.apply(batch.subList(1, batch.size())));
        }
        return acked;
    }

    /**
     * The unsent events whose failure is their own: only while the broker takes other events; a
     * broker outage (nothing acknowledged) costs an event no attempt.
     */
    static List<OutboxEvent> chargeable(List<OutboxEvent> batch, Set<Long> acked) {
        if (acked.isEmpty()) {
            return List.of();
        }
        return batch.stream().filter(e -> !acked.contains(e.id)).toList();
    }

    private void chargeAttempt(OutboxEvent event) {
        event.attempts++;
        if (event.attempts < config.outbox().maxAttempts()) {
            return;
        }
        event.quarantinedAt = Instant.now();
        event.lastError = QUARANTINE_REASON;
        registry.counter("caresignal.outbox.quarantined.events").increment();
        Log.errorf(
                "Outbox event %s (outbox id %d, topic %s) failed %d times while Kafka took the"
                        + " others: quarantined; the relay moves past it. An admin lists it with"
                        + " GET /api/outbox/quarantined and requeues it with POST"
                        + " /api/outbox/quarantined/%d/requeue",
                event.eventId, event.id, event.topic, event.attempts, event.id);
    }

    private void failed(String error) {
        failures++;
        lastError = error;
        var base =
                Math.min(config.outbox().maxBackoff().toMillis(), 200L << Math.min(failures, 16));
        // Full jitter keeps instances that failed together from retrying together.
        var pause = Duration.ofMillis(ThreadLocalRandom.current().nextLong(base / 2, base + 1));
        pausedUntil = Instant.now().plus(pause);
        registry.counter("caresignal.outbox.failures").increment();
        Log.warnf(
                "Outbox relay: %s (failure %d, retrying in %d ms)",
                error, failures, pause.toMillis());
    }

    double oldestAgeSeconds() {
        var oldest = oldestWaiting;
        return oldest == null
                ? 0
                : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    public State state() {
        return new State(backlog.get(), lastSuccess, lastError, failures, quarantined.get());
    }
}
