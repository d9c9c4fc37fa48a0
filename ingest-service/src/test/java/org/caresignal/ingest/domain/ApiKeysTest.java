package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void keysAreRandomPrefixedAndCarryAtLeast32Bytes() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 200; i++) {
            var key = ApiKeys.generate();
            assertThat(key).startsWith("csk_").matches("csk_[A-Za-z0-9_-]{43}");
            assertThat(seen.add(key)).isTrue();
        }
    }

    @Test
    void onlyTheSameKeyMatchesItsHash() {
        var key = ApiKeys.generate();
        var hash = ApiKeys.hash(key);
        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}").doesNotContain(key.substring(4));
        assertThat(ApiKeys.matches(key, hash)).isTrue();
        assertThat(ApiKeys.matches(key + "x", hash)).isFalse();
        assertThat(ApiKeys.matches(ApiKeys.generate(), hash)).isFalse();
        assertThat(ApiKeys.matches(null, hash)).isFalse();
        assertThat(ApiKeys.matches(key, null)).isFalse();
    }

    @Test
    void theDisplayPrefixShowsTooLittleToGuessFrom() {
        var key = ApiKeys.generate();
        assertThat(ApiKeys.displayPrefix(key)).hasSize(8).startsWith("csk_");
        assertThat(ApiKeys.displayPrefix("0123456789abcdef0123456789abcdef")).isEqualTo("0123");
    }

    @Test
    void configuredKeysAreNameKeyPairsSeparatedByCommasOrLines() {
        var a = "a".repeat(32);
        var b = "b".repeat(40);
        assertThat(ApiKeys.parseConfigured("demo=" + a + ", crm-export = " + b + "\n"))
                .containsEntry("demo", a)
                .containsEntry("crm-export", b)
                .hasSize(2);
        assertThat(ApiKeys.parseConfigured("")).isEmpty();
        assertThat(ApiKeys.parseConfigured(null)).isEmpty();
    }

    @Test
    void badConfiguredKeysAreRefusedWithoutShowingTheKey() {
        var secret = "s3cr3t-but-short";
        assertThatThrownBy(() -> ApiKeys.parseConfigured("demo=" + secret))
                .hasMessageContaining("shorter than 32")
                .hasMessageNotContaining(secret);
        assertThatThrownBy(() -> ApiKeys.parseConfigured("x".repeat(40)))
                .hasMessageContaining("name=key")
                .hasMessageNotContaining("xxxx");
        assertThatThrownBy(() -> ApiKeys.parseConfigured("Demo App=" + "k".repeat(32)))
                .hasMessageContaining("slug");
        assertThatThrownBy(
                        () ->
                                ApiKeys.parseConfigured(
                                        "demo=" + "k".repeat(32) + ",demo=" + "j".repeat(32)))
                .hasMessageContaining("twice");
    }

    @Test
    void anIntegrationPushesOnlyForTheBrandsGrantedToIt() {
        var none = new Integration();
        assertThat(none.mayPushFor("riverside-health")).isFalse();
        none.grant(false, List.of());
        assertThat(none.mayPushFor("riverside-health")).isFalse();

        var scoped = new Integration();
        scoped.grant(false, List.of("riverside-health", "mercy-health", "riverside-health"));
        assertThat(scoped.allowedBrands()).containsExactly("mercy-health", "riverside-health");
        assertThat(scoped.mayPushFor("riverside-health")).isTrue();
        assertThat(scoped.mayPushFor("other-health")).isFalse();

        var every = new Integration();
        every.grant(true, List.of("ignored"));
        assertThat(every.allowedBrands()).isEmpty();
        assertThat(every.mayPushFor("other-health")).isTrue();
    }
}
