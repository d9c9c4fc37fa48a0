package org.caresignal.alert.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardSecretCheckTest {

    @Test
    void aMissingOrBlankSecretStopsTheStartNamingTheVariable() {
        assertThat(DashboardSecretCheck.problem(true, Optional.empty()))
                .hasValueSatisfying(p -> assertThat(p).contains("DASHBOARD_OIDC_CLIENT_SECRET"));
        assertThat(DashboardSecretCheck.problem(true, Optional.of("  "))).isPresent();
    }

    @Test
    void aSecretOrADisabledDashboardTenantIsFine() {
        assertThat(DashboardSecretCheck.problem(true, Optional.of("a-real-client-secret")))
                .isEmpty();
        assertThat(DashboardSecretCheck.problem(false, Optional.empty())).isEmpty();
    }
}
