package org.caresignal.alert.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caresignal.alert.domain.detection.CriticalPostRules;
import org.junit.jupiter.api.Test;

class CriticalPostReplayTest {

    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    private static final CriticalPostRules RULES =
            new CriticalPostRules(
                    List.of(
                            CriticalPostRules.Rule.of(
                                    "data-breach", "breach", "\\bhacked\\b", null),
                            CriticalPostRules.Rule.of(
                                    "parking", "complaint", "parking extortion", null, "north")));

    private static CriticalPostReplay.Post post(
            String id, int minute, String brand, String text, String removed) {
        return new CriticalPostReplay.Post(
                id, T.plusSeconds(60L * minute), brand, null, text, removed);
    }

    @Test
    void postsWithTextAreMatchedUnderTheirBrandsRulesAndPostsWithoutAreCountedByReason() {
        var replay = new CriticalPostReplay(RULES, 10);

        assertThat(replay.accept(post("a", 0, "north", "We got hacked", null)))
                .map(CriticalPostReplay.Hit::ruleId)
                .contains("data-breach");
        assertThat(replay.accept(post("b", 1, "north", "Parking extortion!", null)))
                .map(CriticalPostReplay.Hit::ruleId)
                .contains("parking");
        assertThat(replay.accept(post("c", 2, "south", "Parking extortion!", null))).isEmpty();
        assertThat(replay.accept(post("d", 3, "north", null, "PURGED"))).isEmpty();
        assertThat(replay.accept(post("e", 4, "north", null, "ERASED"))).isEmpty();
        assertThat(replay.accept(post("f", 5, "north", null, "PURGED"))).isEmpty();
        // Text gone and no reason given: not guessed either.
        assertThat(replay.accept(post("g", 6, "north", null, null))).isEmpty();
        // An empty text is a text: replayed, and matches nothing.
        assertThat(replay.accept(post("h", 7, "north", "", null))).isEmpty();

        var r = replay.result();
        assertThat(r.posts()).isEqualTo(8);
        assertThat(r.replayed()).isEqualTo(4);
        assertThat(r.notReplayable()).isEqualTo(4);
        assertThat(r.notReplayableReasons())
                .containsExactlyEntriesOf(
                        new java.util.TreeMap<>(Map.of("ERASED", 1L, "NO_TEXT", 1L, "PURGED", 2L)));
        assertThat(r.matched()).isEqualTo(2);
        assertThat(r.matchesByRule()).isEqualTo(Map.of("data-breach", 1L, "parking", 1L));
        assertThat(r.hits())
                .extracting(CriticalPostReplay.Hit::mentionId, CriticalPostReplay.Hit::ruleId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", "data-breach"),
                        org.assertj.core.groups.Tuple.tuple("b", "parking"));
        assertThat(r.hits().get(1).publishedAt()).isEqualTo(T.plusSeconds(60));
        assertThat(r.hitsTruncated()).isFalse();
    }

    @Test
    void everyMatchIsCountedButOnlyTheFirstOnesAreListed() {
        var replay = new CriticalPostReplay(RULES, 2);
        for (int i = 0; i < 5; i++) {
            replay.accept(post("m" + i, i, "south", "hacked again", null));
        }

        var r = replay.result();
        assertThat(r.matched()).isEqualTo(5);
        assertThat(r.hits())
                .extracting(CriticalPostReplay.Hit::mentionId)
                .containsExactly("m0", "m1");
        assertThat(r.hitsTruncated()).isTrue();
        assertThat(replay.posts()).isEqualTo(5);
    }

    @Test
    void withoutRulesNothingMatchesAndNegativeListSizesAreRefused() {
        var replay = new CriticalPostReplay(new CriticalPostRules(List.of()), 5);
        replay.accept(post("a", 0, "north", "We got hacked", null));
        assertThat(replay.result().matched()).isZero();
        assertThat(replay.result().replayed()).isEqualTo(1);
        assertThatThrownBy(() -> new CriticalPostReplay(RULES, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
