package org.caresignal.ingest.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Decides, from the leases in the database, which connectors an ingest-service instance keeps,
 * claims and gives back so that each is owned by one live instance and none holds more than its
 * fair share ({@code ceil(connectors / live instances)}).
 */
public final class LeasePolicy {

    /** Longest instance id the {@code owner} column takes. */
    public static final int MAX_INSTANCE_ID = 128;

    private LeasePolicy() {}

    /** A connector's lease: who holds it and until when (by the database's clock). */
    public record Lease(String owner, Instant expiresAt) {

        /** True while the lease has not expired at {@code now}. */
        public boolean liveAt(Instant now) {
            return expiresAt.isAfter(now);
        }
    }

    /**
     * What an instance does on one heartbeat: keep (renew) the leases it holds, try to claim free
     * or expired ones, and release the ones above its share or of connectors no longer enabled.
     */
    public record Plan(List<String> keep, List<String> claim, List<String> release) {}

    /** The most connectors one instance should hold: {@code ceil(connectors / instances)}. */
    public static int fairShare(int connectors, int liveInstances) {
        if (connectors <= 0) {
            return 0;
        }
        int live = Math.max(1, liveInstances);
        return (connectors + live - 1) / live;
    }

    /**
     * The plan of instance {@code self}.
     *
     * @param candidates the enabled connectors, in a stable order
     * @param leases every lease by connector id, whoever holds it
     * @param liveInstances the instances with an unexpired heartbeat, {@code self} included
     * @param now the database's time
     */
    public static Plan plan(
            String self,
            List<String> candidates,
            Map<String, Lease> leases,
            int liveInstances,
            Instant now) {
        var cap = fairShare(candidates.size(), liveInstances);
        var mine = new ArrayList<String>();
        var free = new ArrayList<String>();
        for (var id : rotated(candidates, self)) {
            var lease = leases.get(id);
            if (lease == null || !lease.liveAt(now)) {
                // Our own expired lease too: nobody else took it yet, but it must be claimed
                // again (conditionally) rather than silently renewed.
                free.add(id);
            } else if (lease.owner().equals(self)) {
                mine.add(id);
            }
        }
        var release = new ArrayList<String>();
        var wanted = new HashSet<>(candidates);
        leases.entrySet().stream()
                .filter(e -> e.getValue().owner().equals(self) && !wanted.contains(e.getKey()))
                .map(Map.Entry::getKey)
                .sorted()
                .forEach(release::add);
        while (mine.size() > cap) {
            // More than our share (another instance came up): give the rest back; the newcomer
            // claims them on its next heartbeat.
            release.add(mine.remove(mine.size() - 1));
        }
        var claim = List.copyOf(free.subList(0, Math.min(free.size(), cap - mine.size())));
        return new Plan(List.copyOf(mine), claim, List.copyOf(release));
    }

    /**
     * The candidates starting at a point that depends on the instance, so that instances starting
     * together do not all reach for the same connectors first.
     */
    static List<String> rotated(List<String> candidates, String self) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        int start = Math.floorMod(self.hashCode(), candidates.size());
        var out = new ArrayList<String>(candidates.size());
        out.addAll(candidates.subList(start, candidates.size()));
        out.addAll(candidates.subList(0, start));
        return out;
    }

    /**
     * A new instance id: the host name (the pod name on Kubernetes), made safe and short, then a
     * random suffix so that a restarted pod with the same name is a new owner.
     */
    public static String newInstanceId(String host, RandomGenerator random) {
        var base =
                host == null || host.isBlank()
                        ? "ingest"
                        : host.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        var suffix = String.format("%08x", random.nextInt());
        var max = MAX_INSTANCE_ID - suffix.length() - 1;
        if (base.length() > max) {
            base = base.substring(0, max);
        }
        return base + "-" + suffix;
    }
}
