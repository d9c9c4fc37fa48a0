package org.caresignal.ingest.domain;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal identifiers in a post's text with typed placeholders ({@code [PHONE]}, {@code
 * [EMAIL]}, ..., and people's names, {@code [NAME]} and {@code [STAFF]}, found by {@link
 * NameRedactor}) before the text is stored or published; returns the clean text and what it found.
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
        ADDRESS,
        /** A private individual's name (a patient, a relative, a friend). */
        NAME,
        /** A staff member's name, introduced by a title or a role ("Nurse Kelly", "Dr. Patel"). */
        STAFF;

        public String placeholder() {
            return "[" + name() + "]";
        }
    }

    /**
     * The redacted text, how many identifiers of each kind were replaced, and the text with staff
     * names kept (every other identifier still replaced), for a brand that keeps them.
     */
    public record Result(String text, Map<Kind, Integer> counts, String textKeepingStaff) {
        public boolean changed() {
            return !counts.isEmpty();
        }

        /** The text to publish for a brand: staff names kept only when the brand says so. */
        public String text(boolean keepStaffNames) {
            return keepStaffNames ? textKeepingStaff : text;
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

    /** The cue-led rules and the fixed-shape numbers (SSN, card), before phone numbers. */
    private static final List<Rule> RULES =
            List.of(
                    new Rule(
                            Kind.DOB,
                            Pattern.compile(
                                    "(?i:\\b(?:d\\.?o\\.?b\\.?|date\\s+of\\s+birth|birth\\s?date|born(?:\\s+on)?|birthday)(?![a-z]))"
                                            // One optional cue word between two runs of space,
                                            // not "\s*(cue)?\s*": that tries every split of a
                                            // long run of spaces.
                                            + "\\s*(?:(?:is|was|:|-)\\s*)?(?<v>"
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
                            Pattern.compile(NOT_AFTER + "\\d(?:[ -]?\\d){12,18}" + NOT_BEFORE)));

    private static final Rule ADDRESS =
            new Rule(
                    Kind.ADDRESS,
                    Pattern.compile(
                            "\\b\\d{1,6}\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Z][A-Za-z'.-]*\\s+){1,4}"
                                    + "(?i:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|parkway|pkwy|circle|cir|highway|hwy)\\b\\.?"
                                    + "(?:,?\\s+(?i:apt|apartment|suite|ste|unit)\\.?\\s*#?\\s*\\w+)?"));

    private Redactor() {}

    /**
     * Phone numbers in the North American plan (the default region): any number of a possible
     * length, because fictional 555 numbers and 7-digit local numbers are only possible, not valid.
     */
    private static final String HOME_REGION = "US";

    /**
     * Other national formats found only when the number is valid there: a UK local-only length of 4
     * to 8 digits would otherwise take years, prices and room numbers. Numbers written with a
     * leading {@code +} are found in every region's pass.
     */
    private static final List<String> OTHER_REGIONS = List.of("GB", "IE", "AU", "NZ");

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** Redacts every identifier the rules know, left to right, rule by rule; names last. */
    public static Result redact(String text) {
        return redact(text, true);
    }

    /** The same, names only when asked: the benchmark times the name rules' cost with it. */
    static Result redact(String text, boolean names) {
        var counts = new EnumMap<Kind, Integer>(Kind.class);
        var current = emails(text, counts);
        for (var rule : RULES) {
            current = apply(rule, current, counts);
        }
        current = phones(current, counts);
        current = apply(ADDRESS, current, counts);
        // Names last, on what the patterns left: a placeholder is never taken for a name.
        var spans = names ? NameRedactor.find(current) : List.<NameRedactor.Span>of();
        if (spans.isEmpty()) {
            return new Result(current, Map.copyOf(counts), current);
        }
        var all = new StringBuilder(current.length());
        var keepingStaff = new StringBuilder(current.length());
        int last = 0;
        for (var span : spans) {
            var kind = span.type() == NameRedactor.Type.STAFF ? Kind.STAFF : Kind.NAME;
            all.append(current, last, span.start()).append(kind.placeholder());
            keepingStaff
                    .append(current, last, span.start())
                    .append(
                            kind == Kind.STAFF
                                    ? current.substring(span.start(), span.end())
                                    : kind.placeholder());
            counts.merge(kind, 1, Integer::sum);
            last = span.end();
        }
        all.append(current, last, current.length());
        keepingStaff.append(current, last, current.length());
        return new Result(all.toString(), Map.copyOf(counts), keepingStaff.toString());
    }

    /**
     * E-mail addresses, found from each '@' outwards: the local part ({@code A-Za-z0-9._%+-})
     * before it and dot-separated labels after it, ending in a label that starts with two letters.
     * A local part right after '@', a letter, a digit, '_', '.', '+' or '-' is not an address start
     * (so {@code @user@instance} handles stay). Neither part can contain '@', so every character is
     * looked at a bounded number of times: linear, unlike the regex this replaced.
     */
    private static String emails(String text, Map<Kind, Integer> counts) {
        int n = text.length();
        StringBuilder out = null;
        int last = 0;
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int runStart = at;
            while (runStart > 0 && isLocalChar(text.charAt(runStart - 1))) {
                runStart--;
            }
            int start = Math.max(runStart, last);
            // Right after a redacted address the placeholder is the boundary: "a@b.cd+e@f.gh"
            // must not leave "+e@f.gh" behind for a second pass to find.
            boolean afterPlaceholder = out != null && start == last;
            if (!afterPlaceholder
                    && start > 0
                    && start < at
                    && !mayPrecedeAddress(text.charAt(start - 1))) {
                // Inside the run only a '%' may precede an address ("_%a@b.org" holds a@b.org).
                int from = start;
                start = at;
                for (int i = from; i < at - 1; i++) {
                    if (text.charAt(i) == '%') {
                        start = i + 1;
                        break;
                    }
                }
            }
            if (start >= at) {
                continue;
            }
            int end = domainEnd(text, at + 1);
            if (end < 0) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(text, last, start).append(Kind.EMAIL.placeholder());
            counts.merge(Kind.EMAIL, 1, Integer::sum);
            last = end;
            at = end - 1;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, n).toString();
    }

    /**
     * Where an address's domain starting at {@code from} ends, or -1: labels of {@code A-Za-z0-9-}
     * joined by single dots; the address ends after the letters that start the last label (after
     * the first) that begins with at least two letters.
     */
    private static int domainEnd(String text, int from) {
        int n = text.length();
        int i = from;
        int labels = 0;
        int end = -1;
        while (i < n && isLabelChar(text.charAt(i))) {
            int labelStart = i;
            while (i < n && isLabelChar(text.charAt(i))) {
                i++;
            }
            labels++;
            if (labels >= 2) {
                int letters = labelStart;
                while (letters < i && isAsciiLetter(text.charAt(letters))) {
                    letters++;
                }
                if (letters - labelStart >= 2) {
                    end = letters;
                }
            }
            if (i + 1 < n && text.charAt(i) == '.' && isLabelChar(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        return end;
    }

    private static boolean isLocalChar(char c) {
        return isAsciiLetter(c)
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '%'
                || c == '+'
                || c == '-';
    }

    private static boolean mayPrecedeAddress(char c) {
        return !(isAsciiLetter(c)
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '@'
                || c == '.'
                || c == '+'
                || c == '-');
    }

    private static boolean isLabelChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * Phone numbers found by libphonenumber (a linear scan with bounded candidate patterns) in the
     * home region, leniency POSSIBLE, and the other regions, leniency VALID; overlapping finds
     * become one placeholder. A number glued to a word, a hashtag, a handle, a path, an amount or a
     * decimal is not a phone number.
     */
    private static String phones(String text, Map<Kind, Integer> counts) {
        var spans = new TreeMap<Integer, Integer>();
        find(text, HOME_REGION, PhoneNumberUtil.Leniency.POSSIBLE, spans);
        // Written nationally, numbers in those regions start with the trunk prefix 0 (without it,
        // a 10-digit number is already possible in the home region): no 0, no second look.
        if (text.indexOf('0') >= 0) {
            for (var region : OTHER_REGIONS) {
                find(text, region, PhoneNumberUtil.Leniency.VALID, spans);
            }
        }
        if (spans.isEmpty()) {
            return text;
        }
        var out = new StringBuilder(text.length());
        int last = 0;
        for (var span : spans.entrySet()) {
            if (span.getKey() < last) {
                last = Math.max(last, span.getValue());
                continue;
            }
            out.append(text, last, span.getKey()).append(Kind.PHONE.placeholder());
            counts.merge(Kind.PHONE, 1, Integer::sum);
            last = span.getValue();
        }
        return out.append(text, last, text.length()).toString();
    }

    private static void find(
            String text,
            String region,
            PhoneNumberUtil.Leniency leniency,
            TreeMap<Integer, Integer> spans) {
        for (var match : PHONES.findNumbers(text, region, leniency, Long.MAX_VALUE)) {
            int start = match.start();
            int end = match.end();
            if (standsAlone(text, start, end)) {
                spans.merge(start, end, Math::max);
            }
        }
    }

    private static boolean standsAlone(String text, int start, int end) {
        if (start > 0) {
            char before = text.charAt(start - 1);
            // An opening bracket already sets the number apart ("said:(415) 555-0100").
            boolean bracketed = text.charAt(start) == '(';
            if (isWordChar(before) || !bracketed && "#@/$\u20ac\u00a3.,:+-".indexOf(before) >= 0) {
                return false;
            }
        }
        if (end < text.length()) {
            char after = text.charAt(end);
            if (isWordChar(after) || after == '/' || after == '-') {
                return false;
            }
            if ((after == '.' || after == ',')
                    && end + 1 < text.length()
                    && Character.isDigit(text.charAt(end + 1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWordChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
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
