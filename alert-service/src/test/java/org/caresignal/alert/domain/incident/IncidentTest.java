package org.caresignal.alert.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.caresignal.alert.domain.detection.Severity;
import org.junit.jupiter.api.Test;

class IncidentTest {

    private static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");

    private static Incident open() {
        return Incident.open(
                "riverside-health", null, IncidentKind.SPIKE, Severity.MEDIUM, "{}", NOW);
    }

    @Test
    void openThenAcknowledgedThenResolved() {
        var incident = open();
        assertThat(incident.status).isEqualTo(IncidentStatus.OPEN);

        incident.acknowledge("alex", NOW.plusSeconds(60));
        assertThat(incident.status).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(incident.acknowledgedBy).isEqualTo("alex");

        incident.resolve("sam", NOW.plusSeconds(120));
        assertThat(incident.status).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incident.resolvedBy).isEqualTo("sam");
        assertThat(incident.resolvedAt).isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void illegalTransitionsAreRefused() {
        var incident = open();
        incident.acknowledge("alex", NOW);
        assertThatThrownBy(() -> incident.acknowledge("alex", NOW))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("ACKNOWLEDGED");
        incident.resolve("sam", NOW);
        assertThatThrownBy(() -> incident.resolve("sam", NOW))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> incident.snooze(NOW.plusSeconds(60), NOW))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> open().reopen(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void foldingOnlyRaisesTheSeverityAndCountsTheRepeat() {
        var incident = open();

        assertThat(incident.fold(Severity.LOW, "{\"a\":1}", NOW)).isFalse();
        assertThat(incident.severity).isEqualTo(Severity.MEDIUM);
        assertThat(incident.fold(Severity.HIGH, "{\"a\":2}", NOW)).isTrue();

        assertThat(incident.severity).isEqualTo(Severity.HIGH);
        assertThat(incident.updates).isEqualTo(2);
        assertThat(incident.explanation).isEqualTo("{\"a\":2}");
    }

    @Test
    void aResolvedIncidentIsInCooldownOnlyForTheCooldownAndReopensClean() {
        var incident = open();
        incident.acknowledge("alex", NOW);
        incident.resolve("sam", NOW);
        var cooldown = Duration.ofHours(24);

        assertThat(incident.inCooldown(NOW.plus(Duration.ofHours(23)), cooldown)).isTrue();
        assertThat(incident.inCooldown(NOW.plus(Duration.ofHours(25)), cooldown)).isFalse();

        incident.reopen(NOW.plusSeconds(60));
        assertThat(incident.status).isEqualTo(IncidentStatus.OPEN);
        assertThat(incident.acknowledgedBy).isNull();
        assertThat(incident.resolvedAt).isNull();
        assertThat(incident.inCooldown(NOW.plusSeconds(61), cooldown)).isFalse();
    }

    @Test
    void aSnoozeMustEndInTheFutureAndEndsOnItsOwn() {
        var incident = open();
        assertThatThrownBy(() -> incident.snooze(NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class);

        incident.snooze(NOW.plusSeconds(600), NOW);

        assertThat(incident.snoozed(NOW.plusSeconds(599))).isTrue();
        assertThat(incident.snoozed(NOW.plusSeconds(600))).isFalse();
    }
}
