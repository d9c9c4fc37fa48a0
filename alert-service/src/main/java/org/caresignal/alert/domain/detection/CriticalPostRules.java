package org.caresignal.alert.domain.detection;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules that make a single post critical at once, whatever the volume: threats of violence, bombs,
 * shootings, data breaches, ransomware, outbreaks and patient-safety claims. Text in, the first
 * matching rule out.
 *
 * <p>Each rule has a pattern that must match and an optional pattern that, when it also matches,
 * vetoes it (so "shooting for the stars" or "got my flu shot" stay calm).
 */
public final class CriticalPostRules {

    /** One configurable rule; patterns are case-insensitive regular expressions. */
    public record Rule(String id, String category, Pattern match, Pattern unless) {
        public Rule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(match, "match");
        }

        public static Rule of(String id, String category, String match, String unless) {
            int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            return new Rule(
                    id,
                    category,
                    Pattern.compile(match, flags),
                    unless == null || unless.isBlank() ? null : Pattern.compile(unless, flags));
        }

        boolean matches(String text) {
            return match.matcher(text).find() && (unless == null || !unless.matcher(text).find());
        }
    }

    /** Which rule matched a post. */
    public record Match(String ruleId, String category) {}

    private final List<Rule> rules;

    public CriticalPostRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
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

    /** The first rule matching {@code text}, if any. */
    public Optional<Match> match(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var normalized = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        return rules.stream()
                .filter(r -> r.matches(normalized))
                .findFirst()
                .map(r -> new Match(r.id(), r.category()));
    }
}
