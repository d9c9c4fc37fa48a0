package org.caresignal.sentiment.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.caresignal.sentiment.domain.SentenceAnalyzer.AnalyzedSentence;

/**
 * Turns analyzed sentences into the combiner's features; immutable and thread-safe. Two blocks:
 *
 * <ul>
 *   <li>dense ({@link #DENSE_NAMES}): CoreNLP's class probabilities (mean and extremes), the sums
 *       of the lexicon's prior polarities (a negation flips and dampens the words in its scope,
 *       "not great" is mildly negative; intensifiers raise them), emphasis, '!' and '?';
 *   <li>hashed into {@code buckets} slots: word unigrams (marked when inside a negation's scope),
 *       word bigrams and character 2..5-grams of the space-joined tokens, scaled to unit length so
 *       that a long post does not outweigh the dense block.
 * </ul>
 *
 * Hashing works on ints (String hash codes and a per-character rolling hash), so a post costs a
 * sort of a few thousand ints rather than a map of n-gram strings.
 */
public final class SentimentFeatures {

    /** A sparse feature vector: strictly increasing indices and their values. */
    public record Vector(int[] indices, float[] values) {

        public int size() {
            return indices.length;
        }
    }

    /** The names of the dense features, in index order (0 .. DENSE - 1). */
    public static final List<String> DENSE_NAMES =
            List.of(
                    "cn:p0",
                    "cn:p1",
                    "cn:p2",
                    "cn:p3",
                    "cn:p4",
                    "cn:negmax",
                    "cn:posmax",
                    "emphasis",
                    "lex:positive",
                    "lex:negative",
                    "lex:none",
                    "lex:none*cn:p0",
                    "lex:none*cn:p1",
                    "lex:none*cn:p2",
                    "lex:none*cn:p3",
                    "lex:none*cn:p4",
                    "exclamation",
                    "question");

    public static final int DENSE = DENSE_NAMES.size();

    private static final int P0 = 0;
    private static final int NEG_MAX = 5;
    private static final int POS_MAX = 6;
    private static final int EMPHASIS = 7;
    private static final int LEX_POSITIVE = 8;
    private static final int LEX_NEGATIVE = 9;
    private static final int LEX_NONE = 10;
    private static final int LEX_NONE_P0 = 11;
    private static final int EXCLAMATION = 16;
    private static final int QUESTION = 17;

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

    // Seeds that keep the kinds of hashed features apart (a unigram and a bigram never share a
    // hash by construction, only by collision).
    private static final int UNIGRAM = 0x1b873593;
    private static final int NEGATED_UNIGRAM = 0x5bd1e995;
    private static final int BIGRAM = 0x27d4eb2f;
    private static final int CHARS = 0x165667b1;
    private static final int SENTENCE_EDGE = 0x3c6ef372;
    private static final int MIN_CHARS = 2;
    private static final int MAX_CHARS = 5;

    private final Map<String, Integer> lexicon;
    private final int buckets;

