package org.caresignal.alert.security;

/**
 * The role names the code knows (docs/security.md); the identity provider's names are mapped to
 * these in configuration.
 */
public final class Roles {

    /** Sees incidents, timelines and counts; changes nothing. */
    public static final String VIEWER = "viewer";

    /** What a viewer sees, plus backtests of detector settings. */
    public static final String ANALYST = "analyst";

    /** What a viewer sees, plus the delivery log; acknowledges, snoozes and resolves incidents. */
    public static final String RESPONDER = "responder";

    /** What a viewer sees, plus all configuration and the audit log. */
    public static final String ADMIN = "admin";

    private Roles() {}
}
