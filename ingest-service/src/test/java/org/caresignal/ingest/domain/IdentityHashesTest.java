package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdentityHashesTest {

    private final IdentityHashes hashes =
            new IdentityHashes("a test key of enough bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void aUrlIsTheSameWhateverTheCaseOfItsSchemeAndHostAndTheBlanksAround() {
        var url = "https://bsky.app/profile/Jane.bsky.social/post/3kXy";
        assertThat(hashes.url("  HTTPS://BSKY.App/profile/Jane.bsky.social/post/3kXy\n"))
                .isEqualTo(hashes.url(url))
                .hasSize(64)
                .doesNotContain("bsky");
        // The path is case-sensitive: another post.
        assertThat(hashes.url("https://bsky.app/profile/jane.bsky.social/post/3kxy"))
                .isNotEqualTo(hashes.url(url));
        assertThat(IdentityHashes.normalizeUrl(" HTTP://Example.ORG:8080/A?b=C#D "))
                .isEqualTo("http://example.org:8080/A?b=C#D");
        assertThat(IdentityHashes.normalizeUrl("not a url")).isEqualTo("not a url");
        assertThat(hashes.url(" ")).isNull();
    }

    @Test
    void theKindsAreSeparatedSoThatNoValueOfOneKindMatchesAnother() {
        assertThat(hashes.post("x", "123")).isNotEqualTo(hashes.post("x1", "23"));
        assertThat(hashes.author("a_123")).isNotEqualTo(hashes.url("a_123"));
        assertThat(hashes.post("url", "x")).isNotEqualTo(hashes.url("x"));
        assertThat(hashes.post("webhook", null)).isNull();
        assertThat(hashes.author(null)).isNull();
    }

    @Test
    void anotherKeyGivesAnotherHashAndAShortKeyIsRefused() {
        var other =
                new IdentityHashes("another key of enough bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(other.post("x", "1")).isNotEqualTo(hashes.post("x", "1"));
        assertThat(other.toString()).doesNotContain("another");
        assertThatThrownBy(() -> new IdentityHashes(new byte[8]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
