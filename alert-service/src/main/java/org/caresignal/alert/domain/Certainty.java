package org.caresignal.alert.domain;

import java.util.Locale;

/**
 * How sure the scorer was of a counted mention's label, read from {@code MentionScored}'s {@code
 * uncertain}, {@code language} and {@code corrected}; decides which bucket columns the mention is
 * counted in besides its label's.
 */
public enum Certainty {
    /** The label counts as it is. */
    CERTAIN,
    /** The scorer is not sure of the label: the brand's {@link UncertainPolicy} decides. */
    UNCERTAIN,
    /**
     * The post is in a language the model does not read (sentiment-service publishes it {@code
     * NEUTRAL} and uncertain without scoring it): always left out of the negative triggers.
     */
    UNREAD_LANGUAGE;

    /**
     * The certainty of a mention as published.
     *
     * @param language ISO 639-1 code, {@code und}, or null (an older event)
     * @param corrected true when the label is an analyst's correction: a person decided it, so the
     *     scorer's doubt about its own verdict no longer applies
     */
    public static Certainty of(boolean uncertain, String language, boolean corrected) {
        if (!uncertain || corrected) {
            return CERTAIN;
        }
        return read(language) ? UNCERTAIN : UNREAD_LANGUAGE;
    }

    /**
     * True for a language the model reads: English, or one not known ({@code und}, absent), where
     * the text was scored and the doubt is about the verdict, not the language.
     */
    static boolean read(String language) {
        if (language == null || language.isBlank()) {
            return true;
        }
        var code = language.strip().toLowerCase(Locale.ROOT);
        // A region or script subtag (en-GB) does not change what the model reads.
        var dash = code.indexOf('-') >= 0 ? code.indexOf('-') : code.indexOf('_');
        var primary = dash > 0 ? code.substring(0, dash) : code;
        return primary.equals("en") || primary.equals("und");
    }
}
