package org.caresignal.ingest.security;

/**
 * The role names CareSignal checks (docs/security.md): the identity provider's names are mapped
 * onto these in configuration; {@code integration} is given only to a CareSignal API key.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String ANALYST = "analyst";
    public static final String RESPONDER = "responder";
    public static final String ADMIN = "admin";

    /** A webhook integration authenticated by its API key; never taken from a token. */
    public static final String INTEGRATION = "integration";

    private Roles() {}
}
