package org.caresignal.alert.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptsTest {

    @Test
    void collapsesWhitespaceAndCutsAt140Characters() {
        assertThat(Excerpts.of("  Waited\n\n6 hours\t in the\u00a0ER  "))
                .isEqualTo("Waited 6 hours in the ER");
        var long_ = "word ".repeat(100);
        assertThat(Excerpts.of(long_)).hasSize(140).startsWith("word word");
        assertThat(Excerpts.of(null)).isNull();
        assertThat(Excerpts.of(" \n ")).isNull();
    }

    @Test
    void neverSplitsASurrogatePair() {
        var text = "a".repeat(139) + "😡 more";
        var excerpt = Excerpts.of(text);
        assertThat(excerpt).hasSize(139);
        assertThat(Character.isHighSurrogate(excerpt.charAt(excerpt.length() - 1))).isFalse();
    }
}
