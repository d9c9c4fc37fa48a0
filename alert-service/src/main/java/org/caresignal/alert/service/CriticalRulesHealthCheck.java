package org.caresignal.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the critical-post rules skipped because their stored pattern cannot run on RE2/J. Stays
 * UP: the other rules keep alerting, and taking the service out would stop them too.
 */
@Readiness
@ApplicationScoped
public class CriticalRulesHealthCheck implements HealthCheck {

    private final RuleService rules;

    public CriticalRulesHealthCheck(RuleService rules) {
        this.rules = rules;
    }

    @Override
    public HealthCheckResponse call() {
        rules.criticalPostRules();
        var skipped = rules.skippedRules();
        var response =
                HealthCheckResponse.named("critical-post-rules")
                        .up()
                        .withData("skipped", skipped.size());
        skipped.forEach((id, why) -> response.withData("skipped." + id, why));
        return response.build();
    }
}
