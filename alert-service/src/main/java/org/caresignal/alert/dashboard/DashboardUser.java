package org.caresignal.alert.dashboard;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.caresignal.alert.security.CurrentActor;
import org.caresignal.alert.security.Roles;

/**
 * The signed-in person as every dashboard page shows them ({@code inject:dashboardUser} in the
 * templates): name, roles, and whether they may act on incidents.
 */
@Named("dashboardUser")
@RequestScoped
public class DashboardUser {

    private final CurrentActor actor;

    public DashboardUser(CurrentActor actor) {
        this.actor = actor;
    }

    public boolean signedIn() {
        return actor.signedIn();
    }

    /** The verified username, or empty when nobody is signed in (the assets, an error page). */
    public String name() {
        return actor.signedIn() ? actor.get().username() : "";
    }

    /** CareSignal's roles of the person, comma-separated ("no role" when none). */
    public String roles() {
        var roles = actor.roles();
        return roles.isEmpty() ? "no role" : String.join(", ", roles);
    }

    /** Whether the person may acknowledge, snooze and resolve (the responder role). */
    public boolean responder() {
        return actor.signedIn() && actor.hasRole(Roles.RESPONDER);
    }
}
