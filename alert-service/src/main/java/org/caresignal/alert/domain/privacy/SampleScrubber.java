package org.caresignal.alert.domain.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Blanks sample links and excerpts inside a stored JSON document (an explanation, an alert event in
 * a delivery or outbox payload): the {@code samples} array's elements whose mention id is chosen
 * keep their {@code mentionId}, get {@code url: null} and lose {@code excerpt}. Everything else in
 * the document stays as it was.
 */
public final class SampleScrubber {

    private SampleScrubber() {}

    /**
     * What a scrub found.
     *
     * @param changed the document was modified
     * @param carried ids of chosen samples that had a link or an excerpt
     */
    public record Result(boolean changed, Set<String> carried) {}

    /** Scrubs the samples of the mentions in {@code mentionIds}. */
    public static Result scrub(JsonNode document, Set<String> mentionIds) {
        return scrub(document, mentionIds::contains);
    }

    /** Scrubs every sample. */
    public static Result scrubAll(JsonNode document) {
        return scrub(document, id -> true);
    }

    private static Result scrub(JsonNode document, Predicate<String> chosen) {
        var carried = new java.util.LinkedHashSet<String>();
        boolean changed = false;
        var samples = document == null ? null : document.get("samples");
        if (samples == null || !samples.isArray()) {
            return new Result(false, Set.of());
        }
        for (var element : samples) {
            if (!(element instanceof ObjectNode sample)) {
                continue;
            }
            var id = sample.path("mentionId").asText("");
            if (!chosen.test(id)) {
                continue;
            }
            boolean hasUrl = sample.hasNonNull("url");
            boolean hasExcerpt = sample.has("excerpt");
            if (hasUrl || sample.hasNonNull("excerpt")) {
                carried.add(id);
            }
            if (hasUrl) {
                sample.putNull("url");
                changed = true;
            }
            if (hasExcerpt) {
                sample.remove("excerpt");
                changed = true;
            }
        }
        return new Result(changed, Set.copyOf(carried));
    }
}
