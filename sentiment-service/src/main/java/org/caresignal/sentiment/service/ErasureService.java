package org.caresignal.sentiment.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.caresignal.sentiment.event.ErasureConfirmed;
import org.caresignal.sentiment.event.MentionErased;
import org.caresignal.sentiment.messaging.ErasureConfirmedPublisher;
import org.caresignal.sentiment.repository.ErasureRepository;

/**
 * Erasure on request: a MentionErased in; the text, URL, external id and aspects of the named
 * mentions removed (label, score, brand, facility and time stay, so counts stay) and a tombstone
 * per mention kept, in one transaction; then an ErasureConfirmed out.
 */
@Startup
@ApplicationScoped
public class ErasureService {

    private final ErasureRepository repository;
    private final ErasureConfirmedPublisher publisher;
    private final Clock clock;
    private final Counter erased;

    public ErasureService(
            ErasureRepository repository,
            ErasureConfirmedPublisher publisher,
            Clock clock,
            MeterRegistry registry) {
        this.repository = repository;
        this.publisher = publisher;
        this.clock = clock;
        this.erased =
                Counter.builder("caresignal.mentions.erased")
                        .description(
                                "Held mentions confirmed erased (an erasure applied again counts again)")
                        .register(registry);
    }

    /**
     * Applies the erasure (idempotent: a second copy changes nothing and counts the same) and, once
     * committed, publishes its confirmation; returns it.
     */
    public ErasureConfirmed process(MentionErased erasure) {
        var at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var ids = erasure.mentionIds();
        int held =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    repository.lockExclusively();
                                    repository.addTombstones(ids, at);
                                    return repository.erase(ids, at);
                                });
        var confirmation = ErasureConfirmed.of(erasure.erasureId(), held, at);
        publisher.publish(confirmation);
        erased.increment(held);
        Log.infof(
                "Erasure %s applied: %d of its %d mentions were held here and are erased",
                erasure.erasureId(), held, ids.size());
        return confirmation;
    }
}
