package org.caresignal.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.caresignal.ingest.domain.OutboxEvent;
import org.junit.jupiter.api.Test;

/**
 * The relay's batch logic without a broker: what is sent, in which order, what counts as
 * acknowledged and which events are charged an attempt.
 */
class OutboxRelayTest {

    /** A producer stand-in: records each call's ids in order and acknowledges what it is told. */
    private static final class Broker implements Function<List<OutboxEvent>, Set<Long>> {
        final List<List<Long>> calls = new ArrayList<>();
        final Set<Long> poison = new HashSet<>();
        boolean away;

        @Override
        public Set<Long> apply(List<OutboxEvent> events) {
            calls.add(events.stream().map(e -> e.id).toList());
            var acked = new HashSet<Long>();
            if (away) {
                return acked;
            }
            for (var e : events) {
                // A record the broker refuses fails alone; the publisher tries the ones behind it.
                if (!poison.contains(e.id)) {
                    acked.add(e.id);
                }
            }
            return acked;
        }
    }

    @Test
    void aWholeBatchGoesOutInOneCallInOutboxOrder() {
        var broker = new Broker();
        var batch = events(1, 200);

        var acked = OutboxRelay.sendBatch(batch, broker);

        assertThat(broker.calls).hasSize(1);
        assertThat(broker.calls.get(0)).isEqualTo(LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(acked).hasSize(200);
        assertThat(OutboxRelay.chargeable(batch, acked)).isEmpty();
    }

    @Test
    void aBrokerOutageLeavesEveryEventToBeSentAgainAndCostsNoAttempt() {
        var broker = new Broker();
        broker.away = true;
        var batch = events(1, 5);

        var acked = OutboxRelay.sendBatch(batch, broker);

        assertThat(acked).isEmpty();
        assertThat(OutboxRelay.chargeable(batch, acked)).isEmpty();
        // The events behind the oldest were tried too, which tells an outage from a poison event.
        assertThat(broker.calls)
                .containsExactly(List.of(1L, 2L, 3L, 4L, 5L), List.of(2L, 3L, 4L, 5L));
    }

    @Test
    void aPoisonEventFirstDoesNotHoldTheOthersAndIsChargedAlone() {
        var broker = new Broker();
        broker.poison.add(1L);
        var batch = events(1, 4);

        var acked = OutboxRelay.sendBatch(batch, broker);

        assertThat(acked).containsExactlyInAnyOrder(2L, 3L, 4L);
        assertThat(OutboxRelay.chargeable(batch, acked)).extracting(e -> e.id).containsExactly(1L);
    }

    @Test
    void onlyThePoisonEventsInTheMiddleOfABatchAreChargedTheOthersGoOut() {
        var broker = new Broker();
        broker.poison.add(3L);
        broker.poison.add(4L);
        var batch = events(1, 6);

        var acked = OutboxRelay.sendBatch(batch, broker);

        assertThat(acked).containsExactlyInAnyOrder(1L, 2L, 5L, 6L);
        assertThat(broker.calls).hasSize(1);
        assertThat(OutboxRelay.chargeable(batch, acked))
                .extracting(e -> e.id)
                .containsExactly(3L, 4L);
        // Next round both are at the head; the events behind them still go out and both are
        // charged again, so two in a row cannot hold the queue.
        var next = OutboxRelay.sendBatch(events(3, 8), broker);
        assertThat(next).containsExactlyInAnyOrder(5L, 6L, 7L, 8L);
        assertThat(OutboxRelay.chargeable(events(3, 8), next))
                .extracting(e -> e.id)
                .containsExactly(3L, 4L);
    }

    private static List<OutboxEvent> events(long from, long to) {
        return LongStream.rangeClosed(from, to)
                .mapToObj(
                        id -> {
                            var e = new OutboxEvent();
                            e.id = id;
                            e.topic = "mentions.ingested.v1";
                            e.key = "brand";
                            e.payload = "{}";
                            return e;
                        })
                .toList();
    }
}
