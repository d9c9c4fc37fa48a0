package org.caresignal.alert.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.IncidentKind;
import org.junit.jupiter.api.Test;

class RoutingTest {

    private static final UUID SLACK = UUID.randomUUID();
    private static final UUID PAGER = UUID.randomUUID();
    private static final UUID OPS = UUID.randomUUID();

    private static Route route(
            String name,
            int position,
            String brand,
            String facility,
            Set<IncidentKind> kinds,
            Severity min,
            boolean cont,
            UUID... channels) {
        return new Route(
                UUID.randomUUID(),
                name,
                position,
                true,
                brand,
                facility,
                kinds,
                min,
                List.of(channels),
                cont,
                null,
                List.of());
    }

    private static List<String> names(List<Route> routes) {
        return routes.stream().map(Route::name).toList();
    }

    @Test
    void theFirstMatchInPositionOrderWins() {
        var routes =
                List.of(
                        route("brand", 20, "riverside", null, null, null, false, SLACK),
                        route("north", 10, "riverside", "north", null, null, false, PAGER));
        assertThat(
                        names(
                                Routing.match(
                                        routes,
                                        "riverside",
                                        "north",
                                        IncidentKind.SPIKE,
                                        Severity.LOW)))
                .containsExactly("north");
        assertThat(
                        names(
                                Routing.match(
                                        routes,
                                        "riverside",
                                        null,
                                        IncidentKind.SPIKE,
                                        Severity.LOW)))
                .containsExactly("brand");
    }

    @Test
    void continueLetsLaterRoutesMatchToo() {
        var routes =
                List.of(
                        route("critical", 1, null, null, null, Severity.CRITICAL, true, PAGER),
                        route("brand", 2, "riverside", null, null, null, false, SLACK),
                        route("later", 3, null, null, null, null, false, OPS));
        assertThat(
                        names(
                                Routing.match(
                                        routes,
                                        "riverside",
                                        null,
                                        IncidentKind.CRITICAL_POST,
                                        Severity.CRITICAL)))
                .containsExactly("critical", "brand");
        assertThat(
                        names(
                                Routing.match(
                                        routes,
                                        "riverside",
                                        null,
                                        IncidentKind.SPIKE,
                                        Severity.HIGH)))
                .containsExactly("brand");
    }

    @Test
    void severityIsAMinimumAndKindsAreASet() {
        var routes =
                List.of(
                        route(
                                "ops",
                                1,
                                null,
                                null,
                                Set.of(IncidentKind.SOURCE_SILENT),
                                null,
                                false,
                                OPS),
                        route("high", 2, null, null, null, Severity.HIGH, false, PAGER));
        assertThat(names(Routing.match(routes, "b", null, IncidentKind.SPIKE, Severity.MEDIUM)))
                .isEmpty();
        assertThat(names(Routing.match(routes, "b", null, IncidentKind.SPIKE, Severity.HIGH)))
                .containsExactly("high");
        assertThat(
                        names(
                                Routing.match(
                                        routes,
                                        "b",
                                        null,
                                        IncidentKind.SOURCE_SILENT,
                                        Severity.MEDIUM)))
                .containsExactly("ops");
    }

    @Test
    void aDisabledRouteNeverMatches() {
        var disabled =
                new Route(
                        UUID.randomUUID(),
                        "off",
                        1,
                        false,
                        null,
                        null,
                        null,
                        null,
                        List.of(SLACK),
                        false,
                        null,
                        List.of());
        assertThat(Routing.match(List.of(disabled), "b", null, IncidentKind.SPIKE, Severity.HIGH))
                .isEmpty();
    }

    @Test
    void escalationComesFromTheFirstMatchedRouteWithSteps() {
        var steps = List.of(new EscalationStep(Duration.ofMinutes(15), List.of(PAGER)));
        var first = route("first", 1, null, null, null, null, true, SLACK);
        var second =
                new Route(
                        UUID.randomUUID(),
                        "second",
                        2,
                        true,
                        null,
                        null,
                        null,
                        null,
                        List.of(OPS),
                        false,
                        null,
                        steps);
        assertThat(Routing.escalationOf(List.of(first, second))).isEqualTo(steps);
        assertThat(Routing.escalationOf(List.of(first))).isEmpty();
    }
}
