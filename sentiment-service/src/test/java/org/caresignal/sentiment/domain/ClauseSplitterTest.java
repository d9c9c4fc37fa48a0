package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.caresignal.sentiment.domain.ClauseSplitter.Span;
import org.caresignal.sentiment.domain.ReviewTopics.Topic;
import org.junit.jupiter.api.Test;

class ClauseSplitterTest {

    private static final ReviewTopics TOPICS =
            ReviewTopics.load(AspectTagger.read(SentimentScorer.resource(SentimentScorer.ASPECTS)));

    private final ClauseSplitter splitter = new ClauseSplitter(TOPICS::tag, 50);

    private static List<String> tokens(String text) {
        return Arrays.asList(text.split(" "));
    }

    private static List<String> parts(List<String> tokens, List<Span> spans) {
        var parts = new ArrayList<String>();
        for (var span : spans) {
            parts.add(String.join(" ", tokens.subList(span.from(), span.to())));
        }
        return parts;
    }

    @Test
    void topicsOfTheTermLists() {
        assertThat(TOPICS.tag(tokens("the pain was unbearable")).topic()).isEqualTo(Topic.ILLNESS);
        assertThat(TOPICS.tag(tokens("the nurses were angels")).topic()).isEqualTo(Topic.PROVIDER);
        assertThat(TOPICS.tag(tokens("the nurses were angels")).aspects())
                .containsExactly("nursing-care");
        assertThat(TOPICS.tag(tokens("the staff were lovely")).topic()).isEqualTo(Topic.PROVIDER);
        assertThat(TOPICS.tag(tokens("the nurse ignored my pain")).topic())
                .as("the provider wins")
                .isEqualTo(Topic.PROVIDER);
        assertThat(TOPICS.tag(tokens("it was a long day")).topic()).isEqualTo(Topic.OTHER);
    }

    @Test
    void aSentenceThatTurnsFromTheIllnessToTheProviderIsTwoClauses() {
        var tokens = tokens("the pain was unbearable , the nurses were angels");

        assertThat(parts(tokens, splitter.split(tokens)))
                .containsExactly("the pain was unbearable ,", "the nurses were angels");
    }

    @Test
    void contrastWordsOpenTheNextClause() {
        var tokens = tokens("the nurses were wonderful but the parking was a nightmare");

        assertThat(parts(tokens, splitter.split(tokens)))
                .containsExactly("the nurses were wonderful", "but the parking was a nightmare");
    }

    @Test
    void clausesAboutOneThingStayTogether() {
        for (var text :
                List.of(
                        "the staff , especially the nurses , were lovely",
                        "i was tired , hungry and cold , but happy",
                        "lol , that is so true",
                        "the nurses were kind , the nurse manager too",
                        "we waited nine hours , nobody told us anything , the doctor was rude")) {
            var tokens = tokens(text);
            assertThat(splitter.split(tokens)).as(text).containsExactly(new Span(0, tokens.size()));
        }
    }

    @Test
    void aSentenceLongerThanTheParserTakesIsCutIntoPiecesThatCoverIt() {
        var text =
                ("we waited in the corridor for hours and nobody came to see us because the ward"
                                + " was full ")
                        .repeat(8);
        var tokens = tokens(text.strip());

        var spans = splitter.split(tokens);

        assertThat(tokens).hasSizeGreaterThan(100);
        assertThat(spans)
                .hasSizeGreaterThan(2)
                .allSatisfy(s -> assertThat(s.size()).isBetween(1, 50));
        assertThat(spans.get(0).from()).isZero();
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i).from()).isEqualTo(spans.get(i - 1).to());
        }
        assertThat(spans.get(spans.size() - 1).to()).isEqualTo(tokens.size());
        assertThat(tokens.get(spans.get(1).from()))
                .as("cut at a conjunction where one is near")
                .isIn("and", "because", "so", "when", "while");
    }

    @Test
    void aRunWithoutAnyBreakIsCutAtTheLimit() {
        var tokens = tokens("word ".repeat(120).strip());

        assertThat(ClauseSplitter.piecesOnly(50).split(tokens))
                .containsExactly(new Span(0, 50), new Span(50, 100), new Span(100, 120));
    }
}
