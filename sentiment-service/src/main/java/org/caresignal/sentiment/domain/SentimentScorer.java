package org.caresignal.sentiment.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.sentiment.domain.SentenceAnalyzer.AnalyzedSentence;

/**
 * The production scorer: a post in; normalized for social media, capped, run through CoreNLP's
 * sentiment pipeline (shift-reduce parser) and combined with its words by a calibrated model; a
 * label, a score in [-1, 1], an uncertain flag and per-aspect sentiment out. Thread-safe: the
 * models are read-only and the cache of repeated texts is synchronized.
 */
public final class SentimentScorer {

    /** The resources the scorer reads from the classpath (see the tools' train command). */
    public static final String MODEL = "sentiment/model.tsv.gz";

    public static final String WORDS = "sentiment/words.tsv";
    public static final String EXTRA_WORDS = "sentiment/extra-words.tsv";
    public static final String EMOJI = "sentiment/emoji.tsv";
    public static final String SLANG = "sentiment/slang.tsv";
    public static final String ASPECTS = "sentiment/aspects.tsv";
    public static final String LEXICON = "sentiment/lexicon.tsv";

    /**
     * Limits that keep one pathological post from holding a scoring thread for long.
     *
     * @param maxChars longer posts are cut at a word boundary (a guard against pathological input,
     *     far above any real review)
     * @param parseMaxLength the most tokens the parser is given at once; longer sentences are cut
     *     into pieces
     * @param cacheSize how many distinct texts are remembered
     * @param parseBudget the most tokens parsed per post; units past it count through their words
     */
    public record Limits(int maxChars, int parseMaxLength, int cacheSize, int parseBudget) {

        public static final int DEFAULT_MAX_CHARS = 20_000;
        public static final int DEFAULT_PARSE_BUDGET = 1_500;

        public Limits {
            if (maxChars < 1 || parseMaxLength < 2 || cacheSize < 0 || parseBudget < 0) {
                throw new IllegalArgumentException("bad scorer limits");
            }
        }

        /** These limits with the default parse budget. */
        public Limits(int maxChars, int parseMaxLength, int cacheSize) {
            this(maxChars, parseMaxLength, cacheSize, DEFAULT_PARSE_BUDGET);
        }
    }

    /**
     * Longer texts are not cached: reposts are short, and the cache's memory stays bounded by
     * {@code cacheSize} times this.
     */
    static final int CACHE_MAX_CHARS = 1_000;

    private final TextNormalizer normalizer;
    private final SentenceAnalyzer analyzer;
    private final SentimentModel model;
    private final SentimentFeatures features;
    private final AspectTagger aspects;
    private final Limits limits;
    private final ReviewTopics topics;
    private final ClauseSplitter clauses;
    private final ReviewAggregator aggregator = new ReviewAggregator();
    private final Map<String, ScoredText> cache;
    private final java.util.concurrent.atomic.AtomicLong cacheHits =
            new java.util.concurrent.atomic.AtomicLong();

