package org.caresignal.alert.domain.incident;

import java.time.Instant;
import java.util.List;

/**
 * Why an incident fired, in numbers a person can check: the window, what was counted, what the
 * seasonal baseline expected, the thresholds, the evidence and sample mentions.
 *
 * @param triggers the detector triggers of the episode, or {@code CRITICAL_POST:<rule>}
 * @param pValue corrected tail probability of the strongest trigger; null for a critical post
 * @param effectSize observed / expected of the strongest trigger; null for a critical post
 * @param aspects the aspects the window's negative mentions are most often negative about, most
 *     frequent first (empty when the scorer sent none; absent from explanations stored before)
 */
public record Explanation(
        List<String> triggers,
        Window window,
        Counts counts,
        Baseline baseline,
        Threshold threshold,
        Double pValue,
        Double effectSize,
        List<Sample> samples,
        String summary,
        List<Aspect> aspects) {

    public Explanation {
        triggers = List.copyOf(triggers);
        samples = List.copyOf(samples);
        aspects = aspects == null ? List.of() : List.copyOf(aspects);
    }

    /** The time window the evidence covers: {@code [start, end)}. */
    public record Window(Instant start, Instant end) {}

    /** Mentions counted in the window. */
    public record Counts(long total, long negative) {}

    /**
     * The strongest trigger's measure in the window ({@code negative-count}, {@code total-count} or
     * {@code negative-share}): what was observed and what the seasonal baseline expected.
     */
    public record Baseline(String measure, double observed, double expected) {}

    /** The detector's thresholds for this series. */
    public record Threshold(double pValue, long minNegative, long minTotal, double minEffect) {}

    /**
     * A mention that illustrates the incident: its id, its link and an excerpt of a negative post
     * (at most 140 characters). Link and excerpt are personal data (TEXT class): they are blanked
     * when the mention is erased or its text retention ends, shown in the API and dashboard to
     * analysts and responders only, and sent to a channel only as far as its settings allow.
     *
     * @param url null when unknown, erased or purged (always written, as alerts.v1 has it)
     * @param excerpt null when none; left out of the JSON then
     */
    public record Sample(
            String mentionId,
            String url,
            @com.fasterxml.jackson.annotation.JsonInclude(
                            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                    String excerpt) {

        public Sample(String mentionId, String url) {
            this(mentionId, url, null);
        }

        /** The mention id alone. */
        public Sample idOnly() {
            return new Sample(mentionId, null, null);
        }
    }

    /** This explanation with other samples. */
    public Explanation withSamples(List<Sample> replaced) {
        return new Explanation(
                triggers,
                window,
                counts,
                baseline,
                threshold,
                pValue,
                effectSize,
                replaced,
                summary,
                aspects);
    }

    /**
     * An aspect driving the incident: how many of the window's negative mentions were negative
     * about it, and their share of the window's negative mentions (0 to 1, two decimals).
     */
    public record Aspect(String aspect, long negative, double share) {

        /** {@code negative} of {@code negativeMentions}, the share rounded to two decimals. */
        public static Aspect of(String aspect, long negative, long negativeMentions) {
            double share =
                    negativeMentions <= 0 ? 0 : Math.min(1.0, (double) negative / negativeMentions);
            return new Aspect(aspect, negative, Math.round(share * 100) / 100.0);
        }
    }
}
