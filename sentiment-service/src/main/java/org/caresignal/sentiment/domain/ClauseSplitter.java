package org.caresignal.sentiment.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.caresignal.sentiment.domain.ReviewTopics.Tagged;
import org.caresignal.sentiment.domain.ReviewTopics.Topic;

/**
 * Cuts one sentence's tokens into the units the parser and the aggregation see: clauses where the
 * parts talk about different things ("the pain was unbearable, the nurses were angels": illness,
 * then the provider), and pieces of at most {@code maxTokens} tokens, cut at punctuation or a
 * conjunction where one is near, so that no part of a long sentence goes unparsed. A sentence whose
 * clauses share one topic stays whole (most short posts). Pure and thread-safe.
 */
public final class ClauseSplitter {

    /** A unit: tokens {@code from} (inclusive) to {@code to} (exclusive) of the sentence. */
    public record Span(int from, int to) {
        public int size() {
            return to - from;
        }
    }

    /** A clause ends after these. */
    static final Set<String> BREAKS = Set.of(",", ";", ":", "--", "-", "...", "…");

    /** A clause starts with these; they open a turn ("..., but the nurses were angels"). */
    static final Set<String> CONTRASTS =
            Set.of(
                    "but",
                    "however",
                    "although",
                    "though",
                    "whereas",
                    "yet",
                    "except",
                    "unfortunately",
                    "thankfully",
                    "luckily",
                    "fortunately");

    /** Where a piece of an overlong sentence may also be cut (never to tell topics apart). */
    private static final Set<String> JOINS =
            Set.of("and", "because", "so", "which", "when", "while", "then", "or", "after");

    private final Function<List<String>, Tagged> topicOf;
    private final int maxTokens;

    /**
     * @param topicOf what a clause is about (see {@link #sameThing})
     * @param maxTokens the most tokens of one unit (the parser's limit)
     */
    public ClauseSplitter(Function<List<String>, Tagged> topicOf, int maxTokens) {
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be at least 2");
        }
        this.topicOf = topicOf;
        this.maxTokens = maxTokens;
    }

    /** Cuts only where a sentence is longer than {@code maxTokens}. */
    public static ClauseSplitter piecesOnly(int maxTokens) {
        var nothing = new Tagged(Topic.OTHER, List.of());
        return new ClauseSplitter(tokens -> nothing, maxTokens);
    }

    /** The units of one sentence's lower-case tokens, in order, covering every token once. */
    public List<Span> split(List<String> tokens) {
        var result = new ArrayList<Span>();
        for (var clause : byTopic(tokens)) {
            chunk(tokens, clause, result);
        }
        return result;
    }

    private List<Span> byTopic(List<String> tokens) {
        var clauses = new ArrayList<Span>();
        int start = 0;
        for (int i = 1; i < tokens.size(); i++) {
            if (CONTRASTS.contains(tokens.get(i)) || BREAKS.contains(tokens.get(i - 1))) {
                clauses.add(new Span(start, i));
                start = i;
            }
        }
        if (start < tokens.size()) {
            clauses.add(new Span(start, tokens.size()));
        }
        if (clauses.size() < 2) {
            return clauses;
        }
        // Merge runs about one thing; a clause about nothing in particular joins the clause
        // before it (or, at the start, the one after), so "the nurses, all of them, were angels"
        // stays one unit.
        var merged = new ArrayList<Span>();
        var topics = new ArrayList<Tagged>();
        for (var clause : clauses) {
            var topic = topicOf.apply(tokens.subList(clause.from(), clause.to()));
            int last = merged.size() - 1;
            boolean turn = CONTRASTS.contains(tokens.get(clause.from()));
            if (last >= 0 && sameThing(topics.get(last), topic, turn)) {
                merged.set(last, new Span(merged.get(last).from(), clause.to()));
                topics.set(last, union(topics.get(last), topic));
            } else {
                merged.add(clause);
                topics.add(topic);
            }
        }
        return merged;
    }

    /**
     * Whether two neighbouring clauses talk about one thing: either says nothing in particular,
     * both are about the illness, or both about the provider without naming different aspects ("the
     * staff" goes with "the nurses"). Different aspects are told apart only at a turn ("the nurses
     * were wonderful, | but the parking was a nightmare"): a list of complaints ("we waited nine
     * hours, nobody told us anything, the doctor was rude") is one thought, and its clauses read
     * alone lose the tone they share.
     */
    static boolean sameThing(Tagged a, Tagged b, boolean turn) {
        if (a.topic() == Topic.OTHER || b.topic() == Topic.OTHER) {
            return true;
        }
        if (a.topic() != b.topic()) {
            return false;
        }
        if (!turn || a.topic() == Topic.ILLNESS || a.aspects().isEmpty() || b.aspects().isEmpty()) {
            return true;
        }
        return a.aspects().stream().anyMatch(b.aspects()::contains);
    }

    private static Tagged union(Tagged a, Tagged b) {
        if (a.topic() == Topic.OTHER) {
            return b;
        }
        if (b.topic() == Topic.OTHER) {
            return a;
        }
        var aspects = new LinkedHashSet<>(a.aspects());
        aspects.addAll(b.aspects());
        return new Tagged(a.topic(), List.copyOf(aspects));
    }

    private void chunk(List<String> tokens, Span clause, List<Span> out) {
        int start = clause.from();
        while (clause.to() - start > maxTokens) {
            int limit = start + maxTokens;
            int cut = -1;
            for (int i = limit; i > start + maxTokens / 4; i--) {
                if (BREAKS.contains(tokens.get(i - 1))
                        || CONTRASTS.contains(tokens.get(i))
                        || JOINS.contains(tokens.get(i))) {
                    cut = i;
                    break;
                }
            }
            if (cut < 0) {
                cut = limit;
            }
            out.add(new Span(start, cut));
            start = cut;
        }
        if (start < clause.to()) {
            out.add(new Span(start, clause.to()));
        }
    }
}
