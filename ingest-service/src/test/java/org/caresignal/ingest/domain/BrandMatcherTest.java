package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.caresignal.ingest.domain.BrandMatcher.BrandMatch;
import org.caresignal.ingest.domain.BrandMatcher.BrandRule;
import org.caresignal.ingest.domain.BrandMatcher.FacilityRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class BrandMatcherTest {

    static final String MERCY_QUERY =
            "(\"Mercy General\" OR #MercyGeneral OR @MercyHealth) AND NOT \"Mercy Me\"";

    private final BrandMatcher matcher =
            new BrandMatcher(
                    List.of(
                            new BrandRule(
                                    "mercy-health",
                                    WatchQueryParser.parse(MERCY_QUERY),
                                    List.of(
                                            FacilityRule.of(
                                                    "mercy-general",
                                                    "Mercy General",
                                                    List.of("#MercyGeneral")),
                                            FacilityRule.of(
                                                    "mercy-general-north",
                                                    "Mercy General North",
                                                    List.of("@MercyNorth", "MGN Campus")))),
                            new BrandRule(
                                    "hopital-saint-eloi",
                                    WatchQueryParser.parse(
                                            "\"Hôpital Saint-Éloi\" OR #SaintEloi OR \"St. Mary's Hospital\""),
                                    List.of())));

    /** Text, then whether the Mercy query matches it. */
    static Stream<Arguments> mercyExamples() {
        return Stream.of(
                // case and punctuation
                arguments("MERCY GENERAL was packed tonight", true),
                arguments("mercy general, again!", true),
                arguments("Mercy-General's ER is slow", true),
                arguments("Mercy General\u2019s ER is slow", true),
                arguments("(Mercy General)", true),
                arguments("Mercy Generally speaking", false),
                arguments("Mercy, General Hospital is elsewhere", true),
                // phrases split across line breaks and runs of whitespace
                arguments("Thanks Mercy\nGeneral nurses", true),
                arguments("Thanks Mercy\r\n\t  General", true),
                arguments("Thanks Mercy\u2028General", true),
                // hashtags
                arguments("Long wait at #MercyGeneral", true),
                arguments("Long wait at #mercygeneral!", true),
                arguments("Long wait at #MercyGeneralER", false),
                arguments("Long wait at MercyGeneral", false),
                arguments("Long wait at #Mercy_General", true),
                // handles
                arguments("@MercyHealth please answer your phone", true),
                arguments("cc @mercyhealth@mastodon.social", true),
                arguments("cc @mercyhealth.bsky.social", true),
                arguments("cc @MercyHealthcare", false),
                arguments("write to press@mercyhealth.org", false),
                // exclusions
                arguments("Mercy me, Mercy General is slow", false),
                arguments("\"Mercy Me\" is a band; Mercy General is a hospital", false),
                // URLs are not words, hashtags or handles of the post
                arguments("see https://news.example/mercy-general-layoffs", false),
                arguments("see https://example.org/page#MercyGeneral", false),
                arguments("see https://mastodon.example/@MercyHealth", false),
                arguments("see www.mercy-general.example today", false),
                arguments("see https://news.example/x and Mercy General replied", true));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("mercyExamples")
    void matchesTheDocumentedExample(String text, boolean matches) {
        assertThat(matcher.match("mercy-health", text).isPresent()).isEqualTo(matches);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Merci à l'Hôpital Saint-Éloi",
                "merci a l hopital saint eloi",
                "HÔPITAL SAINT ÉLOI",
                "HO\u0302PITAL SAINT E\u0301LOI",
                "#SaintÉloi",
                "St Mary's Hospital",
                "St. Mary’s Hospital!",
                "ｓｔ ｍａｒｙ's ｈｏｓｐｉｔａｌ",
            })
    void foldsUnicodeAccentsApostrophesAndWidth(String text) {
        assertThat(matcher.match(text)).containsExactly(new BrandMatch("hopital-saint-eloi", null));
    }

    @Test
    void picksTheMostSpecificFacility() {
        assertThat(matcher.match("mercy-health", "ER at Mercy General North is full"))
                .contains(new BrandMatch("mercy-health", "mercy-general-north"));
        assertThat(matcher.match("mercy-health", "ER at Mercy General is full"))
                .contains(new BrandMatch("mercy-health", "mercy-general"));
        assertThat(matcher.match("mercy-health", "@MercyHealth the MGN campus parking is awful"))
                .contains(new BrandMatch("mercy-health", "mercy-general-north"));
        assertThat(matcher.match("mercy-health", "@MercyHealth hello"))
                .contains(new BrandMatch("mercy-health", null));
    }

    @Test
    void aPostCanBelongToSeveralBrandsOrNone() {
        assertThat(matcher.match("From Mercy General to Hôpital Saint-Éloi"))
                .containsExactly(
                        new BrandMatch("hopital-saint-eloi", null),
                        new BrandMatch("mercy-health", "mercy-general"));
        assertThat(matcher.match("nothing to see")).isEmpty();
        assertThat(matcher.match("unknown-brand", "Mercy General")).isEmpty();
    }

    @Test
    void aPostNamingTwoHealthSystemsBelongsToBothEachWithItsOwnFacility() {
        var twoSystems =
                new BrandMatcher(
                        List.of(
                                new BrandRule(
                                        "st-lukes",
                                        WatchQueryParser.parse("\"St. Luke's\" OR #StLukes"),
                                        List.of(
                                                FacilityRule.of(
                                                        "st-lukes-downtown",
                                                        "St. Luke's",
                                                        List.of()))),
                                new BrandRule(
                                        "mercy-health",
                                        WatchQueryParser.parse(MERCY_QUERY),
                                        List.of(
                                                FacilityRule.of(
                                                        "mercy-general",
                                                        "Mercy General",
                                                        List.of())))));

        assertThat(
                        twoSystems.match(
                                "Mercy General made us wait 6 hours, St. Luke's saw us in 20"
                                        + " minutes"))
                .containsExactly(
                        new BrandMatch("mercy-health", "mercy-general"),
                        new BrandMatch("st-lukes", "st-lukes-downtown"));
        assertThat(twoSystems.match("St. Luke's saw us in 20 minutes"))
                .containsExactly(new BrandMatch("st-lukes", "st-lukes-downtown"));
    }
}
