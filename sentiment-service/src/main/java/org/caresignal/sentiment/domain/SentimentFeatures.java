package org.caresignal.sentiment.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.caresignal.sentiment.domain.SentenceAnalyzer.AnalyzedSentence;

/**
 * Turns analyzed sentences into the combiner's features: CoreNLP's class probabilities (mean and
 * extremes), the sums of the lexicon's prior polarities (a negation flips and dampens the words in
 * its scope, "not great" is mildly negative; intensifiers raise them) and emphasis; immutable and
 * thread-safe. (Words as features were tried and dropped: learned from reviews and editorials they
 * teach topics, not sentiment, and cost 10 points on tweets.)
 */
public final class SentimentFeatures {

    static final Set<String> NEGATORS =
            Set.of(
                    "not", "no", "never", "n't", "nothing", "nobody", "none", "nor", "neither",
                    "without", "cannot", "hardly", "barely", "nt", "dont", "didnt", "doesnt",
                    "isnt", "wasnt", "cant", "wont", "aint");
    private static final Set<String> SCOPE_ENDS =
            Set.of(".", ",", "!", "?", ";", ":", "but", "-lrb-", "-rrb-", "--");
    private static final Set<String> INTENSIFIERS =
            Set.of(
                    "very",
                    "so",
                    "really",
                    "extremely",
                    "super",
                    "totally",
                    "absolutely",
                    "incredibly",
                    "truly",
                    "most",
                    "too");
    private static final int NEGATION_SCOPE = 4;

    /** A negated word counts this much, the other way round ("not great" is mildly negative). */
    private static final double NEGATED = -0.5;

    private static final double INTENSIFIED = 1.5;

    private final Map<String, Integer> lexicon;

    /**
     * @param lexicon lower-case word to its prior polarity, -3 .. +3
     */
    public SentimentFeatures(Map<String, Integer> lexicon) {
        this.lexicon = Map.copyOf(lexicon);
    }

    /** The features of a post (or an aspect's sentences) with its emphasis count. */
    public Map<String, Double> of(List<AnalyzedSentence> sentences, int emphasis) {
        double lexPositive = 0;
        double lexNegative = 0;
        var features = new HashMap<String, Double>();
        features.put("bias", 1.0);
        double[] mean = new double[5];
        double negMax = 0;
        double posMax = 0;
        double weight = 0;
        boolean exclamation = false;
        boolean question = false;
        for (var sentence : sentences) {
            double w = Math.max(1, sentence.tokens().size());
            double[] p = sentence.probabilities();
            for (int c = 0; c < 5; c++) {
                mean[c] += w * p[c];
            }
            weight += w;
            negMax = Math.max(negMax, p[0] + p[1]);
            posMax = Math.max(posMax, p[3] + p[4]);
            int negatedFor = 0;
            boolean intensified = false;
            for (var token : sentence.tokens()) {
                if (SCOPE_ENDS.contains(token)) {
                    negatedFor = 0;
                }
                exclamation |= token.equals("!");
                question |= token.equals("?");
                if (!isWord(token)) {
                    continue;
                }
                if (NEGATORS.contains(token)) {
                    negatedFor = NEGATION_SCOPE;
                    continue;
                }
                Integer prior = lexicon.get(token);
                if (prior != null) {
                    double value =
                            prior
                                    * (negatedFor > 0 ? NEGATED : 1)
                                    * (intensified ? INTENSIFIED : 1);
                    if (value > 0) {
                        lexPositive += value;
                    } else {
                        lexNegative -= value;
                    }
                }
                intensified = INTENSIFIERS.contains(token);
                if (negatedFor > 0) {
                    negatedFor--;
                }
            }
        }
        if (weight == 0) {
            mean[2] = 1;
            weight = 1;
        }
        for (int c = 0; c < 5; c++) {
            features.put("cn:p" + c, mean[c] / weight);
        }
        features.put("cn:negmax", negMax);
        features.put("cn:posmax", posMax);
        features.put("emphasis", Math.min(emphasis, 3) / 3.0);
        features.put("lex:positive", Math.log1p(lexPositive));
        features.put("lex:negative", Math.log1p(lexNegative));
        if (lexPositive == 0 && lexNegative == 0) {
            // Without a sentiment word, CoreNLP's verdict on unfamiliar text is less reliable;
            // these let the combiner trust it less there.
            features.put("lex:none", 1.0);
            for (int c = 0; c < 5; c++) {
                features.put("lex:none*cn:p" + c, mean[c] / weight);
            }
        }
        if (exclamation) {
            features.put("exclamation", 1.0);
        }
        if (question) {
            features.put("question", 1.0);
        }
        return features;
    }

    private static boolean isWord(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isLetter(token.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
