package org.caresignal.ingest.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal identifiers in a post's text with typed placeholders ({@code [PHONE]}, {@code
 * [EMAIL]}, ...) before the text is stored or published; returns the clean text and what it found.
 */
public final class Redactor {

    /** What a placeholder stands for; the placeholder is the name in brackets. */
    public enum Kind {
        EMAIL,
        DOB,
        MRN,
        SSN,
        ACCOUNT,
        PHONE,
        ADDRESS;

        public String placeholder() {
            return "[" + name() + "]";
        }
    }

    /** The redacted text and how many identifiers of each kind were replaced. */
    public record Result(String text, Map<Kind, Integer> counts) {
        public boolean changed() {
            return !counts.isEmpty();
        }
    }

    /** A pattern; when it has a group named {@code v} only that group is replaced (cue kept). */
    private record Rule(Kind kind, Pattern pattern) {}

    private static final String SEP = "\\s*(?:(?:is|was|no\\.?|number|num|#|:)\\s*){0,3}";
    private static final String MONTH =
            "(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
    private static final String DATE =
            "(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})"
                    + "|\\d{4}-\\d{2}-\\d{2}"
                    + "|"
                    + MONTH
                    + "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}"
                    + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?"
                    + MONTH
                    + ",?\\s+\\d{4})";
    // Digits inside a word, a hashtag, a handle, a path, an amount or a decimal are not
    // identifiers.
    private static final String NOT_AFTER = "(?<![\\w#@/$\u20ac\u00a3.,:+-])";
    private static final String NOT_BEFORE = "(?![\\w/-]|[.,]\\d)";

    private static final List<Rule> RULES =
            List.of(
                    new Rule(
                            Kind.EMAIL,
                            Pattern.compile(
                                    "(?<![@\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}")),
                    new Rule(
                            Kind.DOB,
                            Pattern.compile(
                                    "(?i:\\b(?:d\\.?o\\.?b\\.?|date\\s+of\\s+birth|birth\\s?date|born(?:\\s+on)?|birthday)(?![a-z]))"
                                            + "\\s*(?:is|was|:|-)?\\s*(?<v>"
                                            + DATE
                                            + ")")),
                    new Rule(
                            Kind.MRN,
                            Pattern.compile(
                                    "(?i:\\b(?:mrn|medical\\s+record(?:\\s+number)?|patient\\s+(?:id|number)|chart\\s+(?:number|no\\.?|#)|record\\s+(?:number|no\\.?|#)))"
                                            + SEP
                                            + "(?<v>[A-Za-z]{0,3}-?\\d[\\d-]{3,}\\d)")),
                    new Rule(
                            Kind.SSN,
                            Pattern.compile(NOT_AFTER + "\\d{3}-\\d{2}-\\d{4}" + NOT_BEFORE)),
                    new Rule(
                            Kind.ACCOUNT,
                            Pattern.compile(
                                    "(?i:\\b(?:account|acct|billing|invoice|policy|member\\s+(?:id|number)|claim|insurance\\s+id)(?:\\s+(?:number|no\\.?|#|id))?)"
                                            + SEP
                                            + "(?<v>[A-Za-z]{0,3}-?\\d[\\d -]{2,}\\d)")),
                    // Payment card numbers: 13 to 19 digits, optionally grouped.
                    new Rule(
                            Kind.ACCOUNT,
                            Pattern.compile(NOT_AFTER + "\\d(?:[ -]?\\d){12,18}" + NOT_BEFORE)),
                    new Rule(
                            Kind.PHONE,
                            Pattern.compile(
                                    NOT_AFTER
                                            + "(?:\\+\\d{1,3}[\\s.-]?\\(?\\d{1,4}\\)?(?:[\\s.-]?\\d{2,4}){2,4}"
                                            + "|(?:1[\\s.-])?(?:\\(\\d{3}\\)\\s?|\\d{3}[\\s.-])\\d{3}[\\s.-]\\d{4}"
                                            + "|1?\\d{10}"
                                            + "|\\d{3}[.-]\\d{4})"
                                            + NOT_BEFORE)),
                    new Rule(
                            Kind.ADDRESS,
                            Pattern.compile(
                                    "\\b\\d{1,6}\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Z][A-Za-z'.-]*\\s+){1,4}"
                                            + "(?i:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|parkway|pkwy|circle|cir|highway|hwy)\\b\\.?"
                                            + "(?:,?\\s+(?i:apt|apartment|suite|ste|unit)\\.?\\s*#?\\s*\\w+)?")));

    private Redactor() {}

    /** Redacts every identifier the rules know, left to right, rule by rule. */
    public static Result redact(String text) {
        var counts = new EnumMap<Kind, Integer>(Kind.class);
        var current = text;
        for (var rule : RULES) {
            current = apply(rule, current, counts);
        }
        return new Result(current, Map.copyOf(counts));
    }

    private static String apply(Rule rule, String text, Map<Kind, Integer> counts) {
        Matcher m = rule.pattern().matcher(text);
        if (!m.find()) {
            return text;
        }
        var out = new StringBuilder();
        int last = 0;
        boolean hasValue = rule.pattern().pattern().contains("(?<v>");
        do {
            int start = hasValue ? m.start("v") : m.start();
            int end = hasValue ? m.end("v") : m.end();
            out.append(text, last, start).append(rule.kind().placeholder());
            last = end;
            counts.merge(rule.kind(), 1, Integer::sum);
        } while (m.find());
        out.append(text, last, text.length());
        return out.toString();
    }
}
