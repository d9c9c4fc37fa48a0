package org.caresignal.sentiment.support;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A test-only endpoint that fails with an unexpected exception, to exercise the 500 mapper. */
@Path("/test-support/failure")
public class FailingResource {

    public static final String SECRET = "connection to db-internal-7 refused";

    // Test-only and outside /api: open so that the 500 mapper is reached without a token.
    @GET
    @PermitAll
    @Operation(hidden = true)
    public String fail() {
        throw new IllegalStateException(SECRET);
    }
}
