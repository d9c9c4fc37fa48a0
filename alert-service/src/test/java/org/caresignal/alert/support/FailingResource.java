package org.caresignal.alert.support;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only endpoint that fails unexpectedly, to check the catch-all 500 problem answer. */
@Path("/test-only/failure")
public class FailingResource {

    public static final String SECRET = "internal-detail-that-must-not-leak";

    /** Test-only and harmless (it only fails): open, so the 500 answer is what the test sees. */
    @GET
    @PermitAll
    public String fail() {
        throw new IllegalStateException(SECRET);
    }
}
