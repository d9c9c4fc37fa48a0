package org.caresignal.alert.domain.detection;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rules that make a single post critical at once, whatever the volume: threats of violence, bombs,
 * shootings, data breaches, ransomware, outbreaks and patient-safety claims. Text in, the first
 * matching rule out.
 *
 * <p>Each rule has a pattern that must match and an optional pattern that, when it also matches,
 * vetoes it (so "shooting for the stars" or "got my flu shot" stay calm). Patterns run on RE2/J, in
 * time linear in the post's length whatever an operator writes; constructs that need backtracking
 * (backreferences, lookaround, possessive quantifiers, atomic groups) are refused.
 */
public final class CriticalPostRules {

    /** A pattern RE2/J cannot run: what is wrong, and where (-1 when it cannot be told). */
    public static final class InvalidPatternException extends IllegalArgumentException {
        private final int position;
        private final String construct;

        InvalidPatternException(String message, String construct, int position) {
            super(message);
            this.construct = construct;
            this.position = position;
        }

        /** The 0-based index in the pattern where the construct starts, or -1. */
        public int position() {
            return position;
        }

        /** The text RE2/J stopped at. */
        public String construct() {
            return construct;
        }
    }

    /**
     * Compiles a case-insensitive pattern for RE2/J.
     *
     * @throws InvalidPatternException naming the construct, its position and why
     */
    public static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            var construct = e.getPattern() == null ? "" : e.getPattern();
            // RE2/J reports against the pattern with the case flag it prepended.
            if (construct.startsWith("(?i)") && !regex.startsWith("(?i)")) {
                construct = construct.substring(4);
            }
            int position = construct.isEmpty() ? -1 : regex.indexOf(construct);
            if (position < 0 && e.getDescription().contains("internal error")) {
                position = unmatchedClose(regex);
            }
            var why = why(construct, e.getDescription());
            return throwing(
                    new InvalidPatternException(
                            why
                                    + (position < 0 ? "" : " at position " + position)
                                    + (construct.isEmpty() || position < 0
                                            ? ""
                                            : ": `" + cut(construct) + "`"),
                            construct,
                            position));
        }
    }

    private static Pattern throwing(InvalidPatternException e) {
        throw e;
    }

    private static String why(String construct, String description) {
        if (construct.startsWith("(?=") || construct.startsWith("(?!")) {
            return "lookahead is not supported";
        }
        if (construct.startsWith("(?<=") || construct.startsWith("(?<!")) {
            return "lookbehind is not supported";
        }
        if (construct.startsWith("(?>")) {
            return "atomic groups are not supported";
        }
        if (construct.length() == 2
                && construct.charAt(0) == '\\'
                && Character.isDigit(construct.charAt(1))) {
            return "backreferences are not supported";
        }
        if (construct.length() == 2
                && construct.charAt(1) == '+'
                && "*+?}".indexOf(construct.charAt(0)) >= 0) {
            return "possessive quantifiers are not supported";
        }
        return description;
    }

    /** The index of the first {@code )} without its {@code (}, or -1. */
    private static int unmatchedClose(String regex) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return i;
            }
        }
        return -1;
    }

    private static String cut(String construct) {
        return construct.length() > 20 ? construct.substring(0, 20) + "…" : construct;
    }

    /**
     * One configurable rule; patterns are case-insensitive RE2 regular expressions. {@code brandId}
     * null: the rule applies to every brand; else only to that brand's posts. {@code overrides}:
     * the id of a global rule this brand rule takes the place of for its brand's posts (null:
     * none).
     */
    public record Rule(
            String id,
            String category,
            Pattern match,
            Pattern unless,
            String brandId,
            String overrides) {
        public Rule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(match, "match");
            if (overrides != null && brandId == null) {
                throw new IllegalArgumentException(
                        "only a brand's rule can override a global rule");
            }
        }

        /** A rule of one brand ({@code brandId} null: global) that overrides nothing. */
        public Rule(String id, String category, Pattern match, Pattern unless, String brandId) {
            this(id, category, match, unless, brandId, null);
        }

        /** A global rule. */
        public Rule(String id, String category, Pattern match, Pattern unless) {
            this(id, category, match, unless, null, null);
        }

        /**
         * A global rule.
         *
         * @throws InvalidPatternException when a pattern cannot run on RE2/J
         */
        public static Rule of(String id, String category, String match, String unless) {
            return of(id, category, match, unless, null);
        }

        /**
         * A rule of one brand ({@code brandId} null: global).
         *
         * @throws InvalidPatternException when a pattern cannot run on RE2/J
         */
        public static Rule of(
                String id, String category, String match, String unless, String brandId) {
            return of(id, category, match, unless, brandId, null);
        }

        /**
         * A rule of one brand that takes the place of the global rule {@code overrides} for that
         * brand's posts.
         *
         * @throws InvalidPatternException when a pattern cannot run on RE2/J
         */
        public static Rule of(
                String id,
                String category,
                String match,
                String unless,
                String brandId,
                String overrides) {
            return new Rule(
                    id,
                    category,
                    compile(match),
                    unless == null || unless.isBlank() ? null : compile(unless),
                    brandId,
                    overrides);
        }

        /** True when the rule applies to every brand. */
        public boolean global() {
            return brandId == null;
        }

        /** True when the rule applies to posts of {@code brand}. */
        public boolean appliesTo(String brand) {
            return brandId == null || brandId.equals(brand);
        }

        boolean matches(String text) {
            return match.matcher(text).find() && (unless == null || !unless.matcher(text).find());
        }
    }

    /** Which rule matched a post. */
    public record Match(String ruleId, String category) {}

    /**
     * A brand's switch-off of a global rule: a disabled brand rule that overrides the global rule
     * {@code ruleId} leaves that brand's posts without it (and without a replacement).
     */
    public record Override(String brandId, String ruleId) {
        public Override {
            Objects.requireNonNull(brandId, "brandId");
            Objects.requireNonNull(ruleId, "ruleId");
        }
    }

    private final List<Rule> rules;
    // Global rules a brand does without: those its rules (enabled or switched off) override.
    private final Set<Override> overridden;

    public CriticalPostRules(List<Rule> rules) {
        this(rules, List.of());
    }

    /**
     * {@code rules} that match, and {@code switchedOff}: global rules brands switched off with a
     * disabled overriding rule of their own (an enabled one overrides through its {@code
     * overrides}).
     */
    public CriticalPostRules(List<Rule> rules, Collection<Override> switchedOff) {
        this.rules = List.copyOf(rules);
        var all = new HashSet<Override>(switchedOff);
        for (var r : this.rules) {
            if (r.overrides() != null) {
                all.add(new Override(r.brandId(), r.overrides()));
            }
        }
        this.overridden = Set.copyOf(all);
    }

    /** The default rule set, documented in the module README. */
    public static CriticalPostRules defaults() {
        return new CriticalPostRules(
                List.of(
                        Rule.of(
                                "violence-threat",
                                "threat",
                                "\\b(i('| a)?m going to|i will|i'?ll|gonna|going to)\\s+"
                                        + "(kill|shoot|stab|hurt|attack|murder)\\b"
                                        + "|\\b(kill|shoot|stab) (every|all|the) (one|doctors?|nurses?|staff)",
                                null),
                        Rule.of(
                                "bomb",
                                "threat",
                                "\\b(bomb threat|bomb (in|at|inside)|pipe bomb|explosives?)\\b"
                                        + "|\\bplant(ed)? a bomb\\b",
                                "\\b(photo ?bomb|bath bomb|da bomb|bombed (my|the) (exam|test))\\b"),
                        Rule.of(
                                "shooting",
                                "threat",
                                "\\b(active shooter|shooting at|shots fired|gunman|"
                                        + "someone with a gun|man with a gun)\\b",
                                "\\b(shooting (for|star)|photo ?shoot|flu shot|booster shot)\\b"),
                        Rule.of(
                                "data-breach",
                                "breach",
                                "\\b(data breach|breach of (patient|medical) (data|records)|"
                                        + "(patient|medical) records? (were |was )?(leaked|stolen|exposed)|"
                                        + "records (leaked|exposed) online|hacked)\\b",
                                null),
                        Rule.of(
                                "ransomware",
                                "breach",
                                "\\b(ransomware|ransom (note|demand)|systems? (are |is )?encrypted|"
                                        + "cyber ?attack)\\b",
                                null),
                        Rule.of(
                                "outbreak",
                                "outbreak",
                                "\\b(outbreak|legionnaires|legionella|measles|c\\.? ?diff|mrsa|"
                                        + "superbug|infection spreading)\\b",
                                "\\b(no outbreak|outbreak (is )?over)\\b"),
                        Rule.of(
                                "patient-safety",
                                "patient-safety",
                                "\\b(wrong (leg|arm|side|patient|medication|dose|organ)|"
                                        + "left (a|an|the) \\w+ (inside|in) (me|him|her|my)|"
                                        + "(patient|mother|father|baby|dad|mom) died (after|because|waiting)|"
                                        + "overdosed by (a |the )?(nurse|doctor|staff)|"
                                        + "(nurse|doctor|staff) (abused|assaulted|hit)|"
                                        + "left to die|died in the waiting room)\\b",
                                null)));
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The first global rule matching {@code text}, if any (brand rules are left out). */
    public Optional<Match> match(String text) {
        return match(null, text);
    }

    /**
     * The first rule matching {@code text} among those that apply to {@code brandId} (the global
     * rules and the brand's own, in the set's order), if any.
     */
    public Optional<Match> match(String brandId, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var normalized = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        return rules.stream()
                .filter(r -> applies(r, brandId))
                .filter(r -> r.matches(normalized))
                .findFirst()
                .map(r -> new Match(r.id(), r.category()));
    }

    /**
     * The rules that apply to {@code brandId}: the global ones it does not override and its own, in
     * order.
     */
    public CriticalPostRules forBrand(String brandId) {
        return new CriticalPostRules(
                rules.stream().filter(r -> applies(r, brandId)).toList(),
                overridden.stream().filter(o -> o.brandId().equals(brandId)).toList());
    }

    /** The global rules a brand does without (replaced or switched off), as brand and rule id. */
    public Set<Override> overridden() {
        return overridden;
    }

    private boolean applies(Rule r, String brandId) {
        return r.appliesTo(brandId)
                && !(r.global()
                        && brandId != null
                        && overridden.contains(new Override(brandId, r.id())));
    }
}
