package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchKeysTest {

    @Test
    void oneQueryPerUtcMonthOfTheRangeWithEveryWordAsAPrefixAndTheFilters() {
        var queries =
                SearchKeys.query(
                        "north",
                        Instant.parse("2026-10-31T23:30:00Z"),
                        Instant.parse("2026-12-01T00:00:00Z"),
                        List.of("park", "again"),
                        "north-main",
                        "reddit",
                        "NEGATIVE");
        assertThat(queries)
                .containsExactly(
                        "'north 202610 park':* & 'north 202610 again':* & 'north label:NEGATIVE"
                                + " 202610' & 'north source:reddit 202610' & 'north"
                                + " facility:north-main 202610'",
                        "'north 202611 park':* & 'north 202611 again':* & 'north label:NEGATIVE"
                                + " 202611' & 'north source:reddit 202611' & 'north"
                                + " facility:north-main 202611'");
    }

    @Test
    void aRangeAcrossTheYearTakesEachMonthOnce() {
        var queries =
                SearchKeys.query(
                        "b",
                        Instant.parse("2025-12-15T00:00:00Z"),
                        Instant.parse("2026-02-01T00:00:01Z"),
                        List.of("x"),
                        null,
                        null,
                        null);
        assertThat(queries).containsExactly("'b 202512 x':*", "'b 202601 x':*", "'b 202602 x':*");
    }

    @Test
    void noQueryWithoutWordsOrWithAValueThatIsNoSlug() {
        var from = Instant.parse("2026-01-01T00:00:00Z");
        var to = Instant.parse("2026-01-02T00:00:00Z");
        assertThat(SearchKeys.query("b", from, to, List.of(), null, null, null)).isNull();
        assertThat(SearchKeys.query("b c", from, to, List.of("x"), null, null, null)).isNull();
        assertThat(SearchKeys.query("b", from, to, List.of("x"), null, "it's", null)).isNull();
        assertThat(SearchKeys.query(null, from, to, List.of("x"), null, null, null)).isNull();
        assertThat(SearchKeys.words(List.of("park", "again"))).isEqualTo("'park':* & 'again':*");
    }
}
