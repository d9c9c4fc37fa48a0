package org.caresignal.sentiment.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Gives every operation of the OpenAPI document its 401 and 403 problem responses at build time:
 * every endpoint of this service needs a role, so they are stated once here rather than on each
 * resource method.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiAuthResponses implements OASFilter {

    static final String UNAUTHORIZED =
            "No valid bearer token (missing, expired, wrong issuer, audience or signature)";
    static final String FORBIDDEN = "The token lacks a role this operation needs";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (var item : openAPI.getPaths().getPathItems().values()) {
            if (item.getOperations() == null) {
                continue;
            }
            for (Operation operation : item.getOperations().values()) {
                if (operation.getResponses() == null) {
                    operation.setResponses(OASFactory.createAPIResponses());
                }
                operation.getResponses().addAPIResponse("401", problem(UNAUTHORIZED));
                operation.getResponses().addAPIResponse("403", problem(FORBIDDEN));
            }
        }
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse()
                .description(description)
                .content(
                        OASFactory.createContent()
                                .addMediaType(
                                        ProblemDetail.MEDIA_TYPE,
                                        OASFactory.createMediaType()
                                                .schema(
                                                        OASFactory.createSchema()
                                                                .ref("ProblemDetail"))));
    }
}
