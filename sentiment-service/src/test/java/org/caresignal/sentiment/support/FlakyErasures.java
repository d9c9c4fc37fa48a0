package org.caresignal.sentiment.support;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.caresignal.sentiment.event.ErasureConfirmed;
import org.caresignal.sentiment.event.MentionErased;
import org.caresignal.sentiment.messaging.ErasureConfirmedPublisher;
import org.caresignal.sentiment.repository.ErasureRepository;
import org.caresignal.sentiment.service.ErasureService;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Test-only stand-in for the erasure service that fails the first attempts of a marked erasure as a
 * lost database connection would, and otherwise erases as the real one.
 */
// Singleton for the reason given on FlakyScoring.
@Alternative
@Priority(1)
@Singleton
public class FlakyErasures extends ErasureService {

    private static final Map<UUID, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();
    private static final Map<UUID, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    public FlakyErasures(
            ErasureRepository repository,
            ErasureConfirmedPublisher publisher,
            Clock clock,
            MeterRegistry registry) {
        super(repository, publisher, clock, registry);
    }

    /** Makes the next {@code failures} attempts to apply this erasure fail. */
    public static void failNext(UUID erasureId, int failures) {
        FAILURES_LEFT.put(erasureId, new AtomicInteger(failures));
    }

    /** How often applying this erasure was attempted. */
    public static int calls(UUID erasureId) {
        var calls = CALLS.get(erasureId);
        return calls == null ? 0 : calls.get();
    }

    @Override
    public ErasureConfirmed process(MentionErased erasure) {
        CALLS.computeIfAbsent(erasure.erasureId(), id -> new AtomicInteger()).incrementAndGet();
        var left = FAILURES_LEFT.get(erasure.erasureId());
        if (left != null && left.getAndDecrement() > 0) {
            throw new JDBCConnectionException(
                    "simulated outage",
                    new SQLException("Connection to localhost refused", "08001"));
        }
        return super.process(erasure);
    }
}
