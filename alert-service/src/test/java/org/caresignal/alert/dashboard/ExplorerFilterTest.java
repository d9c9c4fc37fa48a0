package org.caresignal.alert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplorerFilterTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Test
    void aRangeTypedWithoutOffsetIsReadInTheChosenZoneOrTheBrands() {
        var parsed =
                ExplorerFilter.parse(
                        Map.of(
                                "brand", "riverside-health",
                                "from", "2026-12-01T08:00",
                                "to", "2026-12-02T08:00",
                                "label", "negative",
                                "uncertain", "on",
                                "sort", "amplification",
                                "q", "  er wait "),
                        CHICAGO);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.from()).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
        assertThat(parsed.to()).isEqualTo(Instant.parse("2026-12-02T14:00:00Z"));
        assertThat(parsed.searchParameters())
                .containsEntry("brand", "riverside-health")
                .containsEntry("q", "er wait")
                .containsEntry("label", "negative")
                .containsEntry("from", "2026-12-01T14:00:00Z")
                .containsEntry("uncertain", "true")
                .containsEntry("sort", "amplification")
                .doesNotContainKey("facility");

        var utc =
                ExplorerFilter.parse(
                        Map.of("brand", "b", "from", "2026-12-01T08:00", "zone", "UTC"), CHICAGO);
        assertThat(utc.from()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        var offset = ExplorerFilter.parse(Map.of("from", "2026-12-01T08:00:00+01:00"), CHICAGO);
        assertThat(offset.from()).isEqualTo(Instant.parse("2026-12-01T07:00:00Z"));
    }

    @Test
    void badValuesAreNamedInWordsAndDropped() {
        var raw = new HashMap<String, String>();
        raw.put("brand", "Not A Slug");
        raw.put("label", "angry");
        raw.put("zone", "Mars/Olympus");
        raw.put("from", "yesterday");
        raw.put("sort", "random");
        raw.put("cursor", "<script>");
        raw.put("language", "english!");
        var parsed = ExplorerFilter.parse(raw, CHICAGO);
        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.errors())
                .contains(
                        "Brand must be a slug of lower-case letters, digits and dashes.",
                        "Label must be negative, neutral or positive.",
                        "Time zone must be a zone name such as America/Chicago or UTC.",
                        "From must be a date and time such as 2026-12-01T08:00.",
                        "Sort must be by time or by amplification.",
                        "That page link is not valid any more; start the search again.",
                        "Language must be a language code such as en or es.");
        assertThat(parsed.filter().brand()).isEmpty();
        assertThat(parsed.filter().cursor()).isEmpty();
        assertThat(parsed.filter().sort()).isEqualTo("time");

        var backwards =
                ExplorerFilter.parse(
                        Map.of("from", "2026-12-02T08:00", "to", "2026-12-01T08:00"), CHICAGO);
        assertThat(backwards.errors()).containsExactly("From must be before To.");
    }

    @Test
    void theQueryStringRoundTripsAndLeavesTheCursorOutOfExportsAndForms() {
        var parsed =
                ExplorerFilter.parse(
                        Map.of(
                                "brand", "riverside-health",
                                "q", "wait & see",
                                "facility", "riverside-north",
                                "cursor", "abc123"),
                        CHICAGO);
        var query = parsed.filter().query(true);
        assertThat(query)
                .isEqualTo(
                        "brand=riverside-health&q=wait+%26+see&facility=riverside-north&cursor=abc123");
        assertThat(parsed.filter().query(false)).doesNotContain("cursor");
        var again = ExplorerFilter.parse(ExplorerFilter.queryValues(query), CHICAGO);
        assertThat(again.filter()).isEqualTo(parsed.filter());
        assertThat(ExplorerFilter.queryValues("a=%zz&b=1")).containsOnlyKeys("b");
        assertThat(parsed.filter().withBrand("other").facility()).isEmpty();
    }
}
