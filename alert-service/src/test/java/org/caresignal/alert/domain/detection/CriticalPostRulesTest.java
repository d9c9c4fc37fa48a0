package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CriticalPostRulesTest {

    private final CriticalPostRules rules = CriticalPostRules.defaults();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "I'm going to shoot everyone in the Riverside ER tomorrow | violence-threat",
                "There is a bomb in the north wing, get out | bomb",
                "Active shooter at St Mary's, police everywhere | shooting",
                "Shots fired near the hospital entrance | shooting",
                "Heard there was a data breach, our medical records were leaked | data-breach",
                "Riverside is down with ransomware, ambulances diverted | ransomware",
                "Legionnaires outbreak traced to the hospital cooling tower | outbreak",
                "They operated on the wrong leg of my father | patient-safety",
                "My mom died waiting in the ER for 9 hours | patient-safety",
            })
    void criticalPostsMatchTheirRule(String text, String rule) {
        assertThat(rules.match(text)).map(CriticalPostRules.Match::ruleId).contains(rule);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Shooting for the stars with my new job at Riverside!",
                "Got my flu shot at the clinic today, super quick",
                "The nurses were the bomb, thank you so much",
                "Photo shoot at the new wing was fun",
                "Parking took forever and the billing is a mess",
                "The health department says there is no outbreak at the hospital",
                "",
            })
    void ordinaryPostsDoNotMatch(String text) {
        assertThat(rules.match(text)).isEmpty();
    }

    @Test
    void rulesAreConfigurable() {
        var custom =
                new CriticalPostRules(
                        List.of(
                                CriticalPostRules.Rule.of(
                                        "strike", "labour", "\\bstrike\\b", "lucky strike")));

        assertThat(custom.match("Nurses on strike from Monday")).isPresent();
        assertThat(custom.match("Lucky strike today")).isEmpty();
        assertThat(custom.match("Active shooter downtown")).isEmpty();
    }

    @Test
    void aBrandRuleMatchesThatBrandsPostsOnlyAndGlobalRulesMatchEveryBrand() {
        var rules =
                new CriticalPostRules(
                        List.of(
                                CriticalPostRules.Rule.of(
                                        "parking", "complaint", "parking extortion", null, "north"),
                                CriticalPostRules.Rule.of(
                                        "strike", "labour", "\\bstrike\\b", null)));
        var post = "Parking extortion and a strike";

        assertThat(rules.match("north", post))
                .map(CriticalPostRules.Match::ruleId)
                .contains("parking");
        assertThat(rules.match("south", post))
                .map(CriticalPostRules.Match::ruleId)
                .contains("strike");
        assertThat(rules.match("south", "parking extortion again")).isEmpty();
        // Without a brand only the global rules run.
        assertThat(rules.match("parking extortion again")).isEmpty();
        assertThat(rules.match(post)).map(CriticalPostRules.Match::ruleId).contains("strike");
        assertThat(rules.forBrand("south").rules())
                .extracting(CriticalPostRules.Rule::id)
                .containsExactly("strike");
        assertThat(rules.forBrand("north").rules())
                .extracting(CriticalPostRules.Rule::id)
                .containsExactly("parking", "strike");
        assertThat(rules.rules().get(0).global()).isFalse();
        assertThat(rules.rules().get(1).global()).isTrue();
    }

    @Test
    void aBrandRuleOverridesAGlobalRuleForThatBrandOnly() {
        var outbreak =
                CriticalPostRules.Rule.of("outbreak", "outbreak", "\\b(outbreak|measles)\\b", null);
        // An infectious-disease centre talks about measles every day: only a real outbreak pages.
        var own =
                CriticalPostRules.Rule.of(
                        "north-outbreak",
                        "outbreak",
                        "\\boutbreak (on|in) (the )?ward\\b",
                        null,
                        "north",
                        "outbreak");
        var rules = new CriticalPostRules(List.of(outbreak, own));

        assertThat(rules.match("north", "Our measles clinic is open on Saturdays")).isEmpty();
        assertThat(rules.match("north", "There is an outbreak on the ward"))
                .map(CriticalPostRules.Match::ruleId)
                .contains("north-outbreak");
        assertThat(rules.match("south", "Our measles clinic is open on Saturdays"))
                .map(CriticalPostRules.Match::ruleId)
                .contains("outbreak");
        assertThat(rules.forBrand("north").rules())
                .extracting(CriticalPostRules.Rule::id)
                .containsExactly("north-outbreak");
        assertThat(rules.forBrand("south").rules())
                .extracting(CriticalPostRules.Rule::id)
                .containsExactly("outbreak");
    }

    @Test
    void aSwitchedOffOverrideLeavesTheBrandWithoutTheGlobalRule() {
        var outbreak =
                CriticalPostRules.Rule.of("outbreak", "outbreak", "\\b(outbreak|measles)\\b", null);
        var strike = CriticalPostRules.Rule.of("strike", "labour", "\\bstrike\\b", null);
        var rules =
                new CriticalPostRules(
                        List.of(outbreak, strike),
                        List.of(new CriticalPostRules.Override("north", "outbreak")));

        assertThat(rules.match("north", "measles outbreak")).isEmpty();
        assertThat(rules.match("north", "nurses on strike"))
                .map(CriticalPostRules.Match::ruleId)
                .contains("strike");
        assertThat(rules.match("south", "measles outbreak"))
                .map(CriticalPostRules.Match::ruleId)
                .contains("outbreak");
        // Without a brand (the global set) the rule runs; a brand's view keeps its switch-off.
        assertThat(rules.match("measles outbreak")).isPresent();
        var north = rules.forBrand("north");
        assertThat(north.match("north", "measles outbreak")).isEmpty();
        assertThat(north.overridden())
                .containsExactly(new CriticalPostRules.Override("north", "outbreak"));
    }

    @Test
    void onlyABrandRuleCanOverride() {
        assertThatThrownBy(
                        () -> CriticalPostRules.Rule.of("x", "c", "boom", null, null, "outbreak"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only a brand's rule");
    }

    @Test
    void aCatastrophicPatternRunsInLinearTime() {
        // (a+)+$ backtracks exponentially in java.util.regex on "aaaa…b"; RE2/J does not.
        var evil =
                new CriticalPostRules(
                        List.of(CriticalPostRules.Rule.of("evil", "x", "(a+)+$", null)));
        var post = "a".repeat(20_000) + "b";
        long start = System.nanoTime();
        assertThat(evil.match(post)).isEmpty();
        assertThat(evil.match("a".repeat(20_000))).isPresent();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        // Backtracking would take longer than the age of the universe; linear takes milliseconds.
        assertThat(tookMs).isLessThan(2_000);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "strike(?=now) | lookahead is not supported at position 6: `(?=`",
                "strike(?!now) | lookahead is not supported at position 6: `(?!`",
                "(?<!no )strike | lookbehind is not supported at position 0",
                "x(?<=y)z | lookbehind is not supported at position 1",
                "(a)b\\1 | backreferences are not supported at position 4: `\\1`",
                "ab++c | possessive quantifiers are not supported at position 2: `++`",
                "a(?>bc)d | atomic groups are not supported at position 1: `(?>`",
                "(unclosed | missing closing ) at position 0: `(unclosed`",
                "ab)c | regexp/syntax: internal error at position 2",
            })
    void constructsRe2CannotRunAreRefusedWithTheirPosition(String pattern, String message) {
        assertThatThrownBy(() -> CriticalPostRules.Rule.of("r", "c", pattern, null))
                .isInstanceOf(CriticalPostRules.InvalidPatternException.class)
                .hasMessageStartingWith(message);
    }
}
