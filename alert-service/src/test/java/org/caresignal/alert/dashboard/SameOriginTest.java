package org.caresignal.alert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SameOriginTest {

    private static final Set<String> OURS =
            Set.of("http://localhost:8083", "https://alerts.riverside.example");

    @Test
    void aFormFromOneOfOurOriginsPasses() {
        assertThat(SameOrigin.refusal("http://localhost:8083", null, OURS)).isEmpty();
        assertThat(SameOrigin.refusal("https://alerts.riverside.example", "same-origin", OURS))
                .isEmpty();
        assertThat(SameOrigin.refusal("HTTPS://Alerts.Riverside.Example:443", null, OURS))
                .isEmpty();
        assertThat(SameOrigin.refusal(null, "same-origin", OURS)).isEmpty();
    }

    @Test
    void aFormFromAnywhereElseOrFromNowhereIsRefused() {
        assertThat(SameOrigin.refusal("https://evil.example", null, OURS)).isPresent();
        assertThat(SameOrigin.refusal("http://localhost:9999", null, OURS)).isPresent();
        assertThat(SameOrigin.refusal("null", null, OURS)).isPresent();
        assertThat(SameOrigin.refusal("http://localhost:8083", "cross-site", OURS)).isPresent();
        assertThat(SameOrigin.refusal(null, "same-site", OURS)).isPresent();
        assertThat(SameOrigin.refusal(null, null, OURS)).isPresent();
    }

    @Test
    void originsAreNormalizedWithoutDefaultPortsOrPaths() {
        assertThat(SameOrigin.normalize("http://localhost:8083/dashboard"))
                .hasValue("http://localhost:8083");
        assertThat(SameOrigin.normalize("https://a.example:443/")).hasValue("https://a.example");
        assertThat(SameOrigin.normalize("ftp://a.example")).isEmpty();
        assertThat(SameOrigin.normalize("null")).isEmpty();
    }
}
