package org.caresignal.sentiment.domain;

import java.util.List;

/**
 * Tells what a clause is about: the provider (an aspect of the taxonomy or a provider word such as
 * staff or hospital), the patient's own illness, symptoms, diagnosis or medicine, or neither.
 * Tokens in, a {@link Topic} and the aspects named out; immutable and thread-safe.
 */
public final class ReviewTopics {

    /** What a clause talks about, as the aggregation weighs it. */
    public enum Topic {
        PROVIDER,
        ILLNESS,
        OTHER
    }

    /** A clause's topic and the aspects of the taxonomy it names (empty unless PROVIDER). */
    public record Tagged(Topic topic, List<String> aspects) {}

    public static final String ILLNESS_TERMS = "sentiment/illness-terms.tsv";
    public static final String PROVIDER_TERMS = "sentiment/provider-terms.tsv";

    private final AspectTagger aspects;
    private final AspectTagger providerTerms;
    private final AspectTagger illnessTerms;

    public ReviewTopics(
            AspectTagger aspects, AspectTagger providerTerms, AspectTagger illnessTerms) {
        this.aspects = aspects;
        this.providerTerms = providerTerms;
        this.illnessTerms = illnessTerms;
    }

    /** With the aspect lexicon in use and the term lists on the classpath. */
    public static ReviewTopics load(AspectTagger aspects) {
        return new ReviewTopics(
                aspects,
                AspectTagger.read(SentimentScorer.resource(PROVIDER_TERMS)),
                AspectTagger.read(SentimentScorer.resource(ILLNESS_TERMS)));
    }

    /**
     * The provider wins over illness: "the nurse ignored my pain" is a complaint about the nurse,
     * not a symptom.
     */
    public Tagged tag(List<String> tokens) {
        var named = aspects.tag(tokens);
        if (!named.isEmpty() || !providerTerms.tag(tokens).isEmpty()) {
            return new Tagged(Topic.PROVIDER, named);
        }
        if (!illnessTerms.tag(tokens).isEmpty()) {
            return new Tagged(Topic.ILLNESS, List.of());
        }
        return new Tagged(Topic.OTHER, List.of());
    }

    /** The aspects of the taxonomy the tokens name (the aspect lexicon's own order). */
    public List<String> aspects(List<String> tokens) {
        return aspects.tag(tokens);
    }
}
