package org.caresignal.alert.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only endpoint that fails unexpectedly, to check the catch-all 500 problem answer. */
@Path("/test-only/failure")
public class FailingResource {

    public static final String SECRET = "internal-detail-that-must-not-leak";

    @GET
    public String fail() {
        throw new IllegalStateException(SECRET);
    }
}
