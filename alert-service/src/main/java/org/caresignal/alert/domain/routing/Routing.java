package org.caresignal.alert.domain.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.IncidentKind;

/**
 * Alertmanager-style route matching over an ordered list (the children of an implicit root): routes
 * are tried by position, the first matching route ends the matching unless it sets {@code
 * continueMatching}, in which case later routes are tried too. When none matches, the implicit root
 * (every enabled channel, no quiet hours, no escalation) handles the incident.
 */
public final class Routing {

    private Routing() {}

    /** The routes that handle an incident, in position order; empty means the implicit root. */
    public static List<Route> match(
            List<Route> routes,
            String brandId,
            String facilityId,
            IncidentKind kind,
            Severity severity) {
        var ordered =
                routes.stream()
                        .sorted(
                                Comparator.comparingInt(Route::position)
                                        .thenComparing(r -> r.id().toString()))
                        .toList();
        var matched = new ArrayList<Route>();
        for (var route : ordered) {
            if (route.matches(brandId, facilityId, kind, severity)) {
                matched.add(route);
                if (!route.continueMatching()) {
                    break;
                }
            }
        }
        return matched;
    }

    /** The escalation policy of an incident: that of its first matched route with steps. */
    public static List<EscalationStep> escalationOf(List<Route> matched) {
        return escalatingRoute(matched).map(Route::escalation).orElse(List.of());
    }

    /** The route whose escalation (and quiet hours) an incident follows, if any. */
    public static Optional<Route> escalatingRoute(List<Route> matched) {
        return matched.stream().filter(r -> !r.escalation().isEmpty()).findFirst();
    }
}