    public SentimentScorer(
            TextNormalizer normalizer,
            SentenceAnalyzer analyzer,
            SentimentModel model,
            SentimentFeatures features,
            AspectTagger aspects,
            Limits limits) {
        this.normalizer = normalizer;
        this.analyzer = analyzer;
        this.model = model;
        this.features = features;
        this.aspects = aspects;
        this.limits = limits;
        this.topics = ReviewTopics.load(aspects);
        this.clauses = new ClauseSplitter(topics::tag, limits.parseMaxLength());
        this.cache =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, ScoredText> eldest) {
                        return size() > limits.cacheSize();
                    }
                };
    }

    /** The scorer with the resources on the classpath and the shift-reduce parser. */
    public static SentimentScorer load(Limits limits) {
        return load(limits, AspectTagger.read(resource(ASPECTS)));
    }

    /** As {@link #load(Limits)} with another aspect lexicon. */
    public static SentimentScorer load(Limits limits, AspectTagger aspects) {
        return load(limits, aspects, SentenceAnalyzer.SR_PARSER);
    }

    /** As {@link #load(Limits, AspectTagger)} with another parser (the tools compare the PCFG). */
    public static SentimentScorer load(Limits limits, AspectTagger aspects, String parserModel) {
        var model = model();
        return new SentimentScorer(
                normalizer(),
                new SentenceAnalyzer(parserModel, limits.parseMaxLength()),
                model,
                features(model.buckets()),
                aspects,
                limits);
    }

    /** The combiner on the classpath. */
    public static SentimentModel model() {
        try (var in = resource(MODEL)) {
            return SentimentModel.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The normalizer with the word lists, emoji and slang on the classpath. */
    public static TextNormalizer normalizer() {
        var counts = new HashMap<String, Long>();
        readPairs(WORDS).forEach((w, c) -> counts.put(w, Long.parseLong(c)));
        return normalizer(counts);
    }

    /** The normalizer with these word counts (plus the extra words), emoji and slang. */
    public static TextNormalizer normalizer(Map<String, Long> wordCounts) {
        var counts = new HashMap<>(wordCounts);
        readPairs(EXTRA_WORDS).forEach((w, c) -> counts.merge(w, Long.parseLong(c), Long::sum));
        var emoji = new HashMap<Integer, String>();
        readPairs(EMOJI).forEach((cp, word) -> emoji.put(Integer.parseInt(cp, 16), word));
        return new TextNormalizer(new WordList(counts), emoji, readPairs(SLANG));
    }

    /** Forgets the cached results (the benchmark's warm-up must not pre-fill the cache). */
    public void clearCache() {
        synchronized (cache) {
            cache.clear();
        }
        cacheHits.set(0);
    }

    /** How many calls were answered from the cache since it was last cleared. */
    public long cacheHits() {
        return cacheHits.get();
    }

    /** The feature extractor with the lexicon on the classpath, hashing into so many buckets. */
    public static SentimentFeatures features(int buckets) {
        return new SentimentFeatures(lexicon(), buckets);
    }

    /** The lexicon on the classpath: lower-case word to its prior polarity, -3 .. +3. */
    public static Map<String, Integer> lexicon() {
        var lexicon = new HashMap<String, Integer>();
        readPairs(LEXICON).forEach((w, p) -> lexicon.put(w, Integer.parseInt(p)));
        return lexicon;
    }

    public String modelVersion() {
        return model.version();
    }

    /** The aspects of the taxonomy the scorer tags (those an analyst may label). */
    public java.util.List<String> aspects() {
        return aspects.aspects();
    }

    /**
     * Scores a post whose language ingest detected: the model reads English only, so a post marked
     * as another language is kept neutral and uncertain rather than guessed at (a Spanish complaint
     * read as English comes out neutral or, worse, positive); {@code null} or {@code und} means the
     * post said too little to tell and is scored.
     */
    public ScoredText score(String text, String language) {
        if (!readsLanguage(language)) {
            return new ScoredText(
                    new Sentiment(SentimentLabel.NEUTRAL, 0, true, modelVersion()), List.of());
        }
        return score(text);
    }

    /** Whether the model reads posts in this ISO 639-1 language (or in an undetected one). */
    public static boolean readsLanguage(String language) {
        return language == null
                || language.isBlank()
                || language.equalsIgnoreCase("en")
                || language.equalsIgnoreCase("und");
    }

    public ScoredText score(String text) {
        var capped = cap(text);
        if (capped.length() > CACHE_MAX_CHARS) {
            return scoreUncached(capped);
        }
        synchronized (cache) {
            var cached = cache.get(capped);
            if (cached != null) {
                cacheHits.incrementAndGet();
                return cached;
            }
        }
        var result = scoreUncached(capped);
        synchronized (cache) {
            // Two callers may have scored the same text at once; keep the first so every later
            // caller gets one and the same result.
            var earlier = cache.putIfAbsent(capped, result);
            return earlier != null ? earlier : result;
        }
    }

    /**
     * Scores without the cache; what the evaluation and training use. The post is cut into
     * sentences, and sentences into clauses where they turn from one thing to another (the illness,
     * then the provider); a post with something to say about the provider and about something else,
     * or with praise and complaint about it, is scored through its units ({@link
     * ReviewAggregator}), any other post as one text.
     */
    ScoredText scoreUncached(String text) {
        var normalized = normalizer.normalize(text);
        var analysis = analyzer.analyze(normalized.text(), clauses::split, limits.parseBudget());
        // The one-text verdict reads whole sentences, as the combiner learned them; the clauses
        // serve the aggregation and the aspects.
        var whole = sentiment(features.of(analysis.sentences(), normalized.emphasis()));
        var units = analysis.units();
        return new ScoredText(aggregated(units, whole), aspectSentiments(units));
    }

    private Sentiment aggregated(List<AnalyzedSentence> units, Sentiment whole) {
        if (units.size() < 2) {
            return whole;
        }
        var tagged = new ArrayList<ReviewAggregator.Unit>(units.size());
        boolean provider = false;
        for (var unit : units) {
            var topic = topics.tag(unit.tokens()).topic();
            provider |= topic == ReviewTopics.Topic.PROVIDER;
            tagged.add(new ReviewAggregator.Unit(topic, unit.tokens().size(), null));
        }
        if (!provider) {
            return whole;
        }
        for (int u = 0; u < units.size(); u++) {
            var p = model.probabilities(features.of(List.of(units.get(u)), 0));
            var t = tagged.get(u);
            tagged.set(u, new ReviewAggregator.Unit(t.topic(), t.tokens(), p));
        }
        if (!aggregator.applies(tagged)) {
            return whole;
        }
        var verdict = aggregator.aggregate(tagged);
        if (verdict.mixed()) {
            // Praise and complaint about the provider in equal measure: a mixed review, neutral on
            // the whole; the aspects keep their own labels. Not uncertain: both sides were clear.
            double[] p = verdict.probabilities();
            return new Sentiment(SentimentLabel.NEUTRAL, p[2] - p[0], false, model.version());
        }
        return fromProbabilities(verdict.probabilities(), model.version());
    }

    /** Each aspect gets the verdict on the units (sentences or clauses) that name it. */
    private List<AspectSentiment> aspectSentiments(List<AnalyzedSentence> units) {
        var byAspect = new LinkedHashMap<String, List<AnalyzedSentence>>();
        for (var unit : units) {
            for (var aspect : aspects.tag(unit.tokens())) {
                byAspect.computeIfAbsent(aspect, a -> new ArrayList<>()).add(unit);
            }
        }
        var result = new ArrayList<AspectSentiment>();
        byAspect.forEach(
                (aspect, mentioning) -> {
                    var s = sentiment(features.of(mentioning, 0));
                    result.add(new AspectSentiment(aspect, s.label(), s.score()));
                });
        return result;
    }

    private Sentiment sentiment(SentimentFeatures.Vector features) {
        return fromProbabilities(model.probabilities(features), model.version());
    }

    /**
     * Label, score and uncertain flag from calibrated probabilities, with the model's uncertain
     * band (see {@link #fromProbabilities(double[], String, double)}).
     */
    Sentiment fromProbabilities(double[] p, String version) {
        return fromProbabilities(p, version, model.uncertainBelow());
    }

    /**
     * Label = the most probable class; score = P(positive) - P(negative); uncertain when the
     * calibrated top probability is below {@code uncertainBelow} (the model file's threshold,
     * chosen on the development split so that the verdicts below it are right at most half of the
     * time; see docs/sentiment-model.md).
     */
    static Sentiment fromProbabilities(double[] p, String version, double uncertainBelow) {
        int best = 0;
        for (int c = 1; c < 3; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        boolean uncertain = p[best] < uncertainBelow;
        double score = Math.max(-1, Math.min(1, p[2] - p[0]));
        return new Sentiment(SentimentLabel.values()[best], score, uncertain, version);
    }

    /**
     * Cuts a pathologically long post at a word boundary. The limit is a guard, far above real
     * reviews, which are scored whole; the parse budget bounds the work below it.
     */
    String cap(String text) {
        if (text.length() <= limits.maxChars()) {
            return text;
        }
        int cut = text.lastIndexOf(' ', limits.maxChars());
        return text.substring(0, cut > limits.maxChars() / 2 ? cut : limits.maxChars());
    }

    static InputStream resource(String name) {
        var in = SentimentScorer.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name);
        }
        return in;
    }

    private static Map<String, String> readPairs(String name) {
        var pairs = new LinkedHashMap<String, String>();
        try (var in = resource(name)) {
            for (var line :
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    pairs.put(line.substring(0, tab).trim(), line.substring(tab + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairs;
    }
}
