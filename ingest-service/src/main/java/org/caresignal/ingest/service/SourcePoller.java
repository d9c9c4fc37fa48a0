package org.caresignal.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.Backoff;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.OutboxEvent;
import org.caresignal.ingest.domain.RateLimit;
import org.caresignal.ingest.domain.SilencePolicy;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceHealthState;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.event.SourceRecovered;
import org.caresignal.ingest.event.SourceSilent;
import org.caresignal.ingest.repository.OutboxRepository;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.source.SourceClient;
import org.caresignal.ingest.source.SourceFailure;

/**
 * Runs every enabled connector on its own schedule: polls the due ones concurrently on a bounded
 * pool, reports a poll that overruns its deadline as a failure of that connector only, records
 * health, backs off with jitter on failures (never sooner than the source asked), and publishes
 * SourceSilent through the outbox when a connector has delivered nothing for its {@code
 * silentAfter}, and SourceRecovered when such a connector delivers again.
 */
@ApplicationScoped
public class SourcePoller {

    private final SourceConnectorRepository connectors;
    private final SourcePostIntake intake;
    private final OutboxRepository outbox;
    private final IngestConfig config;
    private final MeterRegistry registry;
    private final ObjectMapper mapper;
    private final Map<SourceKind, SourceClient> clients = new EnumMap<>(SourceKind.class);
    private final Map<String, SourceHealth> health = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Backoff backoff;
    private final StreamSupervisor streams;
    private final ConnectorLeases leases;
    private final SourceSilenceTracker silences;
    private final SourceHealthStore store;
    private final ExecutorService pool;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

    /** A scheduled poll running on the pool. */
    private static final class InFlight {
        final SourceConnector connector;
        final Instant startedAt = Instant.now();
        final AtomicBoolean overrun = new AtomicBoolean();
        volatile Future<?> future;

        InFlight(SourceConnector connector) {
            this.connector = connector;
        }
    }