    /**
     * @param lexicon lower-case word to its prior polarity, -3 .. +3
     * @param buckets slots of the hashed block (the model file says how many it was trained with)
     */
    public SentimentFeatures(Map<String, Integer> lexicon, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be positive");
        }
        this.lexicon = Map.copyOf(lexicon);
        this.buckets = buckets;
    }

    /** The length of a feature vector: the dense block then the hashed one. */
    public int dimension() {
        return DENSE + buckets;
    }

    public int buckets() {
        return buckets;
    }

    /** The features of a post (or an aspect's sentences) with its emphasis count. */
    public Vector of(List<AnalyzedSentence> sentences, int emphasis) {
        double[] dense = new double[DENSE];
        var hashes = new IntList();
        double lexPositive = 0;
        double lexNegative = 0;
        double[] mean = new double[5];
        double negMax = 0;
        double posMax = 0;
        double weight = 0;
        boolean exclamation = false;
        boolean question = false;
        var chars = new StringBuilder();
        for (var sentence : sentences) {
            var tokens = sentence.tokens();
            double w = Math.max(1, tokens.size());
            double[] p = sentence.probabilities();
            for (int c = 0; c < 5; c++) {
                mean[c] += w * p[c];
            }
            weight += w;
            negMax = Math.max(negMax, p[0] + p[1]);
            posMax = Math.max(posMax, p[3] + p[4]);
            int negatedFor = 0;
            boolean intensified = false;
            int previous = SENTENCE_EDGE;
            chars.setLength(0);
            chars.append(' ');
            for (var token : tokens) {
                int h = token.hashCode();
                hashes.add(mix(BIGRAM, previous * 31 + h));
                previous = h;
                chars.append(token).append(' ');
                if (SCOPE_ENDS.contains(token)) {
                    negatedFor = 0;
                }
                exclamation |= token.equals("!");
                question |= token.equals("?");
                if (!isWord(token)) {
                    hashes.add(mix(UNIGRAM, h));
                    continue;
                }
                if (NEGATORS.contains(token)) {
                    hashes.add(mix(UNIGRAM, h));
                    negatedFor = NEGATION_SCOPE;
                    continue;
                }
                hashes.add(mix(negatedFor > 0 ? NEGATED_UNIGRAM : UNIGRAM, h));
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
            if (!tokens.isEmpty()) {
                hashes.add(mix(BIGRAM, previous * 31 + SENTENCE_EDGE));
            }
            addCharacterGrams(chars, hashes);
        }
        if (weight == 0) {
            mean[2] = 1;
            weight = 1;
        }
        for (int c = 0; c < 5; c++) {
            dense[P0 + c] = mean[c] / weight;
        }
        dense[NEG_MAX] = negMax;
        dense[POS_MAX] = posMax;
        dense[EMPHASIS] = Math.min(emphasis, 3) / 3.0;
        dense[LEX_POSITIVE] = Math.log1p(lexPositive);
        dense[LEX_NEGATIVE] = Math.log1p(lexNegative);
        if (lexPositive == 0 && lexNegative == 0) {
            // Without a sentiment word, CoreNLP's verdict on unfamiliar text is less reliable;
            // these let the combiner trust it less there.
            dense[LEX_NONE] = 1;
            for (int c = 0; c < 5; c++) {
                dense[LEX_NONE_P0 + c] = mean[c] / weight;
            }
        }
        dense[EXCLAMATION] = exclamation ? 1 : 0;
        dense[QUESTION] = question ? 1 : 0;
        return vector(dense, hashes);
    }

    /** Character 2..5-grams of " token token ... ", by a rolling hash over each start. */
    private static void addCharacterGrams(CharSequence s, IntList hashes) {
        int n = s.length();
        for (int start = 0; start + MIN_CHARS <= n; start++) {
            int h = 0;
            for (int len = 1; len <= MAX_CHARS && start + len <= n; len++) {
                h = h * 31 + s.charAt(start + len - 1);
                if (len >= MIN_CHARS) {
                    hashes.add(mix(CHARS + len, h));
                }
            }
        }
    }

    /** The dense block as is, then the hashed counts scaled to unit length. */
    private Vector vector(double[] dense, IntList hashes) {
        int[] slots = hashes.toArray();
        for (int i = 0; i < slots.length; i++) {
            slots[i] = DENSE + Math.floorMod(slots[i], buckets);
        }
        Arrays.sort(slots);
        int nonZeroDense = 0;
        for (double d : dense) {
            if (d != 0) {
                nonZeroDense++;
            }
        }
        int distinct = 0;
        for (int i = 0; i < slots.length; i++) {
            if (i == 0 || slots[i] != slots[i - 1]) {
                distinct++;
            }
        }
        int[] indices = new int[nonZeroDense + distinct];
        float[] values = new float[indices.length];
        int k = 0;
        for (int i = 0; i < DENSE; i++) {
            if (dense[i] != 0) {
                indices[k] = i;
                values[k++] = (float) dense[i];
            }
        }
        int firstHashed = k;
        double squares = 0;
        for (int i = 0; i < slots.length; ) {
            int j = i;
            while (j < slots.length && slots[j] == slots[i]) {
                j++;
            }
            indices[k] = slots[i];
            values[k++] = j - i;
            squares += (double) (j - i) * (j - i);
            i = j;
        }
        if (squares > 0) {
            double norm = Math.sqrt(squares);
            for (int i = firstHashed; i < k; i++) {
                values[i] = (float) (values[i] / norm);
            }
        }
        return new Vector(indices, values);
    }

    /** Murmur3's finalizer over a seeded value: spreads similar n-grams over all buckets. */
    static int mix(int seed, int value) {
        int h = seed ^ value * 0xcc9e2d51;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static boolean isWord(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isLetter(token.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A growable int array, to keep n-gram hashes unboxed. */
    private static final class IntList {
        private int[] values = new int[256];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
