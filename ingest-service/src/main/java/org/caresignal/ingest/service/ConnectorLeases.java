package org.caresignal.ingest.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.caresignal.ingest.config.LeaseConfig;
import org.caresignal.ingest.domain.LeasePolicy;
import org.caresignal.ingest.repository.ConnectorLeaseRepository;

/**
 * This instance's connector leases: which connectors it owns (and so polls or streams), the
 * heartbeat that renews them, claims its fair share of free ones and gives back the excess, the
 * release at shutdown, and the fenced commit that refuses a cursor write once the lease is lost.
 */
@ApplicationScoped
public class ConnectorLeases {

    /** What a heartbeat changed: connectors this instance now owns, and ones it no longer owns. */
    public record Change(List<String> won, List<String> lost) {

        public boolean isEmpty() {
            return won.isEmpty() && lost.isEmpty();
        }
    }

    private final ConnectorLeaseRepository repository;
    private final String owner;
    private final Duration duration;
    private final Set<String> owned = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> ownership = new ConcurrentHashMap<>();
    private final AtomicLong ownerships = new AtomicLong();

    @Inject
    public ConnectorLeases(ConnectorLeaseRepository repository, LeaseConfig config) {
        this(
                repository,
                config.instanceId()
                        .filter(s -> !s.isBlank())
                        .orElseGet(() -> LeasePolicy.newInstanceId(hostName(), new SecureRandom())),
                config.duration());
    }

    /** An instance with its own id and lease duration (tests run two against one database). */
    public ConnectorLeases(ConnectorLeaseRepository repository, String owner, Duration duration) {
        this.repository = repository;
        this.owner = owner;
        this.duration = duration;
    }

    /** This instance's id, the {@code owner} of its leases. */
    public String instanceId() {
        return owner;
    }

    /** True if this instance believes it owns the connector (the fenced commit checks for real). */
    public boolean owns(String connectorId) {
        return owned.contains(connectorId);
    }

    /**
     * A number that stays the same while this instance keeps owning the connector and changes each
     * time it wins it again (0 while it does not own it): state kept for an earlier ownership is
     * outdated, another instance may have worked the connector in between.
     */
    public long ownership(String connectorId) {
        var n = ownership.get(connectorId);
        return n != null && owned.contains(connectorId) ? n : 0L;
    }

    private void gain(String connectorId) {
        if (owned.add(connectorId)) {
            ownership.put(connectorId, ownerships.incrementAndGet());
        }
    }

    private void drop(String connectorId) {
        owned.remove(connectorId);
        ownership.remove(connectorId);
    }

    /** The connectors this instance believes it owns. */
    public Set<String> owned() {
        return Set.copyOf(owned);
    }

    /**
     * Takes the connector's lease now if it is free, expired or already ours (an explicit poll, a
     * stream just created); false if another instance holds it. Not bounded by the fair share: the
     * next heartbeat gives back what is above it.
     */
    public boolean acquire(String connectorId) {
        boolean won =
                QuarkusTransaction.requiringNew()
                        .call(() -> repository.claim(connectorId, owner, duration));
        if (won) {
            gain(connectorId);
        } else {
            drop(connectorId);
        }
        return won;
    }

    /**
     * One heartbeat: records this instance as alive, renews its leases, gives back those above its
     * fair share or of connectors no longer among {@code candidates} (the enabled ones), and claims
     * free or expired ones up to its share.
     */
    public Change heartbeat(List<String> candidates) {
        var before = Set.copyOf(owned);
        var now = new HashSet<String>();
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            repository.heartbeat(owner, duration);
                            repository.renew(owner, duration);
                        });
        var plan =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        LeasePolicy.plan(
                                                owner,
                                                candidates,
                                                repository.all(),
                                                repository.liveInstances(),
                                                repository.now()));
        now.addAll(plan.keep());
        for (var id : plan.release()) {
            QuarkusTransaction.requiringNew().run(() -> repository.release(id, owner));
            now.remove(id);
        }
        for (var id : plan.claim()) {
            // Each claim on its own: losing a race for one does not undo the others.
            if (QuarkusTransaction.requiringNew()
                    .call(() -> repository.claim(id, owner, duration))) {
                now.add(id);
            }
        }
        before.stream().filter(id -> !now.contains(id)).forEach(this::drop);
        now.forEach(this::gain);
        var won = now.stream().filter(id -> !before.contains(id)).sorted().toList();
        var lost = before.stream().filter(id -> !now.contains(id)).sorted().toList();
        if (!won.isEmpty() || !lost.isEmpty()) {
            Log.infof(
                    "Instance %s now owns %d connectors (won %s, gave up or lost %s)",
                    owner, now.size(), won, lost);
        }
        return new Change(won, lost);
    }

    /** Gives back every lease and leaves the instance list, so that others take over at once. */
    public List<String> releaseAll() {
        var held = List.copyOf(owned);
        held.forEach(this::drop);
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            repository.releaseAll(owner);
                            repository.removeInstance(owner);
                        });
        if (!held.isEmpty()) {
            Log.infof("Instance %s released its %d connectors", owner, held.size());
        }
        return held;
    }

    /**
     * Runs {@code work} (a page and its cursor) in one transaction with a check that this instance
     * still holds the connector's unexpired lease, kept locked until the commit.
     *
     * @throws LeaseLostException if it does not; nothing of {@code work} is committed
     */
    public <T> T fenced(String connectorId, Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew()
                    .call(
                            () -> {
                                if (!repository.holdForCommit(connectorId, owner)) {
                                    throw new LeaseLostException(connectorId, owner);
                                }
                                return work.get();
                            });
        } catch (LeaseLostException e) {
            drop(connectorId);
            Log.warnf("%s: its work is not committed", e.getMessage());
            throw e;
        }
    }

    /** The owner of each connector with an unexpired lease, by connector id. */
    public Map<String, String> owners() {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            var now = repository.now();
                            var out = new LinkedHashMap<String, String>();
                            repository
                                    .all()
                                    .forEach(
                                            (id, lease) -> {
                                                if (lease.liveAt(now)) {
                                                    out.put(id, lease.owner());
                                                }
                                            });
                            return out;
                        });
    }

    /** The owner of the connector's unexpired lease, if any. */
    public Optional<String> ownerOf(String connectorId) {
        return Optional.ofNullable(owners().get(connectorId));
    }

    private static String hostName() {
        var env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "ingest";
        }
    }
}
