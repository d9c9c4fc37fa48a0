package org.caresignal.sentiment.domain;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Runs CoreNLP's sentiment pipeline (shift-reduce parser, binarized trees) over normalized text:
 * text in, each sentence's tokens and five class probabilities out; built once (the models take
 * seconds to load) and safe to share between threads.
 */
public final class SentenceAnalyzer {

    /** One sentence: its tokens in lower case and P(very negative) .. P(very positive). */
    public record AnalyzedSentence(List<String> tokens, double[] probabilities) {}

    public static final String SR_PARSER = "edu/stanford/nlp/models/srparser/englishSR.ser.gz";
    public static final String PCFG_PARSER = "edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz";

    private final StanfordCoreNLP pipeline;

    /**
     * @param parserModel {@link #SR_PARSER} (production) or {@link #PCFG_PARSER}
     * @param parseMaxLength sentences with more tokens get a flat tree instead of a parse
     */
    public SentenceAnalyzer(String parserModel, int parseMaxLength) {
        var props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit,pos,parse,sentiment");
        props.setProperty(
                "pos.model",
                "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger");
        props.setProperty("parse.model", parserModel);
        props.setProperty("sentiment.model", "edu/stanford/nlp/models/sentiment/sentiment.ser.gz");
        props.setProperty("parse.binaryTrees", "true");
        props.setProperty("parse.maxlen", String.valueOf(parseMaxLength));
        props.setProperty("pos.maxlen", String.valueOf(4 * parseMaxLength));
        props.setProperty("tokenize.options", "untokenizable=noneDelete");
        this.pipeline = new StanfordCoreNLP(props);
    }

    public List<AnalyzedSentence> analyze(String text) {
        var document = new Annotation(text);
        pipeline.annotate(document);
        var sentences = document.get(CoreAnnotations.SentencesAnnotation.class);
        var result = new ArrayList<AnalyzedSentence>();
        if (sentences == null) {
            return result;
        }
        for (var sentence : sentences) {
            var tokens = new ArrayList<String>();
            for (CoreLabel token : sentence.get(CoreAnnotations.TokensAnnotation.class)) {
                tokens.add(token.word().toLowerCase(Locale.ROOT));
            }
            var tree = sentence.get(SentimentCoreAnnotations.SentimentAnnotatedTree.class);
            double[] probabilities = new double[5];
            if (tree != null) {
                var predictions = RNNCoreAnnotations.getPredictions(tree);
                for (int c = 0; c < 5; c++) {
                    probabilities[c] = predictions.get(c);
                }
            } else {
                probabilities[2] = 1;
            }
            result.add(new AnalyzedSentence(List.copyOf(tokens), probabilities));
        }
        return result;
    }
}
