package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {

    private static final byte[] KEY =
            "a-test-key-of-32-bytes-----------".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY =
            "another-test-key-of-32-bytes-----".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSameAuthorGetsTheSamePseudonymWhateverTheCaseOrLeadingAt() {
        var p = new Pseudonymizer(KEY);
        assertThat(p.pseudonym("mastodon", "@Alice@other.example"))
                .isEqualTo(p.pseudonym("mastodon", "alice@other.example"))
                .matches("a_[0-9a-f]{24}")
                .doesNotContainIgnoringCase("alice");
    }

    @Test
    void theKeyAndTheSourceChangeThePseudonym() {
        assertThat(new Pseudonymizer(KEY).pseudonym("mastodon", "alice"))
                .isNotEqualTo(new Pseudonymizer(OTHER_KEY).pseudonym("mastodon", "alice"))
                .isNotEqualTo(new Pseudonymizer(KEY).pseudonym("bluesky", "alice"));
    }

    @Test
    void refusesAShortKeyAndNeverPrintsIt() {
        assertThatThrownBy(() -> new Pseudonymizer(new byte[8]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Pseudonymizer(KEY).toString()).doesNotContain("a-test-key");
        assertThat(new Pseudonymizer(KEY).pseudonym("x", " ")).isNull();
    }
}
