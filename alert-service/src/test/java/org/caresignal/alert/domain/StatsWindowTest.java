package org.caresignal.alert.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatsWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration MAX = Duration.ofDays(92);

    private static StatsWindow resolve(String from, String to) {
        return StatsWindow.resolve(from, to, NOW, DAY, MAX);
    }

    @Test
    void defaultsToTheLast24HoursBeforeNow() {
        assertThat(resolve(null, null)).isEqualTo(new StatsWindow(NOW.minus(DAY), NOW));
    }

    @Test
    void fromDefaultsTo24HoursBeforeAGivenTo() {
        assertThat(resolve(null, "2026-11-20T00:00:00Z"))
                .isEqualTo(
                        new StatsWindow(
                                Instant.parse("2026-11-19T00:00:00Z"),
                                Instant.parse("2026-11-20T00:00:00Z")));
    }

    @Test
    void toDefaultsToNow() {
        assertThat(resolve("2026-11-24T14:00:00Z", null))
                .isEqualTo(new StatsWindow(Instant.parse("2026-11-24T14:00:00Z"), NOW));
    }

    @Test
    void acceptsOffsetsAndFractions() {
        assertThat(resolve("2026-11-24T15:00:00+01:00", "2026-11-24T14:30:00.5Z"))
                .isEqualTo(
                        new StatsWindow(
                                Instant.parse("2026-11-24T14:00:00Z"),
                                Instant.parse("2026-11-24T14:30:00.5Z")));
    }

    @Test
    void acceptsExactlyTheMaximumRange() {
        var window = resolve("2026-08-24T00:00:00Z", "2026-11-24T00:00:00Z");
        assertThat(Duration.between(window.from(), window.to())).isEqualTo(MAX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-24", "2026-11-24T14:00:00", "", "1732456800"})
    void rejectsAFromThatIsNotAnIsoInstant(String from) {
        assertThatThrownBy(() -> resolve(from, "2026-11-25T00:00:00Z"))
                .isInstanceOfSatisfying(
                        InvalidWindowException.class,
                        e -> {
                            assertThat(e.parameter()).isEqualTo("from");
                            assertThat(e.getMessage())
                                    .startsWith("from must be an ISO-8601 instant");
                        });
    }

    @Test
    void rejectsAToThatIsNotAnIsoInstant() {
        assertThatThrownBy(() -> resolve(null, "now"))
                .isInstanceOfSatisfying(
                        InvalidWindowException.class,
                        e -> assertThat(e.parameter()).isEqualTo("to"));
    }

    @Test
    void rejectsInstantsOutsideTheYears1To9999() {
        assertThatThrownBy(() -> resolve("-0001-01-01T00:00:00Z", "0001-01-02T00:00:00Z"))
                .isInstanceOfSatisfying(
                        InvalidWindowException.class,
                        e -> assertThat(e.parameter()).isEqualTo("from"));
        assertThatThrownBy(() -> resolve(null, "+10000-01-01T00:00:00Z"))
                .isInstanceOfSatisfying(
                        InvalidWindowException.class,
                        e -> assertThat(e.parameter()).isEqualTo("to"));
    }

    @Test
    void rejectsFromEqualToTo() {
        assertThatThrownBy(() -> resolve("2026-11-24T00:00:00Z", "2026-11-24T00:00:00Z"))
                .isInstanceOf(InvalidWindowException.class)
                .hasMessage("from must be before to (2026-11-24T00:00:00Z)");
    }

    @Test
    void rejectsFromAfterTo() {
        assertThatThrownBy(() -> resolve("2026-11-25T00:00:00Z", "2026-11-24T00:00:00Z"))
                .isInstanceOf(InvalidWindowException.class)
                .hasMessageStartingWith("from must be before to");
    }

    @Test
    void rejectsAFromInTheFutureWhenToDefaultsToNow() {
        assertThatThrownBy(() -> resolve("2026-11-25T00:00:00Z", null))
                .isInstanceOf(InvalidWindowException.class)
                .hasMessageStartingWith("from must be before to");
    }

    @Test
    void rejectsARangeLongerThanTheMaximum() {
        assertThatThrownBy(() -> resolve("2026-08-23T23:59:59Z", "2026-11-24T00:00:00Z"))
                .isInstanceOfSatisfying(
                        InvalidWindowException.class,
                        e -> {
                            assertThat(e.parameter()).isEqualTo("from");
                            assertThat(e.getMessage()).contains("at most 92 days before to");
                        });
    }
}
