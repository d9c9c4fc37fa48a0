package org.caresignal.sentiment.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of scored mentions, newest first, with the cursor to the next page and the number that
 * match.
 */
public record MentionPageResponse(
        @Schema(description = "The page number asked for (0 when paging by cursor)") int page,
        int size,
        @Schema(
                        description =
                                "How many mentions match, up to 10000; counted on a request"
                                        + " without cursor, null on the pages a cursor fetched",
                        nullable = true)
                Long total,
        @Schema(
                        description =
                                "True when more than 10000 match (total is then 10000, a lower"
                                        + " bound), false when total is exact; null with total",
                        nullable = true)
                Boolean totalCapped,
        @Schema(
                        description = "Pass as cursor to get the next page; null on the last page",
                        nullable = true)
                String nextCursor,
        List<MentionResponse> items) {}
