package org.caresignal.sentiment.domain;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.util.ArrayCoreMap;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * Runs CoreNLP's sentiment pipeline (shift-reduce parser, binarized trees) over normalized text:
 * text in, its units (sentences, or the clauses and pieces a splitter cuts them into) with their
 * tokens and five class probabilities out; built once (the models take seconds to load) and safe to
 * share between threads.
 */
public final class SentenceAnalyzer {

    /** One sentence: its tokens in lower case and P(very negative) .. P(very positive). */
    public record AnalyzedSentence(List<String> tokens, double[] probabilities) {}

    /**
     * A text read two ways: its units (the splitter's clauses) and its sentences (cut only where
     * longer than the parser's limit), in order; a sentence the splitter left whole is the same
     * analysis in both. {@code unparsed} counts the analyses left unparsed because the post's parse
     * budget was spent (they count through their words only).
     */
    public record Analysis(
            List<AnalyzedSentence> units, List<AnalyzedSentence> sentences, int unparsed) {}

    public static final String SR_PARSER = "edu/stanford/nlp/models/srparser/englishSR.ser.gz";
    public static final String PCFG_PARSER = "edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz";

    /** What an unparsed unit says on its own: nothing (its words still count in the features). */
    private static final double[] UNPARSED = {0, 0, 1, 0, 0};

    private final StanfordCoreNLP splitter;
    private final StanfordCoreNLP parser;
    private final ClauseSplitter pieces;

    /**
     * @param parserModel {@link #SR_PARSER} (production) or {@link #PCFG_PARSER}
     * @param parseMaxLength the most tokens the parser is given at once; longer sentences are cut
     *     into pieces of at most this many tokens (at punctuation or a conjunction where possible)
     */
    public SentenceAnalyzer(String parserModel, int parseMaxLength) {
        var split = new Properties();
        split.setProperty("annotators", "tokenize,ssplit");
        split.setProperty("tokenize.options", "untokenizable=noneDelete");
        this.splitter = new StanfordCoreNLP(split);
        var props = new Properties();
        props.setProperty("annotators", "pos,parse,sentiment");
        // The sentences come from the splitter above, already cut to the parser's limit.
        props.setProperty("enforceRequirements", "false");
        props.setProperty(
                "pos.model",
                "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger");
        props.setProperty("parse.model", parserModel);
        props.setProperty("sentiment.model", "edu/stanford/nlp/models/sentiment/sentiment.ser.gz");
        props.setProperty("parse.binaryTrees", "true");
        // Only the binarized tree is read; dependency graphs would cost time for nothing.
        props.setProperty("parse.buildgraphs", "false");
        props.setProperty("parse.maxlen", String.valueOf(parseMaxLength));
        props.setProperty("pos.maxlen", String.valueOf(4 * parseMaxLength));
        this.parser = new StanfordCoreNLP(props);
        this.pieces = ClauseSplitter.piecesOnly(parseMaxLength);
    }

    /** Each sentence, cut only where it is longer than the parser's limit; no parse budget. */
    public List<AnalyzedSentence> analyze(String text) {
        return analyze(text, pieces::split, Integer.MAX_VALUE).sentences();
    }

