package org.caresignal.sentiment.domain;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.util.CoreMap;
import java.util.List;
import java.util.Properties;

/**
 * Scores English text with Stanford CoreNLP's stock sentiment pipeline (PCFG parser, raw text, the
 * mean sentence class): text in, {@link Sentiment} out; the baseline of the evaluation and
 * benchmark tools, built once and safe to share between threads.
 */
public final class StockSentimentScorer {

    public static final String MODEL_VERSION = "corenlp-4.5.10-stock";

    /** Mean sentence class (0 very negative .. 4 very positive) below which a post is negative. */
    static final double NEGATIVE_BELOW = 1.5;

    /** Mean sentence class above which a post is positive. */
    static final double POSITIVE_ABOVE = 2.5;

    private static final double NEUTRAL_CLASS = 2.0;

    private final StanfordCoreNLP pipeline;

    /**
     * Loads the pipeline.
     *
     * @param parseMaxLength sentences with more tokens than this get a flat parse instead of a PCFG
     *     one, because parsing time grows with the cube of the sentence length
     */
    public StockSentimentScorer(int parseMaxLength) {
        var props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit,pos,parse,sentiment");
        props.setProperty(
                "pos.model",
                "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger");
        props.setProperty("parse.model", "edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz");
        props.setProperty("sentiment.model", "edu/stanford/nlp/models/sentiment/sentiment.ser.gz");
        // The sentiment model reads binarized trees.
        props.setProperty("parse.binaryTrees", "true");
        props.setProperty("parse.maxlen", String.valueOf(parseMaxLength));
        // Emoji and other symbols the tokenizer does not know are dropped silently instead of
        // being logged.
        props.setProperty("tokenize.options", "untokenizable=noneDelete");
        this.pipeline = new StanfordCoreNLP(props);
    }

    /** Scores a post by averaging the sentiment class of its sentences. */
    public Sentiment score(String text) {
        var document = new Annotation(text);
        pipeline.annotate(document);
        List<CoreMap> sentences = document.get(CoreAnnotations.SentencesAnnotation.class);
        var classes =
                sentences == null
                        ? List.<Integer>of()
                        : sentences.stream()
                                .map(
                                        s ->
                                                RNNCoreAnnotations.getPredictedClass(
                                                        s.get(
                                                                SentimentCoreAnnotations
                                                                        .SentimentAnnotatedTree
                                                                        .class)))
                                .toList();
        return fromSentenceClasses(classes);
    }

    /**
     * The stock rule: mean class below 1.5 is negative, above 2.5 positive, otherwise neutral;
     * score = (mean - 2) / 2. A text without sentences is neutral.
     */
    static Sentiment fromSentenceClasses(List<Integer> classes) {
        double mean = classes.stream().mapToInt(Integer::intValue).average().orElse(NEUTRAL_CLASS);
        SentimentLabel label;
        if (mean < NEGATIVE_BELOW) {
            label = SentimentLabel.NEGATIVE;
        } else if (mean > POSITIVE_ABOVE) {
            label = SentimentLabel.POSITIVE;
        } else {
            label = SentimentLabel.NEUTRAL;
        }
        return new Sentiment(label, (mean - NEUTRAL_CLASS) / 2, false, MODEL_VERSION);
    }
}
