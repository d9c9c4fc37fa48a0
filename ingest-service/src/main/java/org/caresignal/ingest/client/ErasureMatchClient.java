package org.caresignal.ingest.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * sentiment-service's {@code POST /api/erasure-matches} (INGEST_SENTIMENT_URL), called with the
 * requesting admin's own bearer token: the ids of the mentions whose stored text holds a phrase, or
 * whose stored URL is the one given; never text.
 */
@RegisterRestClient(configKey = "sentiment")
@Path("/api/erasure-matches")
public interface ErasureMatchClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    ErasureMatches match(
            @HeaderParam("Authorization") String authorization, ErasureMatchQuery query);
}
