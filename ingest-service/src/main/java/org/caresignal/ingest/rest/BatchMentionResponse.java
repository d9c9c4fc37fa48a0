package org.caresignal.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Answer to {@code POST /api/mentions/batch}: the counts, and per item (in request order, by its
 * 0-based index) whether it was accepted, a duplicate of one accepted before, erased on request
 * before (refused), or rejected and why.
 */
public record BatchMentionResponse(
        int accepted, int duplicates, int rejected, int erased, List<ItemResult> results) {

    /** What became of one item. */
    public enum Status {
        ACCEPTED,
        DUPLICATE,
        REJECTED,
        /** Erased on request before: refused, not stored, not published. */
        ERASED;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One item's outcome: its mention id unless rejected, its violations if rejected. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(
            int index, Status status, UUID mentionId, List<ProblemDetail.Violation> violations) {}

    static BatchMentionResponse of(List<ItemResult> results) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        int erased = 0;
        for (var r : results) {
            switch (r.status()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
                case ERASED -> erased++;
            }
        }
        return new BatchMentionResponse(accepted, duplicates, rejected, erased, results);
    }
}
