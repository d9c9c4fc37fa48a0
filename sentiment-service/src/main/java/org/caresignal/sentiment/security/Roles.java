package org.caresignal.sentiment.security;

/**
 * The role names the code checks ({@code @RolesAllowed}); the identity provider's names are mapped
 * onto them in configuration. Who holds which role for which endpoint: docs/security.md.
 */
public final class Roles {

    /** Incidents, counts, brands, source health; no post text. */
    public static final String VIEWER = "viewer";

    /** Post text: mention search, one mention, sentiment history (JSON and CSV). */
    public static final String ANALYST = "analyst";

    /** One mention by id (the posts behind the incidents it handles). */
    public static final String RESPONDER = "responder";

    /** Configuration, rescore and the audit log; not post text. */
    public static final String ADMIN = "admin";

    private Roles() {}
}
