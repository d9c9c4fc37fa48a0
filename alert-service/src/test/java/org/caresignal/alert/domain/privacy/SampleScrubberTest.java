package org.caresignal.alert.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleScrubberTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void blanksOnlyTheChosenSamplesAndReportsWhichCarriedSomething() throws Exception {
        var doc =
                MAPPER.readTree(
                        """
                        {"summary": "s", "other": {"url": "keep"},
                         "samples": [
                          {"mentionId": "a", "url": "https://x.example/@a/1", "excerpt": "text a"},
                          {"mentionId": "b", "url": "https://x.example/@b/2", "excerpt": "text b"},
                          {"mentionId": "c", "url": null}]}
                        """);

        var result = SampleScrubber.scrub(doc, Set.of("a", "c"));

        assertThat(result.changed()).isTrue();
        assertThat(result.carried()).containsExactly("a");
        assertThat(doc.toString())
                .isEqualTo(
                        MAPPER.readTree(
                                        """
                                        {"summary": "s", "other": {"url": "keep"},
                                         "samples": [
                                          {"mentionId": "a", "url": null},
                                          {"mentionId": "b", "url": "https://x.example/@b/2",
                                           "excerpt": "text b"},
                                          {"mentionId": "c", "url": null}]}
                                        """)
                                .toString());
        // A second scrub finds nothing more: erasure is idempotent.
        var again = SampleScrubber.scrub(doc, Set.of("a", "c"));
        assertThat(again.changed()).isFalse();
        assertThat(again.carried()).isEmpty();
    }

    @Test
    void scrubAllBlanksEverySampleAndLeavesDocumentsWithoutSamplesAlone() throws Exception {
        var doc =
                MAPPER.readTree(
                        "{\"samples\": [{\"mentionId\": \"a\", \"url\": \"u\"}, {\"mentionId\":"
                                + " \"b\", \"excerpt\": \"e\"}]}");
        assertThat(SampleScrubber.scrubAll(doc).carried()).containsExactlyInAnyOrder("a", "b");
        assertThat(doc.toString())
                .isEqualTo(
                        "{\"samples\":[{\"mentionId\":\"a\",\"url\":null},{\"mentionId\":\"b\"}]}");

        var confirmation = MAPPER.readTree("{\"erasureId\": \"x\", \"deliveries\": []}");
        assertThat(SampleScrubber.scrubAll(confirmation).changed()).isFalse();
    }
}
