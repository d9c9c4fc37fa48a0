package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caresignal.alert.client.Mention;
import org.caresignal.alert.client.MentionPage;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.domain.detection.CriticalPostRules;
import org.junit.jupiter.api.Test;

/** The critical-post replay's paging (plain JUnit; pages stand in for sentiment-service). */
class BacktestServiceTest {

    private static final Instant T = Instant.parse("2026-01-06T00:00:00Z");
    private static final RuleService.CompiledRules RULES =
            new RuleService.CompiledRules(
                    new CriticalPostRules(
                            List.of(CriticalPostRules.Rule.of("breach", "breach", "hacked", null))),
                    Map.of());

    /** Mention {@code n}, published {@code n} minutes before T (newest first as n grows). */
    private static Mention mention(int n, String text) {
        return new Mention(
                new UUID(0, n),
                "north",
                null,
                "webhook",
                "post-" + n,
                null,
                text,
                T.minusSeconds(60L * n),
                SentimentLabel.NEGATIVE,
                -0.5,
                false,
                List.of(),
                "m",
                T,
                "en",
                text == null ? "PURGED" : null,
                0,
                SentimentLabel.NEGATIVE,
                -0.5,
                false,
                null,
                null,
                0);
    }

    /** Pages of {@code size} over mentions 0..count-1, joined by cursors "c1", "c2", ... */
    private static List<MentionPage> pages(int count, int size) {
        var pages = new ArrayList<MentionPage>();
        for (int from = 0, i = 0; from < count || i == 0; from += size, i++) {
            var items = new ArrayList<Mention>();
            for (int n = from; n < Math.min(count, from + size); n++) {
                items.add(mention(n, n % 3 == 0 ? "we got hacked" : n % 3 == 1 ? "fine" : null));
            }
            var next = from + size < count ? "c" + (i + 1) : null;
            pages.add(new MentionPage(0, size, null, next, items));
        }
        return pages;
    }

    private static BacktestService.CriticalPosts replay(
            List<MentionPage> pages, int max, List<String> asked) {
        return BacktestService.replayPages(
                cursor -> {
                    asked.add(String.valueOf(cursor));
                    return pages.get(cursor == null ? 0 : Integer.parseInt(cursor.substring(1)));
                },
                RULES,
                BacktestService.RULES_SAVED,
                "north",
                max);
    }

    @Test
    void everyPageIsReadByItsCursorUntilTheLast() {
        var asked = new ArrayList<String>();

        var result = replay(pages(7, 3), 100, asked);

        assertThat(asked).containsExactly("null", "c1", "c2");
        assertThat(result.status()).isEqualTo(BacktestService.CriticalPostStatus.REPLAYED);
        assertThat(result.replayedFrom()).isNull();
        assertThat(result.rules()).containsExactly("breach");
        assertThat(result.rulesSource()).isEqualTo("saved");
        var r = result.result();
        assertThat(r.posts()).isEqualTo(7);
        assertThat(r.replayed()).isEqualTo(5);
        assertThat(r.notReplayableReasons()).isEqualTo(Map.of("PURGED", 2L));
        // Mentions 0, 3 and 6 matched; listed oldest first.
        assertThat(r.matched()).isEqualTo(3);
        assertThat(r.hits())
                .extracting(h -> h.mentionId())
                .containsExactly(
                        new UUID(0, 6).toString(),
                        new UUID(0, 3).toString(),
                        new UUID(0, 0).toString());
    }

    @Test
    void pastTheLimitTheNewestAreReplayedAndTheAnswerSaysFromWhen() {
        var asked = new ArrayList<String>();

        var result = replay(pages(10, 3), 4, asked);

        assertThat(result.status()).isEqualTo(BacktestService.CriticalPostStatus.PARTIAL);
        assertThat(result.result().posts()).isEqualTo(4);
        // Mentions 0..3 were read: the oldest of them, 3 minutes before T.
        assertThat(result.replayedFrom()).isEqualTo(T.minusSeconds(180));
        assertThat(result.detail()).contains("replayedFrom");
        assertThat(asked).containsExactly("null", "c1");
    }

    @Test
    void exactlyTheLimitIsNotPartialAndAnEmptyRangeReplaysNothing() {
        var exactly = replay(pages(6, 3), 6, new ArrayList<>());
        assertThat(exactly.status()).isEqualTo(BacktestService.CriticalPostStatus.REPLAYED);
        assertThat(exactly.result().posts()).isEqualTo(6);

        var empty = replay(pages(0, 3), 6, new ArrayList<>());
        assertThat(empty.status()).isEqualTo(BacktestService.CriticalPostStatus.REPLAYED);
        assertThat(empty.result().posts()).isZero();
        assertThat(empty.result().hits()).isEmpty();
    }
}
