package org.caresignal.sentiment.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A test-only endpoint that fails with an unexpected exception, to exercise the 500 mapper. */
@Path("/test-support/failure")
public class FailingResource {

    public static final String SECRET = "connection to db-internal-7 refused";

    @GET
    public String fail() {
        throw new IllegalStateException(SECRET);
    }
}
