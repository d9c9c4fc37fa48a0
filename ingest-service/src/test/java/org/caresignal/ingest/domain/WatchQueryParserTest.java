package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatchQueryParserTest {

    @Test
    void parsesTheDocumentedExampleWithPrecedenceAndImplicitAnd() {
        var query =
                WatchQueryParser.parse(
                        "(\"Mercy General\" OR #MercyGeneral OR @MercyHealth) AND NOT \"Mercy Me\"");
        assertThat(query.render())
                .isEqualTo(
                        "(((\"Mercy General\" OR #MercyGeneral) OR @MercyHealth) AND NOT \"Mercy Me\")");
        assertThat(WatchQueryParser.parse("a b OR c").render()).isEqualTo("((a AND b) OR c)");
        assertThat(WatchQueryParser.parse("NOT NOT a").render()).isEqualTo("NOT NOT a");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|the query is empty|1",
                "'   '|the query is empty|1",
                "Mercy AND|expected a term, a \"phrase\", a #hashtag, an @handle or '(' but found the end of the query|10",
                "OR Mercy|expected a term, a \"phrase\", a #hashtag, an @handle or '(' but found 'OR'|1",
                "(\"Mercy General\" OR #Mercy|expected ')' to close the '(' at position 1 but found the end of the query|27",
                "Mercy)|unexpected ')'|6",
                "\"Mercy General|the phrase opened here has no closing '\"'|1",
                "Mercy AND \"\"|the phrase has no letters or digits|11",
                "Mercy OR #|a hashtag is '#' followed by letters, digits or '_'|10",
                "Mercy OR #Mercy-General|a hashtag is '#' followed by letters, digits or '_'|10",
                "Mercy OR @|a handle is '@' followed by letters, digits, '_', '.', '-' or '@'|10",
                "Mercy AND ()|expected a term, a \"phrase\", a #hashtag, an @handle or '(' but found ')'|12",
                "Mercy & General|the term '&' has no letters or digits|7",
                "NOT Mercy|the query matches posts that contain none of its terms; add a term that is not negated|1",
            })
    void aSyntaxErrorNamesWhatAndWhere(String query, String problem, int position) {
        assertThatThrownBy(() -> WatchQueryParser.parse(query))
                .isInstanceOfSatisfying(
                        WatchQuerySyntaxException.class,
                        e -> {
                            assertThat(e.problem()).isEqualTo(problem);
                            assertThat(e.position()).isEqualTo(position);
                            assertThat(e.getMessage()).endsWith("at position " + position);
                        });
    }

    @Test
    void refusesAnOverlongQuery() {
        assertThatThrownBy(() -> WatchQueryParser.parse("a ".repeat(1001)))
                .isInstanceOf(WatchQuerySyntaxException.class)
                .hasMessageContaining("longer than 2000");
    }

    @Test
    void lowerCaseOperatorsAreOrdinaryWords() {
        var query = WatchQueryParser.parse("mercy and me");
        assertThat(query.matches(PostText.of("Mercy and me went out"))).isTrue();
        assertThat(query.matches(PostText.of("Mercy went out"))).isFalse();
    }

    @Test
    void typographicQuotesDelimitPhrases() {
        var query = WatchQueryParser.parse("\u201cMercy General\u201d");
        assertThat(query.matches(PostText.of("at mercy general today"))).isTrue();
    }
}
