package org.caresignal.sentiment.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An analyst's correction of a mention: the label, optionally the labels of some aspects (each
 * replaces that aspect's label; an aspect the model did not tag is added) and a note.
 */
public record CorrectionRequest(
        @Schema(
                        description = "NEGATIVE, NEUTRAL or POSITIVE (any case)",
                        required = true,
                        examples = "POSITIVE")
                String label,
        @Schema(description = "Aspect labels to replace; optional", nullable = true)
                List<AspectLabel> aspects,
        @Schema(description = "Why, at most 500 characters; optional", nullable = true)
                String note) {

    /** One aspect of the taxonomy with the label the analyst gives it. */
    public record AspectLabel(
            @Schema(examples = "emergency-wait") String aspect,
            @Schema(examples = "NEGATIVE") String label) {}
}
