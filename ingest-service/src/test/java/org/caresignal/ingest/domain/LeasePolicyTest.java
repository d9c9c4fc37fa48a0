package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.caresignal.ingest.domain.LeasePolicy.Lease;
import org.junit.jupiter.api.Test;

class LeasePolicyTest {

    private static final Instant NOW = Instant.parse("2026-08-01T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(20);
    private static final Instant EARLIER = NOW.minusSeconds(1);
    private static final List<String> FOUR = List.of("c1", "c2", "c3", "c4");

    @Test
    void fairShareIsTheCeilingOfConnectorsPerLiveInstance() {
        assertThat(LeasePolicy.fairShare(4, 2)).isEqualTo(2);
        assertThat(LeasePolicy.fairShare(5, 2)).isEqualTo(3);
        assertThat(LeasePolicy.fairShare(1, 3)).isEqualTo(1);
        assertThat(LeasePolicy.fairShare(7, 3)).isEqualTo(3);
        assertThat(LeasePolicy.fairShare(3, 1)).isEqualTo(3);
        assertThat(LeasePolicy.fairShare(0, 2)).isZero();
        // Not knowing of any instance (not even itself yet) still lets one take everything.
        assertThat(LeasePolicy.fairShare(3, 0)).isEqualTo(3);
    }

    @Test
    void aLoneInstanceClaimsEveryFreeConnector() {
        var plan = LeasePolicy.plan("a", FOUR, Map.of(), 1, NOW);

        assertThat(plan.claim()).containsExactlyInAnyOrderElementsOf(FOUR);
        assertThat(plan.keep()).isEmpty();
        assertThat(plan.release()).isEmpty();
    }

    @Test
    void aSecondInstanceClaimsOnlyUpToItsShare() {
        var plan = LeasePolicy.plan("b", FOUR, Map.of(), 2, NOW);

        assertThat(plan.claim()).hasSize(2);
    }

    @Test
    void anUnexpiredLeaseOfAnotherInstanceIsNeverClaimed() {
        var leases = Map.of("c1", new Lease("a", LATER), "c2", new Lease("a", LATER));

        var plan = LeasePolicy.plan("b", FOUR, leases, 2, NOW);

        assertThat(plan.claim()).containsExactlyInAnyOrder("c3", "c4");
    }

    @Test
    void anExpiredLeaseOfAnotherInstanceIsClaimed() {
        var leases = new HashMap<String, Lease>();
        for (var id : FOUR) {
            leases.put(id, new Lease("a", EARLIER));
        }

        var plan = LeasePolicy.plan("b", FOUR, leases, 1, NOW);

        assertThat(plan.claim()).containsExactlyInAnyOrderElementsOf(FOUR);
    }

    @Test
    void aLeaseExpiringExactlyNowIsExpired() {
        var plan = LeasePolicy.plan("b", List.of("c1"), Map.of("c1", new Lease("a", NOW)), 2, NOW);

        assertThat(plan.claim()).containsExactly("c1");
    }

    @Test
    void itsOwnLiveLeasesAreKeptAndItsOwnExpiredOnesClaimedAgain() {
        var leases = Map.of("c1", new Lease("a", LATER), "c2", new Lease("a", EARLIER));

        var plan = LeasePolicy.plan("a", List.of("c1", "c2"), leases, 1, NOW);

        assertThat(plan.keep()).containsExactly("c1");
        assertThat(plan.claim()).containsExactly("c2");
    }

    @Test
    void onScaleUpAnInstanceAboveItsShareGivesTheExcessBack() {
        var leases = new HashMap<String, Lease>();
        for (var id : FOUR) {
            leases.put(id, new Lease("a", LATER));
        }

        var plan = LeasePolicy.plan("a", FOUR, leases, 2, NOW);

        assertThat(plan.keep()).hasSize(2);
        assertThat(plan.release()).hasSize(2);
        assertThat(plan.claim()).isEmpty();
        assertThat(new HashSet<>(plan.keep())).doesNotContainAnyElementsOf(plan.release());
    }

    @Test
    void theLeaseOfADisabledOrDeletedConnectorIsGivenBack() {
        var leases = Map.of("c1", new Lease("a", LATER), "gone", new Lease("a", LATER));

        var plan = LeasePolicy.plan("a", List.of("c1"), leases, 1, NOW);

        assertThat(plan.keep()).containsExactly("c1");
        assertThat(plan.release()).containsExactly("gone");
    }

    @Test
    void twoInstancesFollowingThePlanOwnEachConnectorOnce() {
        var candidates = List.of("c1", "c2", "c3", "c4", "c5");
        var leases = new HashMap<String, Lease>();
        // a started alone and took everything; then b came up (2 live instances).
        for (var id : candidates) {
            leases.put(id, new Lease("a", LATER));
        }
        for (int round = 0; round < 3; round++) {
            for (var self : List.of("b", "a")) {
                var plan = LeasePolicy.plan(self, candidates, leases, 2, NOW);
                plan.release().forEach(leases::remove);
                for (var id : plan.claim()) {
                    leases.putIfAbsent(id, new Lease(self, LATER));
                }
            }
        }

        assertThat(leases).containsOnlyKeys(candidates);
        var a = leases.values().stream().filter(l -> l.owner().equals("a")).count();
        var b = leases.values().stream().filter(l -> l.owner().equals("b")).count();
        assertThat(a + b).isEqualTo(5);
        assertThat(a).isBetween(2L, 3L);
        assertThat(b).isBetween(2L, 3L);
    }

    @Test
    void instancesStartAtDifferentConnectorsSoTheyDoNotAllRaceForTheSameOnes() {
        var candidates = List.of("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8");
        var firsts = new HashSet<String>();
        for (var self : List.of("pod-a-1", "pod-b-2", "pod-c-3", "pod-d-4", "pod-e-5")) {
            var rotated = LeasePolicy.rotated(candidates, self);
            assertThat(rotated).containsExactlyInAnyOrderElementsOf(candidates);
            firsts.add(rotated.get(0));
        }
        assertThat(firsts).hasSizeGreaterThan(1);
    }

    @Test
    void anInstanceIdIsTheSafeHostNameAndARandomSuffix() {
        var id = LeasePolicy.newInstanceId("Ingest-Service-7d9f/ABC", new Random(1));
        var other = LeasePolicy.newInstanceId("Ingest-Service-7d9f/ABC", new Random(2));

        assertThat(id).matches("ingest-service-7d9f-abc-[0-9a-f]{8}");
        assertThat(other).isNotEqualTo(id);
        assertThat(LeasePolicy.newInstanceId(null, new Random(1))).startsWith("ingest-");
        assertThat(LeasePolicy.newInstanceId("h".repeat(300), new Random(1)))
                .hasSize(LeasePolicy.MAX_INSTANCE_ID);
    }
}
