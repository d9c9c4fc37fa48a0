package org.caresignal.sentiment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An admin's new phrase rule for a brand: the phrase, the polarity it is fixed to, a note. */
public record PhraseRuleRequest(
        @Schema(
                        description =
                                "Words matched whole, in any case and spacing; 1 to 200"
                                        + " characters with a letter or digit",
                        required = true,
                        examples = "war zone")
                String phrase,
        @Schema(
                        description = "NEUTRAL, POSITIVE or NEGATIVE (any case)",
                        required = true,
                        examples = "NEUTRAL")
                String polarity,
        @Schema(description = "Why, at most 500 characters; optional", nullable = true)
                String note) {}
