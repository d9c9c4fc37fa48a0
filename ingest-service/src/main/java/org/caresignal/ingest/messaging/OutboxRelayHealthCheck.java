package org.caresignal.ingest.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.caresignal.ingest.service.OutboxRelay;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the Kafka relay's state under readiness. It stays UP while Kafka is down, because the
 * outbox keeps accepting mentions then; the data shows the backlog, the last error and how many
 * events are quarantined (an admin lists and requeues them through /api/outbox/quarantined).
 */
@Readiness
@ApplicationScoped
public class OutboxRelayHealthCheck implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxRelayHealthCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        var state = relay.state();
        var builder =
                HealthCheckResponse.named("Kafka outbox relay")
                        .up()
                        .withData("backlog", state.backlog())
                        .withData("consecutiveFailures", state.consecutiveFailures())
                        .withData("quarantined", state.quarantined());
        if (state.lastSuccess() != null) {
            builder.withData("lastSuccess", state.lastSuccess().toString());
        }
        if (state.lastError() != null) {
            builder.withData("lastError", state.lastError());
        }
        return builder.build();
    }
}