    /**
     * @param units cuts one sentence's lower-case tokens into units of at most the parser's limit
     * @param parseBudget the most tokens parsed for this text; what comes past it (in text order)
     *     is left unparsed. Repeated units are parsed once, so a pasted paragraph costs nothing
     *     more, and a sentence the splitter leaves whole is parsed once for both readings.
     */
    public Analysis analyze(
            String text, Function<List<String>, List<ClauseSplitter.Span>> units, int parseBudget) {
        var document = new Annotation(text);
        splitter.annotate(document);
        var sentences = document.get(CoreAnnotations.SentencesAnnotation.class);
        if (sentences == null || sentences.isEmpty()) {
            return new Analysis(List.of(), List.of(), 0);
        }
        var unitWords = new ArrayList<List<String>>();
        var sentenceWords = new ArrayList<List<String>>();
        // Distinct token runs within the budget, in text order, parsed as one document.
        var parsedAt = new HashMap<List<String>, Integer>();
        var toParse = new ArrayList<CoreMap>();
        var allTokens = new ArrayList<CoreLabel>();
        int spent = 0;
        for (var sentence : sentences) {
            var tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            var lower = new ArrayList<String>(tokens.size());
            for (CoreLabel token : tokens) {
                lower.add(token.word().toLowerCase(Locale.ROOT));
            }
            var clauses = units.apply(lower);
            var whole = pieces.split(lower);
            for (var readings : List.of(clauses, whole)) {
                for (var span : readings) {
                    var key = List.copyOf(lower.subList(span.from(), span.to()));
                    (readings == clauses ? unitWords : sentenceWords).add(key);
                    if (parsedAt.containsKey(key) || spent + key.size() > parseBudget) {
                        continue;
                    }
                    spent += key.size();
                    parsedAt.put(key, toParse.size());
                    toParse.add(
                            sentenceOf(
                                    tokens.subList(span.from(), span.to()),
                                    toParse.size(),
                                    allTokens));
                }
            }
        }
        if (!toParse.isEmpty()) {
            var parseDocument = new Annotation(text);
            parseDocument.set(CoreAnnotations.TokensAnnotation.class, allTokens);
            parseDocument.set(CoreAnnotations.SentencesAnnotation.class, toParse);
            parser.annotate(parseDocument);
        }
        var analyses = new HashMap<List<String>, AnalyzedSentence>();
        int[] unparsed = {0};
        java.util.function.Function<List<String>, AnalyzedSentence> analysed =
                key ->
                        analyses.computeIfAbsent(
                                key,
                                k -> {
                                    var index = parsedAt.get(k);
                                    if (index == null) {
                                        unparsed[0]++;
                                        return new AnalyzedSentence(k, UNPARSED.clone());
                                    }
                                    return new AnalyzedSentence(
                                            k, probabilities(toParse.get(index)));
                                });
        var unitResult = unitWords.stream().map(analysed).toList();
        var sentenceResult = sentenceWords.stream().map(analysed).toList();
        return new Analysis(unitResult, sentenceResult, unparsed[0]);
    }

    /** A sentence of its own for the parser, over copies of the unit's tokens numbered from 1. */
    private static CoreMap sentenceOf(List<CoreLabel> tokens, int index, List<CoreLabel> all) {
        var copies = new ArrayList<CoreLabel>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            var copy = new CoreLabel(tokens.get(i));
            copy.setIndex(i + 1);
            copy.setSentIndex(index);
            copies.add(copy);
        }
        var sentence = new ArrayCoreMap();
        sentence.set(CoreAnnotations.TokensAnnotation.class, copies);
        sentence.set(CoreAnnotations.SentenceIndexAnnotation.class, index);
        sentence.set(
                CoreAnnotations.CharacterOffsetBeginAnnotation.class,
                copies.get(0).beginPosition());
        sentence.set(
                CoreAnnotations.CharacterOffsetEndAnnotation.class,
                copies.get(copies.size() - 1).endPosition());
        sentence.set(CoreAnnotations.TokenBeginAnnotation.class, all.size());
        all.addAll(copies);
        sentence.set(CoreAnnotations.TokenEndAnnotation.class, all.size());
        return sentence;
    }

    private static double[] probabilities(CoreMap sentence) {
        var tree = sentence.get(SentimentCoreAnnotations.SentimentAnnotatedTree.class);
        if (tree == null) {
            return UNPARSED.clone();
        }
        var predictions = RNNCoreAnnotations.getPredictions(tree);
        double[] probabilities = new double[5];
        for (int c = 0; c < 5; c++) {
            probabilities[c] = predictions.get(c);
        }
        return probabilities;
    }
}