    public SourcePoller(
            SourceConnectorRepository connectors,
            SourcePostIntake intake,
            OutboxRepository outbox,
            IngestConfig config,
            MeterRegistry registry,
            ObjectMapper mapper,
            Instance<SourceClient> clients,
            StreamSupervisor streams,
            ConnectorLeases leases,
            SourceSilenceTracker silences,
            SourceHealthStore store) {
        this.store = store;
        this.streams = streams;
        this.leases = leases;
        this.silences = silences;
        this.connectors = connectors;
        this.intake = intake;
        this.outbox = outbox;
        this.config = config;
        this.registry = registry;
        this.mapper = mapper;
        clients.forEach(c -> this.clients.put(c.kind(), c));
        this.backoff =
                new Backoff(
                        config.sources().minBackoff(),
                        config.sources().maxBackoff(),
                        new SecureRandom());
        var threads = Math.max(1, config.sources().pollThreads());
        var counter = new AtomicInteger();
        // One task per connector at most (see submit), so the queue never holds more than them.
        this.pool =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        1,
                        TimeUnit.MINUTES,
                        new LinkedBlockingQueue<>(),
                        r -> {
                            var t = new Thread(r, "source-poll-" + counter.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    @Scheduled(
            every = "${caresignal.ingest.sources.tick:1s}",
            delayed = "2s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        var now = Instant.now();
        List<SourceConnector> all;
        try {
            all = QuarkusTransaction.requiringNew().call(connectors::listByIdOrder);
        } catch (RuntimeException e) {
            Log.warnf("Could not read the source connectors: %s", e.toString());
            return;
        }
        dropNotOwned(all);
        reportOverruns(now);
        for (var connector : all) {
            if (connector.enabled && !streaming(connector) && leases.owns(connector.id)) {
                if (!inFlight.containsKey(connector.id) && current(connector, now).due(now)) {
                    submit(connector);
                }
            }
        }
        // Recoveries first: a connector whose recovery is pending cannot be marked silent again.
        checkRecovery(Instant.now());
        checkSilence(Instant.now());
    }

    /** Starts a poll of the connector on the pool unless one of it is running already. */
    private void submit(SourceConnector connector) {
        var entry = new InFlight(connector);
        if (inFlight.putIfAbsent(connector.id, entry) != null) {
            return;
        }
        try {
            entry.future =
                    pool.submit(
                            () -> {
                                try {
                                    poll(connector, entry.overrun);
                                } finally {
                                    inFlight.remove(connector.id, entry);
                                }
                            });
        } catch (RejectedExecutionException e) {
            // Shutting down.
            inFlight.remove(connector.id, entry);
        }
    }

    /**
     * Reports each poll running longer than the deadline as a TIMEOUT of its connector (once), and
     * interrupts it; its HTTP call also ends at its own deadline.
     */
    private void reportOverruns(Instant now) {
        var deadline = config.sources().pollDeadline();
        for (var entry : inFlight.values()) {
            if (entry.startedAt.plus(deadline).isAfter(now) || entry.overrun.getAndSet(true)) {
                continue;
            }
            var connector = entry.connector;
            var h = healthOf(connector);
            var failures =
                    h.failed(
                            now,
                            SourceFailure.of(SourceFailure.Kind.TIMEOUT, 0).getMessage(),
                            false);
            h.pauseUntil(backoff.next(now, failures, null));
            save(connector, h, true);
            count(connector, "overrun");
            Log.warnf(
                    "Source %s (%s): the poll started at %s overran its %s deadline; failure %d",
                    connector.id, connector.kind, entry.startedAt, deadline, failures);
            var future = entry.future;
            if (future != null) {
                future.cancel(true);
            }
        }
    }

    /**
     * A tick, then waits for the polls running on the pool (at most 30 s each): for tests that
     * stand in for the scheduler and look at the outcome at once.
     */
    void tickAndWait() {
        tick();
        for (var entry : List.copyOf(inFlight.values())) {
            var future = entry.future;
            if (future == null) {
                continue;
            }
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | CancellationException | TimeoutException e) {
                // The poll's own outcome is in its health.
            }
        }
    }

    /** Whether a scheduled poll of the connector is running on the pool. */
    boolean polling(String connectorId) {
        return inFlight.containsKey(connectorId);
    }

    /** Polls one connector now, whatever its schedule; false if a poll of it is already running. */
    public boolean pollNow(String connectorId) {
        var connector =
                QuarkusTransaction.requiringNew()
                        .call(() -> connectors.findByIdOptional(connectorId))
                        .orElseThrow(() -> new NotFoundException("no source " + connectorId));
        if (!streaming(connector) && !leases.acquire(connectorId)) {
            throw new ConflictException(
                    "source "
                            + connectorId
                            + " is polled by instance "
                            + leases.ownerOf(connectorId).orElse("(another)"));
        }
        return poll(connector, null);
    }

    /**
     * @param overrun set once the poll was reported as overrunning its deadline (then its end is
     *     not counted as a second failure); null for a poll an operator asked for
     */
    private boolean poll(SourceConnector connector, AtomicBoolean overrun) {
        var lock = locks.computeIfAbsent(connector.id, id -> new ReentrantLock());
        if (!lock.tryLock()) {
            return false;
        }
        try {
            var kind = SourceKind.of(connector.kind).orElseThrow();
            var client = clients.get(kind);
            if (client == null) {
                // A stream (Jetstream, file replay): the StreamSupervisor runs it, not polls.
                return false;
            }
            var start = Instant.now();
            var h = current(connector, start);
            try {
                client.poll(
                        connector,
                        new SourceClient.PageSink() {
                            @Override
                            public void commit(List<FetchedPost> posts, String cursor) {
                                // Fenced: refused once this instance has lost the lease.
                                var page =
                                        leases.fenced(
                                                connector.id,
                                                () -> {
                                                    var p =
                                                            intake.commit(
                                                                    connector.id,
                                                                    kind,
                                                                    posts,
                                                                    cursor);
                                                    store.countMentions(connector.id, p.accepted());
                                                    return p;
                                                });
                                h.accepted(Instant.now(), page.accepted());
                                save(connector, h, false);
                                // The next page of this poll must start where this one ended.
                                connector.cursor = cursor;
                            }

                            @Override
                            public void rateLimit(RateLimit state) {
                                h.rateLimit(state);
                            }
                        });
                var next = start.plusSeconds(connector.pollIntervalSeconds);
                var limits = h.snapshot(start, true).rateLimit();
                if (limits.exhausted() && limits.resetAt().isAfter(next)) {
                    // Out of requests until the reset: no point asking before it.
                    next = limits.resetAt();
                }
                h.succeeded(Instant.now(), next);
                silences.succeeded(connector, Instant.now(), limits);
                count(connector, "success");
            } catch (LeaseLostException e) {
                // Not the source's fault: its new owner polls it from the committed cursor.
                count(connector, "lease_lost");
            } catch (SourceFailure e) {
                h.rateLimit(e.rateLimit());
                var limited = e.kind() == SourceFailure.Kind.RATE_LIMITED;
                var failures =
                        overrun != null && overrun.get()
                                ? h.snapshot(Instant.now(), true).consecutiveFailures()
                                : h.failed(Instant.now(), e.getMessage(), limited);
                var next = backoff.next(Instant.now(), failures, e.retryAt());
                h.pauseUntil(next);
                silences.failed(connector, Instant.now(), e);
                count(connector, e.kind().name().toLowerCase());
                Log.warnf(
                        "Source %s (%s) failed: %s; failure %d, next attempt at %s",
                        connector.id, connector.kind, e.getMessage(), failures, next);
            } catch (RuntimeException e) {
                var failures =
                        h.failed(
                                Instant.now(),
                                "internal error: " + e.getClass().getSimpleName(),
                                false);
                h.pauseUntil(backoff.next(Instant.now(), failures, null));
                count(connector, "error");
                Log.errorf(e, "Source %s (%s): poll failed", connector.id, connector.kind);
            }
            save(connector, h, true);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Publishes SourceSilent, once per silence, for each enabled connector that has delivered
     * nothing for longer than its silentAfter, or whose source refuses requests for longer than the
     * rate-limit threshold (see {@link SilencePolicy}).
     */
    public int checkSilence(Instant now) {
        List<SourceConnector> all;
        Map<String, String> owners;
        try {
            all = QuarkusTransaction.requiringNew().call(connectors::listByIdOrder);
            owners = leases.owners();
        } catch (RuntimeException e) {
            Log.warnf("Could not read the source connectors: %s", e.toString());
            return 0;
        }
        int published = 0;
        for (var connector : all) {
            var since = connector.lastItemAt != null ? connector.lastItemAt : connector.createdAt;
            var silentAfter = Duration.ofSeconds(connector.silentAfterSeconds);
            // The owner judges its connector: only it has seen the failures and rate limits that
            // decide the reason. A connector nobody owns is judged by whichever instance looks.
            var owner = owners.get(connector.id);
            if (!connector.enabled || (owner != null && !owner.equals(leases.instanceId()))) {
                continue;
            }
            var seen = seen(connector, now);
            var lastError = seen.lastError();
            var report =
                    silences.policy()
                            .check(
                                    new SilencePolicy.State(
                                            connector.enabled,
                                            since,
                                            silentAfter,
                                            connector.silentReportedAt,
                                            connector.recoveredItemAt != null
                                                    || connector.recoveredPollAt != null,
                                            connector.rateLimitedAt,
                                            connector.rateLimitedUntil,
                                            seen.consecutiveFailures() > 0),
                                    now);
            if (report.isEmpty()) {
                continue;
            }
            var reason = report.get().reason();
            boolean sent =
                    QuarkusTransaction.requiringNew()
                            .call(
                                    () -> {
                                        var eventId = UUID.randomUUID();
                                        if (!connectors.markSilent(
                                                connector.id, since, now, eventId, reason)) {
                                            return false;
                                        }
                                        var event =
                                                new SourceSilent(
                                                        eventId,
                                                        SourceSilent.TYPE,
                                                        SourceSilent.VERSION,
                                                        now,
                                                        connector.id,
                                                        connector.brandId,
                                                        connector.kind,
                                                        since,
                                                        connector.lastItemAt,
                                                        silentAfter.toString(),
                                                        lastError,
                                                        reason.name(),
                                                        report.get().rateLimitedUntil());
                                        enqueue(event.eventId(), connector.brandId, event, now);
                                        return true;
                                    });
            if (sent) {
                published++;
                registry.counter("caresignal.source.silent", "connector", connector.id).increment();
                Log.warnf(
                        "Source %s (%s) for brand %s has delivered nothing since %s (%s)",
                        connector.id, connector.kind, connector.brandId, since, reason);
            }
        }
        return published;
    }

    /**
     * Publishes SourceRecovered for each connector whose reported silence has ended with a new post
     * (or, for a rate-limited one, a successful poll), once per silence: the silence is closed in
     * the transaction that writes the event to the outbox, so a restart neither loses nor repeats
     * it.
     */
    public int checkRecovery(Instant now) {
        List<SourceConnector> pending;
        try {
            pending = QuarkusTransaction.requiringNew().call(connectors::listRecoveryPending);
        } catch (RuntimeException e) {
            Log.warnf("Could not read the source connectors: %s", e.toString());
            return 0;
        }
        int published = 0;
        for (var connector : pending) {
            var since = connector.silenceOpenSince;
            var firstItemAt = connector.recoveredItemAt;
            var endedAt = firstItemAt != null ? firstItemAt : connector.recoveredPollAt;
            var event =
                    new SourceRecovered(
                            UUID.randomUUID(),
                            SourceRecovered.TYPE,
                            SourceRecovered.VERSION,
                            now,
                            connector.id,
                            connector.brandId,
                            connector.kind,
                            since,
                            connector.silenceEventId,
                            firstItemAt,
                            now,
                            SilencePolicy.silentFor(since, firstItemAt, endedAt).toString(),
                            SilencePolicy.Resolution.DELIVERING.name());
            boolean sent =
                    QuarkusTransaction.requiringNew()
                            .call(
                                    () -> {
                                        if (!connectors.markRecovered(connector.id, since)) {
                                            return false;
                                        }
                                        enqueue(event.eventId(), connector.brandId, event, now);
                                        return true;
                                    });
            if (sent) {
                published++;
                registry.counter("caresignal.source.recovered", "connector", connector.id)
                        .increment();
                Log.infof(
                        "Source %s (%s) for brand %s delivers again (silent since %s)",
                        connector.id, connector.kind, connector.brandId, since);
            }
        }
        return published;
    }

    private void enqueue(UUID eventId, String brandId, Object event, Instant now) {
        var row = new OutboxEvent();
        row.eventId = eventId;
        row.topic = config.sources().silentTopic();
        row.key = brandId;
        row.payload = toJson(event);
        row.createdAt = now;
        outbox.persist(row);
    }

    private static boolean streaming(SourceConnector connector) {
        return SourceKind.of(connector.kind).map(SourceKind::streaming).orElse(false);
    }

    /**
     * What decides a connector's silence: the owner's working copy when this instance owns it, else
     * the stored health (a connector nobody holds).
     */
    private SourceHealth.Snapshot seen(SourceConnector connector, Instant now) {
        if (leases.owns(connector.id)) {
            return streaming(connector)
                    ? streams.health(connector)
                    : healthOf(connector).snapshot(now, true);
        }
        return SourceHealth.Snapshot.of(
                store.stored(connector.id)
                        .orElseGet(() -> SourceHealthState.initial(connector.updatedAt)),
                true,
                0);
    }

    /**
     * This instance's working copy of the connector's health while it owns it (an empty one
     * otherwise, never registered): read {@link SourceHealthStore} for what every instance shows.
     */
    public SourceHealth.Snapshot health(SourceConnector connector) {
        if (!leases.owns(connector.id)) {
            return SourceHealth.Snapshot.of(
                    SourceHealthState.initial(connector.updatedAt), connector.enabled, 0);
        }
        return healthOf(connector).snapshot(Instant.now(), connector.enabled);
    }

    /**
     * Drops this process's working copy of a connector and its metrics (the stored health stays:
     * the next owner, this one included, goes on from it).
     */
    public synchronized void forget(String connectorId) {
        health.remove(connectorId);
        var ms = meters.remove(connectorId);
        if (ms != null) {
            ms.forEach(registry::remove);
        }
    }

    /**
     * Forgets connectors this instance no longer owns, or that are gone: their metrics are reported
     * by their new owner, so that a sum over instances counts each connector once.
     */
    private void dropNotOwned(List<SourceConnector> all) {
        var listed = new HashSet<String>();
        all.forEach(c -> listed.add(c.id));
        for (var id : List.copyOf(health.keySet())) {
            if (!listed.contains(id) || !leases.owns(id)) {
                forget(id);
            }
        }
    }

    /**
     * The working copy, brought in line with the connector as just read: a change made through any
     * instance (a PUT) has a newer {@code updated_at}, and its new configuration is due at once.
     */
    private SourceHealth current(SourceConnector connector, Instant now) {
        var h = healthOf(connector);
        if (h.configChanged(connector.updatedAt)) {
            h.reconfigure(connector.updatedAt, now, connector.rateLimitedUntil);
            save(connector, h, true);
        }
        return h;
    }

    private void save(SourceConnector connector, SourceHealth h, boolean force) {
        store.save(connector.id, leases.instanceId(), h, null, force);
    }

    /**
     * The working copy of a connector this instance owns: made from the stored health when the
     * connector was won (again), with its metrics registered then.
     */
    private synchronized SourceHealth healthOf(SourceConnector connector) {
        var ownership = leases.ownership(connector.id);
        var current = health.get(connector.id);
        if (current != null && current.ownership() == ownership) {
            return current;
        }
        forget(connector.id);
        var h = store.adopt(connector, leases.instanceId(), ownership, null);
        health.put(connector.id, h);
        if (ownership == 0) {
            // Not owned (an explicit poll that lost its lease meanwhile): no metrics here.
            return h;
        }
        var id = connector.id;
        var tags = Tags.of("connector", id, "source", connector.kind);
        var list = new ArrayList<Meter>();
        list.add(
                Gauge.builder(
                                "caresignal.source.mentions.last.hour",
                                h,
                                s -> s.mentionsLastHour(Instant.now()))
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
        list.add(
                Gauge.builder("caresignal.source.up", h, SourceHealth::up)
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
        list.add(
                Gauge.builder(
                                "caresignal.source.last.success.timestamp.seconds",
                                h,
                                SourceHealth::lastSuccessEpochSeconds)
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
        list.add(
                Gauge.builder(
                                "caresignal.source.rate.limit.remaining",
                                h,
                                SourceHealth::rateLimitRemaining)
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
        meters.put(id, list);
        return h;
    }

    private void count(SourceConnector connector, String outcome) {
        registry.counter(
                        "caresignal.source.polls",
                        "connector",
                        connector.id,
                        "source",
                        connector.kind,
                        "outcome",
                        outcome)
                .increment();
    }

    private String toJson(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
