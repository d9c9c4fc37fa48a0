package org.caresignal.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.caresignal.ingest.domain.BrandMatcher;
import org.caresignal.ingest.domain.PostText;
import org.caresignal.ingest.domain.WatchQueryParser;
import org.caresignal.ingest.domain.WatchQuerySyntaxException;

/**
 * Any query either parses or is refused with a syntax error and its position; a parsed query
 * renders to text that parses again and can be matched against any post.
 */
class WatchQueryParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parse(FuzzedDataProvider data) {
        var query = data.consumeString(3000);
        var post = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        try {
            var parsed = WatchQueryParser.parse(query);
            parsed.matches(PostText.of(post));
            var again = WatchQueryParser.parse(parsed.render());
            assertThat(again.matches(PostText.of(post)))
                    .isEqualTo(parsed.matches(PostText.of(post)));
            new BrandMatcher(
                            java.util.List.of(
                                    new BrandMatcher.BrandRule("b", parsed, java.util.List.of())))
                    .match(post);
        } catch (WatchQuerySyntaxException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        try {
            WatchQueryParser.term(query);
        } catch (WatchQuerySyntaxException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
